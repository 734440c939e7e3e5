// The forms of an awarded challenge's workspace (/challenges/:id/work), shared by the page and
// its action: proposing a milestone plan (by amounts or by percentages), answering it,
// delivering, accepting or asking for a revision, disputing, asking to cancel.
import { z } from 'zod'
import { MAX_MILESTONES } from './challenge-limits.ts'

const reason = z
  .string({ error: 'challenge-work:errors.reason' })
  .trim()
  .min(2, { error: 'challenge-work:errors.reason' })
  .max(2000, { error: 'challenge-work:errors.reason' })
const id = z.string({ error: 'challenge-work:errors.notFound' }).uuid({
  error: 'challenge-work:errors.notFound',
})

export const planModes = ['amount', 'percent'] as const
export type PlanMode = (typeof planModes)[number]

/** A milestone as typed: its share is yuan ("12000.50") or a percentage ("33.33"). */
export const PlanItemSchema = z.object({
  title: z
    .string({ error: 'challenge-work:errors.itemTitle' })
    .trim()
    .min(2, { error: 'challenge-work:errors.itemTitle' })
    .max(200, { error: 'challenge-work:errors.itemTitle' }),
  dueOn: z
    .string({ error: 'challenge-work:errors.dueOn' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'challenge-work:errors.dueOn' }),
  share: z
    .string({ error: 'challenge-work:errors.share' })
    .trim()
    .regex(/^\d{1,9}(\.\d{1,2})?$/, { error: 'challenge-work:errors.share' }),
})
export type PlanItemInput = z.infer<typeof PlanItemSchema>

export const WorkActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('propose'),
    mode: z.enum(planModes, { error: 'challenge-work:errors.mode' }),
    items: z
      .array(PlanItemSchema, { error: 'challenge-work:errors.items' })
      .min(1, { error: 'challenge-work:errors.items' })
      .max(MAX_MILESTONES, { error: 'challenge-work:errors.items' }),
    note: z.string().trim().max(2000).optional(),
  }),
  z.object({ intent: z.literal('agree'), planId: id }),
  z.object({
    intent: z.literal('submit'),
    milestoneId: id,
    notes: z.string().trim().max(5000).optional(),
  }),
  z.object({ intent: z.literal('accept'), milestoneId: id }),
  z.object({ intent: z.literal('revise'), milestoneId: id, reason }),
  z.object({ intent: z.literal('dispute'), milestoneId: id, reason }),
  z.object({ intent: z.literal('cancel'), reason }),
])
export type WorkAction = z.infer<typeof WorkActionSchema>
