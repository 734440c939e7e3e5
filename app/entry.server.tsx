// Server rendering: one i18next instance per language shared by every request, the response's
// CSP nonce on every script Remix emits, and the list of catalogue namespaces the render used at
// the end of the document (the browser loads only those before it hydrates).
import { Transform } from 'node:stream'
import {
  createReadableStreamFromReadable,
  type AppLoadContext,
  type EntryContext,
  type HandleDataRequestFunction,
} from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { createInstance, type i18n as I18n } from 'i18next'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { NonceProvider } from './components/nonce.tsx'
import { RETRY_AFTER_SECONDS } from './error-kinds.ts'
import { fallbackLanguage, namespaces, type Namespace } from './i18n/config.ts'
import { i18next } from './i18n/i18next.server.ts'
import {
  gatherNamespaces,
  namespacesElement,
  reportNamespacesOf,
} from './i18n/namespaces-used.server.ts'
import { resources } from './i18n/resources.ts'

const ABORT_DELAY = 5_000

/** A part is away (see app/unavailable.server.ts): tell clients and proxies when to come back. */
function markRetry(status: number, headers: Headers): void {
  if (status === 503 && !headers.has('Retry-After'))
    headers.set('Retry-After', String(RETRY_AFTER_SECONDS))
}

export const handleDataRequest: HandleDataRequestFunction = (response) => {
  markRetry(response.status, response.headers)
  return response
}

declare module '@remix-run/node' {
  interface AppLoadContext {
    nonce: string
    requestId: string
    ip: string
  }
}

// One initialised i18next per language, shared by every request: a render only reads it (the
// language never changes on it), and initialising one per request cost more than the render's
// own translation lookups.
const translators = new Map<string, Promise<I18n>>()

function translatorFor(lng: string): Promise<I18n> {
  let translator = translators.get(lng)
  if (!translator) {
    const instance = createInstance()
    translator = instance
      .use(initReactI18next)
      .init({
        lng,
        fallbackLng: fallbackLanguage,
        ns: [...namespaces],
        defaultNS: 'common',
        resources,
        interpolation: { escapeValue: false },
      })
      .then(() => {
        reportNamespacesOf(instance)
        keepLanguageHierarchy(instance)
        return instance
      })
    translators.set(lng, translator)
  }
  return translator
}

// On every t() call i18next works out again which languages to look the key up in (zh-CN, zh,
// then the fallback), through Intl.getCanonicalLocales: a tenth of a page's CPU in profiles. The
// answer depends only on the language asked for, and these instances never change language.
function keepLanguageHierarchy(instance: I18n) {
  const utils = instance.services.languageUtils as {
    toResolveHierarchy: (code: string, fallbackCode?: unknown) => string[]
  }
  const compute = utils.toResolveHierarchy.bind(utils)
  const known = new Map<string, string[]>()
  utils.toResolveHierarchy = (code, fallbackCode) => {
    if (fallbackCode !== undefined || typeof code !== 'string') return compute(code, fallbackCode)
    let codes = known.get(code)
    if (!codes) known.set(code, (codes = compute(code)))
    return codes.slice()
  }
}

// React hands the stream 2 KB pieces; each one crossing into a web stream and the socket on its
// own cost more CPU than rendering. Pages have no Suspense boundaries to stream early, so pieces
// are gathered and passed on in 64 KB batches (and the rest at the end, followed by `tail()`,
// asked only then: the render has finished).
const BATCH_BYTES = 64 * 1024

function batched(tail: () => string): Transform {
  let pending: Buffer[] = []
  let size = 0
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      pending.push(chunk)
      size += chunk.length
      if (size >= BATCH_BYTES) {
        const batch = Buffer.concat(pending, size)
        pending = []
        size = 0
        done(null, batch)
      } else done()
    },
    flush(done) {
      pending.push(Buffer.from(tail()))
      done(null, Buffer.concat(pending))
    },
  })
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const instance = await translatorFor(await i18next.getLocale(request))
  const nonce = loadContext.nonce ?? ''
  markRetry(responseStatusCode, responseHeaders)
  const bot = isbot(request.headers.get('user-agent') ?? '')

  // Common is always loaded: the error page and the form errors read it.
  const used = new Set<Namespace>(['common'])

  return new Promise((resolve, reject) => {
    let shellRendered = false
    let failure: { error: unknown } | null = null
    const { pipe, abort } = gatherNamespaces(used, () =>
      renderToPipeableStream(
        <NonceProvider value={nonce}>
          <I18nextProvider i18n={instance}>
            <RemixServer
              context={remixContext}
              url={request.url}
              abortDelay={ABORT_DELAY}
              nonce={nonce}
            />
          </I18nextProvider>
        </NonceProvider>,
        {
          nonce,
          onShellReady() {
            if (!bot) send()
          },
          onAllReady() {
            clearTimeout(deadline)
            // Crawlers get the whole page at once.
            if (bot) send()
          },
          onShellError(error: unknown) {
            reject(error)
          },
          onError(error: unknown) {
            responseStatusCode = 500
            if (shellRendered) console.error(error)
            else failure ??= { error }
          },
        },
      ),
    )
    // The render gives up after ABORT_DELAY. The timer holds the whole render (React's request,
    // the stream and every piece written to it), so it is cleared as soon as nothing is left to
    // render: left running, a busy server kept seconds' worth of finished pages in memory.
    // React calls back from setImmediate, never from within renderToPipeableStream: `deadline`
    // is set before any callback reads it.
    const deadline = setTimeout(abort, ABORT_DELAY + 1000)

    function send() {
      // A page that throws while rendering sits inside the Suspense boundary of root.tsx,
      // which would catch it: the layout would go out with an empty page, status 500 and
      // nothing logged. Failing the render here instead lets Remix log the error and answer
      // with the error page, as for any other render error.
      if (failure) {
        abort()
        reject(failure.error)
        return
      }
      shellRendered = true
      const body = batched(() => namespacesElement(used, nonce))
      responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
      resolve(
        new Response(createReadableStreamFromReadable(body), {
          headers: responseHeaders,
          status: responseStatusCode,
        }),
      )
      pipe(body)
    }
  })
}
