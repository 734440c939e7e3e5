// The period a figures page, CSV or report covers: Beijing calendar months YYYY-MM, inclusive at
// both ends. Shared by the pages' forms (Conform) and the CSV and report routes.
import { z } from 'zod'

/** The longest period one request may ask for: five years of months. */
export const MAX_MONTHS = 60

const month = (required: string) =>
  z
    .string({ error: required })
    .trim()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'figures:errors.monthFormat' })

export const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1
export const monthOfIndex = (i: number) =>
  `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`

/** Every month from `from` to `to`, inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = []
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(monthOfIndex(i))
  return out
}

/** The range form; `thisMonth` (Beijing) bounds it, since a figure of the future is not known. */
export const periodSchema = (thisMonth: string) =>
  z
    .object({
      from: month('figures:errors.fromRequired'),
      to: month('figures:errors.toRequired'),
    })
    .superRefine((v, ctx) => {
      if (v.to > thisMonth)
        ctx.addIssue({ code: 'custom', path: ['to'], message: 'figures:errors.toFuture' })
      if (v.from > v.to)
        ctx.addIssue({ code: 'custom', path: ['from'], message: 'figures:errors.fromAfterTo' })
      else if (monthIndex(v.to) - monthIndex(v.from) + 1 > MAX_MONTHS)
        ctx.addIssue({ code: 'custom', path: ['from'], message: 'figures:errors.tooLong' })
    })

/** The default period: the twelve months ending with this one. */
export function defaultPeriod(thisMonth: string): { from: string; to: string } {
  return { from: monthOfIndex(monthIndex(thisMonth) - 11), to: thisMonth }
}
