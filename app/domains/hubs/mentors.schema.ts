// The forms of mentoring (创业导师): a space admin lists or edits a mentor; a member asks for a
// session; the mentor accepts (a time in Beijing time and a place or link), declines with a
// reason, or records the meeting; either side cancels. One schema per form for Conform and the
// action.
import { z } from 'zod'
import { fromBeijing } from '../challenges/beijing-time.ts'
import { segmentCodes } from '../spaces/segments.ts'

const e = (key: string) => ({ error: `mentors:errors.${key}` })

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, e('tooLong'))
    .optional()
    .transform((v) => v ?? '')

const required = (key: string, max: number, min = 1) =>
  z.string(e(key)).trim().min(min, e(key)).max(max, e('tooLong'))

/** One topic per line (or separated by 、，,), at most 8. */
const topicList = z
  .string()
  .optional()
  .transform((v) =>
    [
      ...new Set(
        (v ?? '')
          .split(/[\n、，,;；]+/)
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ].slice(0, 8),
  )
  .pipe(z.array(z.string().max(40, e('topicTooLong'))))

const MentorFields = {
  title: optionalText(60),
  affiliation: optionalText(120),
  bio: optionalText(2000),
  segments: z
    .array(z.string().refine((s) => segmentCodes.has(s), e('segmentUnknown')))
    .default([])
    .transform((l) => [...new Set(l)])
    .pipe(z.array(z.string()).max(3, e('segmentsCount'))),
  topics: topicList,
  availability: optionalText(300),
}

export const AddMentorSchema = z.object({
  intent: z.literal('add'),
  email: z.email(e('emailRequired')).trim().toLowerCase(),
  ...MentorFields,
})

export const EditMentorSchema = z.object({
  intent: z.literal('edit'),
  mentorId: z.uuid(e('notFound')),
  ...MentorFields,
})

export const MentorStatusSchema = z.object({
  intent: z.enum(['retire', 'relist']),
  mentorId: z.uuid(e('notFound')),
})

export const RequestSessionSchema = z.object({
  intent: z.literal('request'),
  mentorId: z.uuid(e('notFound')),
  topic: required('topicRequired', 120, 2),
  message: optionalText(2000),
  preferredTimes: optionalText(300),
})

const beijingTime = z
  .string(e('scheduledAtRequired'))
  .trim()
  .min(1, e('scheduledAtRequired'))
  .transform((v, ctx) => {
    const at = fromBeijing(v)
    if (!at) {
      ctx.addIssue({ code: 'custom', message: 'mentors:errors.scheduledAtRequired' })
      return z.NEVER
    }
    return at
  })

export const AcceptSessionSchema = z.object({
  intent: z.literal('accept'),
  scheduledAt: beijingTime,
  place: required('placeRequired', 300, 2),
})

export const DeclineSessionSchema = z.object({
  intent: z.literal('decline'),
  reason: required('reasonRequired', 1000, 2),
})

export const CancelSessionSchema = z.object({
  intent: z.literal('cancel'),
  reason: optionalText(1000),
})

export const RecordSessionSchema = z.object({
  intent: z.literal('record'),
  heldAt: beijingTime,
  durationMinutes: z
    .number(e('duration'))
    .int(e('duration'))
    .min(1, e('duration'))
    .max(1440, e('duration')),
  summary: required('summaryRequired', 4000, 5),
})
