// The web process: security headers with a per-response script nonce, cross-site refusal,
// request ids and JSON logs, static assets, then Remix. Stateless: run as many as load needs.
import crypto from 'node:crypto'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { env, isHttps, isProduction, publicUrl } from './app/env.server.ts'
import { log, redactUrl } from './app/log.server.ts'
import { isCrossSiteRequest } from './app/security/csrf.ts'
import { securityHeaders } from './app/security/headers.ts'
import { closeDb } from './db/client.server.ts'
import { RETRY_AFTER_SECONDS } from './app/error-kinds.ts'
import { observeRequests } from './app/metrics.server.ts'
import { withUnavailablePages } from './app/unavailable.server.ts'

// Run as build/web.js (compiled by `npm run build`) in production, or as server.ts under tsx in
// development: either way the project root is where build/ lives.
const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.basename(here) === 'build' ? path.dirname(here) : here
const dev = process.argv.includes('--dev')

async function main(): Promise<void> {
  const config = env()
  const app = express()
  app.disable('x-powered-by')
  if (config.TRUST_PROXY) app.set('trust proxy', true)

  const viteDevServer = dev
    ? await import('vite').then((vite) => vite.createServer({ server: { middlewareMode: true } }))
    : undefined

  const siteOrigins = [new URL(publicUrl()).origin]

  // Once SIGTERM came, requests still arriving (on a kept-alive connection, or accepted just
  // before the listener closed) are turned away with 503 and the connection is closed, so a
  // load balancer retries them on another process; requests already running finish.
  let draining = false
  app.use((_req, res, next) => {
    if (!draining) return next()
    res.set('Connection', 'close')
    res.set('Retry-After', String(RETRY_AFTER_SECONDS))
    res.status(503).type('text/plain; charset=utf-8').send('503 服务正在重启 · Restarting')
  })

  app.use((req, res, next) => {
    const requestId = (req.get('x-request-id') ?? '').slice(0, 64) || crypto.randomUUID()
    const nonce = crypto.randomBytes(16).toString('base64')
    res.locals.requestId = requestId
    res.locals.nonce = nonce
    res.set('X-Request-Id', requestId)
    res.set(securityHeaders(nonce, { dev, https: isHttps() && isProduction() }))
    const started = process.hrtime.bigint()
    res.on('finish', () => {
      log.info('http', {
        requestId,
        method: req.method,
        path: redactUrl(req.originalUrl),
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
      })
    })
    next()
  })

  app.use((req, res, next) => {
    const hostOrigin = `${req.protocol}://${req.get('host') ?? ''}`
    const refused = isCrossSiteRequest({
      method: req.method,
      pathname: req.path,
      secFetchSite: req.get('sec-fetch-site'),
      origin: req.get('origin'),
      siteOrigins: [...siteOrigins, hostOrigin],
    })
    if (refused) {
      res
        .status(403)
        .type('text/plain; charset=utf-8')
        .send('403 跨站请求被拒绝 · Cross-site request refused')
      return
    }
    next()
  })

  app.use(compression())
  if (viteDevServer) {
    app.use(viteDevServer.middlewares)
  } else {
    app.use(
      '/assets',
      express.static(path.join(root, 'build/client/assets'), { immutable: true, maxAge: '1y' }),
    )
    // The files beside assets/ (favicon.svg) all have an extension; a page's path, or its data
    // (`.data`, for client navigations and forms), is not looked for on disk, which cost every
    // such request a failed stat.
    const files = express.static(path.join(root, 'build/client'), { maxAge: '1h' })
    const onDisk = (p: string) => /\.[a-z0-9]+$/i.test(p) && !p.endsWith('.data')
    app.use((req, res, next) => (onDisk(req.path) ? files(req, res, next) : next()))
  }

  const build = viteDevServer
    ? () =>
        (viteDevServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>).then(
          withUnavailablePages,
        )
    : withUnavailablePages((await import(path.join(root, 'build/server/index.js'))) as ServerBuild)

  // Durations by route for /metrics: only what reaches Remix (static files are not pages).
  app.use(observeRequests(build))
  app.all(
    '*',
    createRequestHandler({
      build,
      mode: dev ? 'development' : 'production',
      getLoadContext: (req, res) => ({
        nonce: String(res.locals.nonce),
        requestId: String(res.locals.requestId),
        ip: req.ip ?? '',
      }),
    }),
  )

  const server = app.listen(config.PORT, config.HOST, () => {
    log.info('web.ready', { url: publicUrl(), port: config.PORT })
    process.send?.({ type: 'ready' })
  })

  // Graceful stop: the listener closes (new connections are refused), running requests finish
  // and their connections close after the response (Connection: close while draining), idle
  // kept-alive connections are closed as they become idle. Exit 0 once the last connection is
  // gone; a request still running after 25 s is cut and the exit code says so.
  const shutdown = (signal: string) => {
    if (draining) return
    draining = true
    log.info('web.stopping', { signal })
    const sweep = setInterval(() => server.closeIdleConnections(), 100)
    let finished = false
    // Once: when the timer cuts the last connections, the listener's close callback follows
    // and must not turn the forced stop into a clean exit.
    const finish = (code: number) => {
      if (finished) return
      finished = true
      clearInterval(sweep)
      void closeDb().finally(() => process.exit(code))
    }
    server.close(() => finish(0))
    server.closeIdleConnections()
    setTimeout(() => {
      log.error('web.stop-timeout', { signal })
      server.closeAllConnections()
      finish(1)
    }, 25_000).unref()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
  // Started by `npm start`: if that parent dies, do not live on as an orphan.
  process.on('disconnect', () => shutdown('parent gone'))
}

main().catch((error: unknown) => {
  log.error('web.failed', { error: error instanceof Error ? error.stack : String(error) })
  process.exit(1)
})
