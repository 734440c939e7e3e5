// Logs never carry secrets: values under secret-looking keys and in query strings are redacted.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { log, redactUrl } from './log.server.ts'

afterEach(() => vi.restoreAllMocks())

describe('logs', () => {
  it('redacts passwords, tokens and codes at any depth', () => {
    const lines: string[] = []
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk))
      return true
    })
    // warn: the test run logs only warnings and errors.
    log.warn('test', {
      email: 'a@b.cn',
      password: 'hunter2-secret',
      nested: { sessionToken: 'abc.def', card: '4242424242424242' },
    })
    const entry = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>
    expect(entry.email).toBe('a@b.cn')
    expect(JSON.stringify(entry)).not.toMatch(/hunter2|abc\.def|4242/)
  })
  it('keeps a URL’s path and parameter names but not reset tokens', () => {
    expect(redactUrl('/reset-password?token=abcdef123&lng=en')).toBe(
      '/reset-password?token=[redacted]&lng=en',
    )
    expect(redactUrl('/spaces')).toBe('/spaces')
  })
})
