// The namespaces a server render used, gathered per request on an i18next instance every request
// shares (as app/entry.server.tsx does), including work React resumes after a suspension.
import { PassThrough } from 'node:stream'
import { createInstance, type i18n as I18n } from 'i18next'
import { Suspense } from 'react'
import { renderToPipeableStream } from 'react-dom/server'
import { I18nextProvider, initReactI18next, useTranslation } from 'react-i18next'
import { describe, expect, it } from 'vitest'
import { namespaces, type Namespace } from './config.ts'
import {
  gatherNamespaces,
  namespacesElement,
  reportNamespacesOf,
} from './namespaces-used.server.ts'
import { resources } from './resources.ts'

async function shared(): Promise<I18n> {
  const instance = createInstance()
  await instance.use(initReactI18next).init({
    lng: 'zh-CN',
    fallbackLng: 'zh-CN',
    ns: [...namespaces],
    defaultNS: 'common',
    resources,
    interpolation: { escapeValue: false },
  })
  reportNamespacesOf(instance)
  return instance
}

function render(instance: I18n, page: React.ReactNode): Promise<{ html: string; used: string[] }> {
  const used = new Set<Namespace>()
  return new Promise((resolve, reject) => {
    const { pipe } = gatherNamespaces(used, () =>
      renderToPipeableStream(<I18nextProvider i18n={instance}>{page}</I18nextProvider>, {
        onAllReady() {
          const out = new PassThrough()
          let html = ''
          out.on('data', (chunk: Buffer) => (html += chunk.toString()))
          out.on('end', () => resolve({ html, used: [...used].sort() }))
          pipe(out)
        },
        onShellError: reject,
      }),
    )
  })
}

function Status() {
  // A key from another namespace, named in the key only.
  const { t } = useTranslation()
  return <p>{t('bookings:status.requested')}</p>
}

function Held({ held }: { held: boolean }) {
  // Named, though this render shows nothing of it: hydrating it would still need it.
  const { t } = useTranslation('moderation')
  return held ? <p>{t('tag')}</p> : null
}

function Market() {
  const { t } = useTranslation('equipment')
  return <h1>{t('market.title')}</h1>
}

/** Suspends until `gate` resolves, then reads `ns`: work React resumes in a later callback. */
function Later({ gate, ns }: { gate: Promise<void> & { done?: boolean }; ns: Namespace }) {
  if (!gate.done) {
    throw gate.then(() => {
      gate.done = true
    })
  }
  return <Reads ns={ns} />
}

function Reads({ ns }: { ns: Namespace }) {
  useTranslation(ns)
  return <span>{ns}</span>
}

describe('namespaces a render used', () => {
  it('lists those its components name and those its keys were found in, no others', async () => {
    const instance = await shared()
    const { html, used } = await render(
      instance,
      <>
        <Market />
        <Status />
        <Held held={false} />
      </>,
    )
    expect(html).toContain('仪器设备')
    expect(used).toEqual(['bookings', 'common', 'equipment', 'moderation'])
  })

  it('keeps each request’s list apart on the shared instance, across suspended work', async () => {
    const instance = await shared()
    let open: () => void = () => {}
    const gate = new Promise<void>((resolve) => (open = resolve))
    const first = render(
      instance,
      <Suspense fallback={null}>
        <Market />
        <Later gate={gate} ns="bids" />
      </Suspense>,
    )
    const second = render(
      instance,
      <Suspense fallback={null}>
        <Reads ns="events" />
        <Later gate={gate} ns="mentors" />
      </Suspense>,
    )
    open()
    const [a, b] = await Promise.all([first, second])
    expect(a.html).toContain('bids')
    expect(a.used).toEqual(['bids', 'equipment'])
    expect(b.used).toEqual(['events', 'mentors'])
  })

  it('writes the list as data the browser reads, with the response’s nonce', () => {
    expect(namespacesElement(new Set<Namespace>(['equipment', 'common']), 'n0+/=')).toBe(
      '<script type="application/json" id="zc-i18n-namespaces" nonce="n0+/=">["common","equipment"]</script>',
    )
  })
})
