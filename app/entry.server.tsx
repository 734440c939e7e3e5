// Server rendering: one i18next instance per request in the detected language, and the
// response's CSP nonce on every script Remix emits.
import { PassThrough } from 'node:stream'
import {
  createReadableStreamFromReadable,
  type AppLoadContext,
  type EntryContext,
  type HandleDataRequestFunction,
} from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { createInstance } from 'i18next'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { NonceProvider } from './components/nonce.tsx'
import { fallbackLanguage, namespaces } from './i18n/config.ts'
import { i18next } from './i18n/i18next.server.ts'
import { resources } from './i18n/resources.ts'

const ABORT_DELAY = 5_000
// Kept in step with RETRY_AFTER_SECONDS of app/unavailable.server.ts (which this bundle does not
// import, to keep the server entry free of the database module).
const RETRY_AFTER_SECONDS = '5'

/** A part is away (see app/unavailable.server.ts): tell clients and proxies when to come back. */
function markRetry(status: number, headers: Headers): void {
  if (status === 503 && !headers.has('Retry-After')) headers.set('Retry-After', RETRY_AFTER_SECONDS)
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

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const instance = createInstance()
  const lng = await i18next.getLocale(request)
  await instance.use(initReactI18next).init({
    lng,
    fallbackLng: fallbackLanguage,
    ns: [...namespaces],
    defaultNS: 'common',
    resources,
    interpolation: { escapeValue: false },
  })
  const nonce = loadContext.nonce ?? ''
  markRetry(responseStatusCode, responseHeaders)
  const callback = isbot(request.headers.get('user-agent') ?? '') ? 'onAllReady' : 'onShellReady'

  return new Promise((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
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
        [callback]() {
          shellRendered = true
          const body = new PassThrough()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          )
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          if (shellRendered) console.error(error)
        },
      },
    )
    setTimeout(abort, ABORT_DELAY + 1000)
  })
}
