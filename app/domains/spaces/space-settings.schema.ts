// The space admin's settings form: name, description and the declared 备案 with its 文号.
import { z } from 'zod'
import { filingStatuses } from './space.schema.ts'

export const SpaceSettingsSchema = z
  .object({
    name: z
      .string({ error: 'spaces:errors.nameRequired' })
      .trim()
      .min(2, { error: 'spaces:errors.nameRequired' })
      .max(100, { error: 'spaces:errors.nameRequired' }),
    description: z.string().trim().max(4000).optional(),
    filing: z.enum(filingStatuses, { error: 'spaces:errors.filingRequired' }),
    filingReference: z
      .string()
      .trim()
      .max(60, { error: 'moderation:filing.referenceLength' })
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.filing !== 'none' && (v.filingReference ?? '').length < 4)
      ctx.addIssue({
        code: 'custom',
        path: ['filingReference'],
        message: 'moderation:filing.referenceRequired',
      })
  })
export type SpaceSettings = z.infer<typeof SpaceSettingsSchema>
