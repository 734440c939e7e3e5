// The security headers: what every response carries, and when HSTS is sent.
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { isHttps, isProduction, resetEnv } from '../env.server.ts'
import { securityHeaders } from './headers.ts'

const directives = (csp: string) =>
  Object.fromEntries(
    csp.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/)
      return [name, values]
    }),
  )

describe('securityHeaders', () => {
  it('lets scripts run only with this response’s nonce, never eval, never framed', () => {
    const h = securityHeaders('abc123==', { dev: false, https: false })
    const csp = directives(h['Content-Security-Policy'] ?? '')
    expect(csp['script-src']).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"])
    expect(JSON.stringify(csp)).not.toContain('unsafe-eval')
    expect(csp['script-src']).not.toContain("'unsafe-inline'")
    expect(csp['frame-ancestors']).toEqual(["'none'"])
    expect(csp['object-src']).toEqual(["'none'"])
    expect(csp['base-uri']).toEqual(["'self'"])
    expect(csp['form-action']).toEqual(["'self'"])
    expect(csp['default-src']).toEqual(["'self'"])
    expect(csp['connect-src']).toEqual(["'self'"])
    expect(h).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'X-Frame-Options': 'DENY',
    })
  })

  it('opens websockets only to the development server', () => {
    const dev = directives(
      securityHeaders('n', { dev: true, https: false })['Content-Security-Policy'] ?? '',
    )
    expect(dev['connect-src']).toEqual(["'self'", 'ws:', 'wss:'])
  })

  it('sends HSTS over HTTPS only', () => {
    expect(securityHeaders('n', { dev: false, https: true })['Strict-Transport-Security']).toBe(
      'max-age=63072000; includeSubDomains',
    )
    expect(securityHeaders('n', { dev: false, https: false })).not.toHaveProperty(
      'Strict-Transport-Security',
    )
  })
})

describe('when the web process sends HSTS', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
    resetEnv()
  })

  const deployment = (publicUrl: string, appEnv: string) => {
    vi.stubEnv('APP_ENV', appEnv)
    vi.stubEnv('PUBLIC_URL', publicUrl)
    vi.stubEnv('DATABASE_URL', 'postgres://db.internal/zhongchuang')
    vi.stubEnv('MEILISEARCH_URL', 'http://search.internal:7700')
    vi.stubEnv('SMTP_URL', 'smtp://mail.internal:25')
    vi.stubEnv('EVIDENCE_ENCRYPTION_KEY', Buffer.alloc(32, 7).toString('base64'))
    resetEnv()
    return isHttps() && isProduction()
  }

  it('decides by the public URL’s scheme in production, and only there', () => {
    // The expression server.ts passes as `https`; checked against its source below.
    expect(deployment('https://zhongchuang.example', 'production')).toBe(true)
    expect(deployment('http://zhongchuang.example', 'production')).toBe(false)
    expect(deployment('https://staging.zhongchuang.example', 'test')).toBe(false)
    expect(deployment('http://localhost:3000', 'development')).toBe(false)
  })

  it('is the decision server.ts makes for every response', () => {
    const server = fs.readFileSync(path.join(process.cwd(), 'server.ts'), 'utf8')
    expect(server).toMatch(
      /res\.set\(securityHeaders\(nonce, \{ dev, https: isHttps\(\) && isProduction\(\) \}\)\)/,
    )
    // Set before any route, static file or refusal answers, so none goes out without them.
    const headersAt = server.indexOf('res.set(securityHeaders(')
    for (const later of ['isCrossSiteRequest({', 'express.static(', 'createRequestHandler('])
      expect(server.indexOf(later)).toBeGreaterThan(headersAt)
  })
})
