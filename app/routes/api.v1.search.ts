// GET /api/v1/search: the offerings index for other systems. Public and read-only;
// rate-limited per IP; bad parameters get a 400 naming the parameter.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { apiAllowed } from '~/domains/api/rate-limit.server.ts'
import { ApiSearchSchema, toApiAnswer } from '~/domains/api/search-api.server.ts'
import { publicUrl } from '~/env.server.ts'
import { searchOfferings } from '../../search/query.server.ts'
import { withUnderstanding } from '../../search/understand.ts'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const limit = apiAllowed(context.ip || 'unknown')
  if (!limit.allowed) {
    return Response.json(
      {
        error: {
          code: 'rate_limited',
          message: 'Too many requests',
          retry_after: limit.retryAfterSeconds,
        },
      },
      { status: 429, headers: { 'Retry-After': String(limit.retryAfterSeconds) } },
    )
  }
  const url = new URL(request.url)
  const invalid = (parameter: string, message: string) =>
    Response.json({ error: { code: 'invalid_parameter', parameter, message } }, { status: 400 })
  // Each parameter once, as text: a repeated one would silently lose all but its last value,
  // and control characters (NUL above all) belong in no filter.
  for (const key of new Set(url.searchParams.keys())) {
    if (url.searchParams.getAll(key).length > 1) return invalid(key, 'given more than once')
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    if (/[\u0000-\u001f\u007f]/.test(url.searchParams.get(key) ?? ''))
      return invalid(key, 'holds control characters')
  }
  const parsed = ApiSearchSchema.safeParse(Object.fromEntries(url.searchParams))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const parameter =
      issue?.code === 'unrecognized_keys' ? (issue.keys[0] ?? '') : String(issue?.path[0] ?? '')
    return invalid(parameter, issue?.message ?? 'invalid')
  }
  const p = parsed.data
  // A city or segment named in q is applied as the page applies it, and reported back.
  const { params, understanding } = withUnderstanding({
    q: p.q,
    kind: p.kind,
    segment: p.segment,
    city: p.city,
    space: p.space,
    sort: p.sort,
    page: p.page,
    perPage: p.per_page,
  })
  const result = await searchOfferings(params)
  const understood = {
    city: understanding.applied.city ?? null,
    segment: understanding.applied.segment ?? null,
  }
  return Response.json(
    { ...toApiAnswer(result, publicUrl()), understood },
    {
      headers: { 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': '*' },
    },
  )
}
