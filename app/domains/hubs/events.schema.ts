// The forms of space events: one schema each, read by Conform in the browser and by the route
// actions. Times are typed in Beijing time (datetime-local) and leave as UTC instants; whether a
// time is still ahead is judged on the server with the product clock.
import { z } from 'zod'
import { fromBeijing } from '../challenges/beijing-time.ts'
import { eventAudiences, eventKinds } from './hub.machine.ts'

const err = (key: string) => ({ error: `events:errors.${key}` })

const when = (key: string) =>
  z
    .string(err(key))
    .trim()
    .min(1, err(key))
    .transform((v, ctx) => {
      const at = fromBeijing(v)
      if (!at) {
        ctx.addIssue({ code: 'custom', message: `events:errors.${key}` })
        return z.NEVER
      }
      return at
    })

const optionalWhen = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return null
    const at = fromBeijing(v)
    if (!at) {
      ctx.addIssue({ code: 'custom', message: 'events:errors.closesAt' })
      return z.NEVER
    }
    return at
  })

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, err('tooLong'))
    .optional()
    .transform((v) => (v ? v : null))

export const EventFormSchema = z
  .object({
    intent: z.enum(['save', 'publish']).default('save'),
    kind: z.enum(eventKinds, err('kind')),
    title: z.string(err('title')).trim().min(4, err('title')).max(120, err('tooLong')),
    summary: z.string(err('summary')).trim().min(4, err('summary')).max(300, err('tooLong')),
    description: z.string().trim().max(10_000, err('tooLong')).default(''),
    startsAt: when('startsAt'),
    endsAt: when('endsAt'),
    place: optionalText(200),
    onlineUrl: z
      .string()
      .trim()
      .max(500, err('tooLong'))
      .optional()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || /^https?:\/\/\S+$/i.test(v), err('onlineUrl')),
    capacity: z.coerce
      .number(err('capacity'))
      .int(err('capacity'))
      .min(1, err('capacity'))
      .max(100_000, err('capacity')),
    audience: z.enum(eventAudiences, err('audience')).default('public'),
    registrationClosesAt: optionalWhen,
  })
  .superRefine((v, ctx) => {
    if (v.endsAt.getTime() <= v.startsAt.getTime())
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'events:errors.endsBeforeStart' })
    if (!v.place && !v.onlineUrl)
      ctx.addIssue({ code: 'custom', path: ['place'], message: 'events:errors.placeOrLink' })
    if (v.registrationClosesAt && v.registrationClosesAt.getTime() > v.startsAt.getTime())
      ctx.addIssue({
        code: 'custom',
        path: ['registrationClosesAt'],
        message: 'events:errors.closesAfterStart',
      })
  })
export type EventForm = z.infer<typeof EventFormSchema>

export const CancelEventSchema = z.object({
  reason: z.string(err('reason')).trim().min(4, err('reason')).max(500, err('tooLong')),
})

export const CheckInSchema = z.object({
  code: z
    .string(err('code'))
    .trim()
    .min(4, err('code'))
    .max(12, err('code'))
    .transform((v) => v.toUpperCase().replace(/\s+/g, '')),
})

export const PresenterSchema = z.object({
  orgId: z.string(err('presenter')).uuid(err('presenter')),
  campaignId: z
    .string()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || z.string().uuid().safeParse(v).success, err('campaign')),
  pitchTitle: z.string().trim().max(120, err('tooLong')).default(''),
})

export const InviteSchema = z.object({
  investorProfileId: z.string(err('investor')).uuid(err('investor')),
})

export const RegisterSchema = z.object({
  as: z.enum(['person', 'org']).default('person'),
})

/** Cancelling one's own registration: nothing to type, only the intent. */
export const CancelRegistrationSchema = z.object({ confirm: z.literal('yes').default('yes') })

/** A row the admin acts on: a registration (check in, undo) or a presenter (move, remove). */
export const RegistrationRowSchema = z.object({
  registrationId: z.string(err('notFound')).uuid(err('notFound')),
})
export const PresenterRowSchema = z.object({
  presenterId: z.string(err('notFound')).uuid(err('notFound')),
})
/** Buttons that carry nothing but their intent (publish, mark held). */
export const EmptySchema = z.object({})
