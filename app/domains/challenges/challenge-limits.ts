// Limits and helpers of challenge forms that pages read (attachments, milestones, percentages,
// ratings), kept apart from the zod schemas so a page can use them without loading zod.
export const MAX_ATTACHMENTS = 8

/** At most this many milestones in one plan. */
export const MAX_MILESTONES = 12

/** "33.33" → 3333 (hundredths of a percent); null when it is not one. */
export function parsePercent(input: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(input.trim())
  if (!m) return null
  const hundredths = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
  return hundredths <= 10_000 ? hundredths : null
}

/** A whole, in hundredths of a percent. */
export const WHOLE_PERCENT = 10_000

export const RATING_BODY_MAX = 2000
