// Forms of innovation vouchers (创新券): the grant an admin enters for the issuing agency, the
// agency's decision on a submitted redemption, and the provider's submission; one schema each
// for the page and its action.
import { z } from 'zod'
import { parseYuan } from '../payments/money.ts'

/** The largest grant one form accepts: ¥10,000,000, far above any bureau's voucher. */
export const MAX_GRANT_FEN = 1_000_000_000

const text = (required: string, max: number) =>
  z
    .string({ error: required })
    .trim()
    .min(1, { error: required })
    .max(max, { error: 'vouchers:errors.tooLong' })

export const GrantVoucherSchema = z.object({
  intent: z.literal('grant'),
  orgId: z.uuid({ error: 'vouchers:errors.orgRequired' }),
  issuer: text('vouchers:errors.issuerRequired', 100),
  reference: text('vouchers:errors.referenceRequired', 60),
  amount: z
    .string({ error: 'vouchers:errors.amountRequired' })
    .trim()
    .transform((v, ctx) => {
      const fen = parseYuan(v)
      if (fen === null || fen <= 0 || fen > MAX_GRANT_FEN) {
        ctx.addIssue({ code: 'custom', message: 'vouchers:errors.amount' })
        return z.NEVER
      }
      return fen
    }),
  expiresOn: z
    .string({ error: 'vouchers:errors.expiryRequired' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'vouchers:errors.expiryRequired' }),
  note: z
    .string()
    .trim()
    .max(500, { error: 'vouchers:errors.tooLong' })
    .optional()
    .transform((v) => v ?? ''),
})
export type GrantVoucher = z.infer<typeof GrantVoucherSchema>

export const DecideVoucherUseSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('reimburse'), useId: z.uuid() }),
  z.object({
    intent: z.literal('reject'),
    useId: z.uuid(),
    reason: z
      .string({ error: 'vouchers:errors.reasonRequired' })
      .trim()
      .min(2, { error: 'vouchers:errors.reasonRequired' })
      .max(500, { error: 'vouchers:errors.tooLong' }),
  }),
])

/** The admin page's forms: a grant, or a decision on a submitted redemption. */
export const AdminVoucherSchema = z.discriminatedUnion('intent', [
  GrantVoucherSchema,
  ...DecideVoucherUseSchema.options,
])

// The provider's page reads the stages from their own module, so it does not load zod for them.
export const SubmitRedemptionSchema = z.object({
  intent: z.literal('submit'),
  useId: z.uuid(),
})
