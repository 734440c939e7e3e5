// The 合格投资者 application form. The two texts an applicant agrees to (DECLARATION and
// SENSITIVE_CONSENT) are in deals.schema.ts, where the page reads them without loading zod.
import { z } from 'zod'
import { parseYuan } from '../payments/money.ts'
import {
  qualificationBases,
  QUALIFICATION_THRESHOLD_FEN,
  type QualificationBasis,
} from './deals.schema.ts'

const err = (key: string) => ({ error: `investors:errors.${key}` })

export type VerificationValues = { basis: QualificationBasis; declaredFen: number }

export const VerificationFormSchema = z
  .object({
    basis: z.enum(qualificationBases, err('basis')),
    declaredYuan: z
      .string(err('declaredRequired'))
      .trim()
      .min(1, err('declaredRequired'))
      .transform((v, ctx) => {
        const fen = parseYuan(v)
        if (fen === null || fen <= 0) {
          ctx.addIssue({ code: 'custom', message: 'investors:errors.amount' })
          return z.NEVER
        }
        return fen
      }),
    declaration: z.literal('on', err('declaration')),
    sensitiveConsent: z.literal('on', err('sensitiveConsent')),
  })
  .transform((f, ctx): VerificationValues => {
    const threshold = QUALIFICATION_THRESHOLD_FEN[f.basis]
    if (f.declaredYuan < threshold)
      ctx.addIssue({
        code: 'custom',
        message: `investors:errors.belowThreshold.${f.basis}`,
        path: ['declaredYuan'],
      })
    return { basis: f.basis, declaredFen: f.declaredYuan }
  })

export const DecisionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('approve') }),
  z.object({
    intent: z.literal('reject'),
    reason: z
      .string(err('reasonRequired'))
      .trim()
      .min(4, err('reasonRequired'))
      .max(1000, err('tooLong')),
  }),
])
