// Structured JSON logs, one object a line. Values under keys that can hold secrets are replaced
// before anything is written.
const SECRET_KEY = /pass(word)?|token|secret|code|cookie|authorization|card|key/i

function redact(value: unknown, depth = 0): unknown {
  if (depth > 4 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value))
    out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1)
  return out
}

/** Query strings can carry reset tokens and codes: keep only the names of their parameters. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?')
  if (q < 0) return url
  const params = new URLSearchParams(url.slice(q + 1))
  const kept = [...params.keys()].map((k) =>
    SECRET_KEY.test(k) ? `${k}=[redacted]` : `${k}=${params.get(k)}`,
  )
  return `${url.slice(0, q)}?${kept.join('&')}`
}

const levels = { debug: 10, info: 20, warn: 30, error: 40 } as const
type Level = keyof typeof levels

function write(level: Level, event: string, fields: Record<string, unknown> = {}): void {
  const min = levels[(process.env.LOG_LEVEL as Level | undefined) ?? 'info'] ?? 20
  if (levels[level] < min) return
  const line = JSON.stringify({
    time: new Date().toISOString(),
    level,
    event,
    ...(redact(fields) as object),
  })
  if (level === 'error' || level === 'warn') process.stderr.write(line + '\n')
  else process.stdout.write(line + '\n')
}

export const log = {
  debug: (event: string, fields?: Record<string, unknown>) => write('debug', event, fields),
  info: (event: string, fields?: Record<string, unknown>) => write('info', event, fields),
  warn: (event: string, fields?: Record<string, unknown>) => write('warn', event, fields),
  error: (event: string, fields?: Record<string, unknown>) => write('error', event, fields),
}
