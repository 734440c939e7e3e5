// The forms of the admin's payment pages (transfers, one payment's release and refund, custody
// instructions, fee schedules, statement imports), one zod schema each. The routes' actions check
// with them on the server; the browser loads this module on first use and runs the same checks,
// so nothing here may import server code. Messages are catalogue keys.
import { z } from 'zod'
import { todayInShanghai } from '../challenges/beijing-time.ts'
import { parseYuan } from './money.ts'
import { feeModes, marketplaces } from './payments.schema.ts'

/** Yuan as typed ("1,234.5"), read into fen; more than zero. */
const YuanSchema = z
  .string({ error: 'admin:payments.errors.amountRequired' })
  .trim()
  .transform((v, ctx) => {
    const fen = parseYuan(v)
    if (fen === null || fen <= 0) {
      ctx.addIssue({ code: 'custom', message: 'admin:payments.errors.amount' })
      return z.NEVER
    }
    return fen
  })

/** Why an admin rejects or moves money, as the parties and the audit log read it. */
const ReasonSchema = z
  .string({ error: 'admin:payments.errors.reasonRequired' })
  .trim()
  .min(2, { error: 'admin:payments.errors.reasonRequired' })
  .max(500, { error: 'admin:payments.errors.tooLong' })

export const TransferSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('record'),
    reference: z
      .string({ error: 'admin:payments.errors.referenceRequired' })
      .trim()
      .toUpperCase()
      .max(40, { error: 'admin:payments.errors.tooLong' }),
    amount: YuanSchema,
    receivedOn: z
      .string({ error: 'admin:payments.errors.dateRequired' })
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'admin:payments.errors.dateRequired' })
      // A transfer cannot arrive later than today in China, where the custody account is; the day
      // of the browser or the server, with a day's slack for a clock in another zone.
      .refine((d) => d <= todayInShanghai(new Date(Date.now() + 86_400_000)), {
        error: 'admin:payments.errors.dateFuture',
      }),
    payerName: z
      .string({ error: 'admin:payments.errors.payerNameRequired' })
      .trim()
      .min(2, { error: 'admin:payments.errors.payerNameRequired' })
      .max(100, { error: 'admin:payments.errors.tooLong' }),
  }),
  z.object({ intent: z.literal('approve'), transferId: z.uuid() }),
  z.object({
    intent: z.literal('reject'),
    transferId: z.uuid(),
    reason: ReasonSchema,
  }),
])

// The operation key comes from the loader: a second submit of the same form posts nothing twice.
export const MoneyOutSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('release'),
    operationKey: z.uuid({ error: 'admin:errors.conflict' }),
    amount: YuanSchema,
    reason: ReasonSchema,
  }),
  z.object({
    intent: z.literal('refund'),
    operationKey: z.uuid({ error: 'admin:errors.conflict' }),
    amount: YuanSchema,
    reason: ReasonSchema,
  }),
])

export const InstructionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('approve'), instructionId: z.uuid() }),
  z.object({
    intent: z.literal('reject'),
    instructionId: z.uuid(),
    reason: ReasonSchema,
  }),
  z.object({
    intent: z.literal('execute'),
    instructionId: z.uuid(),
    bankReference: z
      .string({ error: 'payments:instructions.errors.bankReference' })
      .trim()
      .min(4, { error: 'payments:instructions.errors.bankReference' })
      .max(100, { error: 'admin:payments.errors.tooLong' }),
  }),
])

/** The most a fee may take, in basis points (the database refuses more as well). */
const MAX_RATE_BP = 5000

export const FeeScheduleSchema = z.object({
  marketplace: z.enum(marketplaces),
  // A percentage with up to two decimals ("5", "2.75") is a whole number of basis points.
  rate: z
    .string({ error: 'admin:payments.fees.errors.rateRequired' })
    .trim()
    .transform((v, ctx) => {
      const cleaned = v.replace(/[%％\s]/g, '')
      if (!/^\d{1,3}(\.\d{1,2})?$/.test(cleaned)) {
        ctx.addIssue({ code: 'custom', message: 'admin:payments.fees.errors.rate' })
        return z.NEVER
      }
      const [whole = '0', part = ''] = cleaned.split('.')
      return Number(whole) * 100 + Number(part.padEnd(2, '0'))
    })
    .pipe(z.number().max(MAX_RATE_BP, { error: 'admin:payments.fees.errors.rateTooHigh' })),
  minimum: z
    .string({ error: 'admin:payments.fees.errors.minimumRequired' })
    .trim()
    .transform((v, ctx) => {
      const fen = parseYuan(v)
      if (fen === null) {
        ctx.addIssue({ code: 'custom', message: 'admin:payments.errors.amount' })
        return z.NEVER
      }
      return fen
    }),
  mode: z.enum(feeModes, { error: 'admin:payments.fees.errors.modeRequired' }),
})

export const ImportSchema = z.object({
  file: z
    .instanceof(File, { error: 'admin:payments.errors.fileRequired' })
    .refine((f) => f.size > 0, { error: 'admin:payments.errors.fileRequired' }),
})
