// Prometheus scrapes this with `Authorization: Bearer $METRICS_TOKEN`. Without a configured
// token the route does not exist (404); a wrong or missing token gets 401.
import crypto from 'node:crypto'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { env } from '~/env.server.ts'
import { renderMetrics } from '~/metrics.server.ts'

/** Compares digests of equal length, so the time taken says nothing about the token. */
function tokenMatches(header: string | null, token: string): boolean {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1] ?? ''
  const digest = (v: string) => crypto.createHash('sha256').update(v, 'utf8').digest()
  return crypto.timingSafeEqual(digest(given), digest(token))
}

export async function loader({ request }: LoaderFunctionArgs) {
  const token = env().METRICS_TOKEN
  if (!token)
    return new Response('Not Found', { status: 404, headers: { 'Cache-Control': 'no-store' } })
  if (!tokenMatches(request.headers.get('authorization'), token))
    return new Response('Unauthorized', {
      status: 401,
      headers: { 'WWW-Authenticate': 'Bearer realm="metrics"', 'Cache-Control': 'no-store' },
    })
  return new Response(await renderMetrics(), {
    headers: {
      'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
      'Cache-Control': 'no-store',
    },
  })
}
