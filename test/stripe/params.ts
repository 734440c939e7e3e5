// Parameter schemas for the endpoints, and the translation of a schema failure into the error
// Stripe gives for it (unknown parameter, missing parameter, invalid integer, …). Form values
// arrive as strings, so numbers and booleans are parsed here.
import { z } from 'zod'
import { StripeApiError, invalidRequest } from './errors.ts'
import type { ParamRecord } from './form.ts'

const custom = (ctx: z.core.$RefinementCtx, input: unknown, message: string, code?: string) => {
  ctx.issues.push({ code: 'custom', message, input, params: code ? { stripeCode: code } : {} })
  return z.NEVER
}

export const str = z.string()

/** A non-empty string; Stripe refuses an empty id or URL. */
export const id = z
  .string()
  .transform((s, ctx) =>
    s === '' ? custom(ctx, s, 'You passed an empty string', 'parameter_invalid_empty') : s,
  )

export const int = z
  .string()
  .transform((s, ctx) =>
    /^-?\d+$/.test(s) && Number.isSafeInteger(Number(s))
      ? Number(s)
      : custom(ctx, s, `Invalid integer: ${s}`, 'parameter_invalid_integer'),
  )

export const bool = z
  .string()
  .transform((s, ctx) =>
    s === 'true' ? true : s === 'false' ? false : custom(ctx, s, `Invalid boolean: ${s}`),
  )

/** `metadata[key]=value`; an empty value deletes the key, an empty `metadata` clears all. */
export const metadata = z.union([z.literal(''), z.record(z.string(), z.string())])

export const expand = z.array(z.string()).optional()

/** `created=123` or `created[gte]=…&created[lte]=…`. */
export const range = z.union([
  int,
  z.strictObject({
    gt: int.optional(),
    gte: int.optional(),
    lt: int.optional(),
    lte: int.optional(),
  }),
])
export type Range = z.output<typeof range>

export const listShape = {
  limit: int.optional(),
  starting_after: str.optional(),
  ending_before: str.optional(),
  created: range.optional(),
  expand,
}

/** Validates `params` against `schema`, throwing the error Stripe would give for the first problem. */
export function parseParams<T extends z.ZodType>(schema: T, params: ParamRecord): z.output<T> {
  // With the input in each issue, a wrong value and a missing one can be told apart.
  const result = schema.safeParse(params, { reportInput: true })
  if (result.success) return result.data
  throw toStripeError(result.error.issues)
}

function paramName(path: readonly PropertyKey[]): string {
  const [head, ...rest] = path.map(String)
  return (head ?? '') + rest.map((p) => `[${p}]`).join('')
}

function toStripeError(issues: readonly z.core.$ZodIssue[]): StripeApiError {
  // Stripe refuses unknown parameters before it looks at the values of known ones.
  const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]
  if (!issue) return invalidRequest('Invalid request')
  const param = paramName(issue.path)
  switch (issue.code) {
    case 'unrecognized_keys': {
      const unknown = paramName([...issue.path, issue.keys[0] ?? ''])
      return invalidRequest(`Received unknown parameter: ${unknown}`, {
        param: unknown,
        code: 'parameter_unknown',
      })
    }
    case 'invalid_type':
      if (issue.input === undefined) {
        return invalidRequest(`Missing required param: ${param}.`, {
          param,
          code: 'parameter_missing',
        })
      }
      return invalidRequest(`Invalid ${issue.expected === 'record' ? 'object' : issue.expected}`, {
        param,
      })
    case 'invalid_value':
      return invalidRequest(`Invalid ${param}: must be one of ${issue.values.join(', ')}`, {
        param,
      })
    case 'invalid_union': {
      // The unions are `created` (integer or range) and `metadata` ('' or a hash): the branch
      // that got furthest says what was wrong; failing both at the top, the hash's complaint.
      const firsts = issue.errors.flatMap((branch) => branch.slice(0, 1))
      const best =
        firsts.find((i) => i.code === 'custom' || i.code === 'unrecognized_keys') ??
        firsts.find((i) => i.path.length > 0) ??
        firsts.at(-1)
      if (best) return toStripeError([{ ...best, path: [...issue.path, ...best.path] }])
      return invalidRequest(`Invalid ${param}`, { param })
    }
    case 'custom': {
      const code: unknown = issue.params?.stripeCode
      return invalidRequest(issue.message, {
        param,
        ...(typeof code === 'string' ? { code } : {}),
      })
    }
    default:
      return invalidRequest(issue.message, { param })
  }
}
