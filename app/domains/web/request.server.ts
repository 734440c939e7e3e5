// Small helpers every route action uses: who is calling from where, the request's language,
// and turning a UserError into a Conform reply that keeps what the user typed.
import type { AppLoadContext } from '@remix-run/node'
import type { SubmissionResult } from '@conform-to/react'
import { fallbackLanguage, isLanguage, type Language } from '../../i18n/config.ts'
import { i18next } from '../../i18n/i18next.server.ts'
import { RateLimitedError } from '../accounts/rate-limit.server.ts'
import { UserError } from '../problems.ts'
import { BAD_FILTER } from '../../error-kinds.ts'
import { z } from 'zod'

export function clientIp(context: AppLoadContext): string {
  return context.ip || 'unknown'
}

export async function requestLanguage(request: Request): Promise<Language> {
  const lng = await i18next.getLocale(request)
  return isLanguage(lng) ? lng : fallbackLanguage
}

type Reply = {
  reply: (options?: {
    formErrors?: string[]
    fieldErrors?: Record<string, string[]>
    hideFields?: string[]
  }) => SubmissionResult<string[]>
}

/**
 * A UserError becomes an error beside its field (or above the form); a rate limit becomes 429.
 * Values are encoded into the key as `key|{json}` so the page can interpolate them.
 */
export function replyWithError(submission: Reply, error: unknown, hideFields: string[] = []) {
  if (error instanceof RateLimitedError) {
    const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60))
    return {
      status: 429,
      result: submission.reply({
        formErrors: [`common:errors.rateLimited|${JSON.stringify({ minutes })}`],
        hideFields,
      }),
    }
  }
  if (error instanceof UserError) {
    const message = error.values
      ? `${error.messageKey}|${JSON.stringify(error.values)}`
      : error.messageKey
    const result = error.field
      ? submission.reply({ fieldErrors: { [error.field]: [message] }, hideFields })
      : submission.reply({ formErrors: [message], hideFields })
    return { status: 400, result }
  }
  throw error
}

/**
 * A link whose filter or sort the page cannot read: the root error page explains it in the
 * reader's language (its marker body tells it from other 400s).
 */
export function badRequest(): Response {
  return new Response(BAD_FILTER, { status: 400, statusText: 'Bad Request' })
}

// Control characters never belong in a filter; NUL would even be refused by PostgreSQL.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/g

// Pages pass schemas defined once per module: each strict copy is made on first use.
const strictSchemas = new WeakMap<z.ZodType, z.ZodType>()

/** The schema as a URL must satisfy it: a member's `.catch()` fallback no longer hides a bad value. */
function strictOf(schema: z.ZodType): z.ZodType {
  if (!(schema instanceof z.ZodObject)) return schema
  const known = strictSchemas.get(schema)
  if (known) return known
  const shape: Record<string, z.ZodType> = {}
  for (const [key, member] of Object.entries(schema.shape as Record<string, z.ZodType>))
    shape[key] = member instanceof z.ZodCatch ? (member.unwrap() as z.ZodType) : member
  const strict = z.object(shape)
  strictSchemas.set(schema, strict)
  return strict
}

/** A list's page number as a URL carries it. */
export const PageSchema = z.coerce.number().int().min(1).max(10_000).optional()

/** A list whose only parameter read this way is its page. */
export const PagedSchema = z.object({ page: PageSchema })

/** One free-text parameter (a name or words to look for), without control characters, cut to `max`. */
export function textParam(url: URL, key: string, max = 100): string {
  return (url.searchParams.get(key) ?? '').replace(CONTROL, ' ').trim().slice(0, max)
}

/**
 * A page's search parameters read with its zod schema, the one way every list and filter reads
 * them. A closed-set value outside its set, a repeated parameter, or a number that is not one is
 * a 400 page (docs/decisions/0021), even where the schema would quietly fall back. Empty values
 * count as absent (a form's "any" option sends them); control characters are dropped; the free
 * text keys in `text` are cut to their length, never refused. Unknown keys are ignored.
 */
export function searchParamsOf<S extends z.ZodType>(
  request: Request,
  schema: S,
  options: { text?: Record<string, number> } = {},
): z.output<S> {
  const params = new URL(request.url).searchParams
  const entries: [string, string | string[]][] = []
  for (const key of new Set(params.keys())) {
    const limit = options.text?.[key]
    const values = params
      .getAll(key)
      .map((v) => v.replace(CONTROL, ' ').trim())
      .filter((v) => v !== '')
    if (values.length === 0) continue
    if (limit !== undefined) entries.push([key, values.join(' ').slice(0, limit)])
    else entries.push([key, values.length === 1 ? (values[0] ?? '') : values])
  }
  // fromEntries defines own properties, so a `__proto__` key is just an unknown key.
  const raw = Object.fromEntries(entries)
  // Where the strict copy accepts the values, the page's schema gives the same output (its
  // fallbacks were not needed): one parse.
  const parsed = strictOf(schema).safeParse(raw)
  if (!parsed.success) throw badRequest()
  return parsed.data as z.output<S>
}
