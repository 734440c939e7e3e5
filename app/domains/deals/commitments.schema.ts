// The commitment forms' fields, shared by the pages (validation as the investor types) and the
// actions. Amounts are typed in yuan and become fen on the server (parseYuan).
import { z } from 'zod'
import { parseYuan } from '../payments/money.ts'
import { commitmentMethods } from './deals.schema.ts'

export const CommitSchema = z.object({
  profileId: z.uuid({ error: 'commitments:errors.profile' }),
  amount: z
    .string({ error: 'commitments:errors.amount' })
    .trim()
    .refine((v) => (parseYuan(v) ?? 0) > 0, { error: 'commitments:errors.amount' }),
  method: z.enum(commitmentMethods, { error: 'commitments:errors.method' }),
  termsVersion: z.coerce.number().int().positive(),
  riskAck: z.literal('on', { error: 'commitments:errors.riskAck' }),
  termsAck: z.literal('on', { error: 'commitments:errors.termsAck' }),
})

export const CommitmentActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('cancel') }),
  z.object({ intent: z.literal('reconfirm') }),
  z.object({ intent: z.literal('retry'), paymentMethodId: z.string().optional() }),
  z.object({ intent: z.literal('new-card') }),
  z.object({ intent: z.literal('save-card') }),
])

export const DecisionSchema = z.object({ intent: z.enum(['accept', 'decline']) })

export const WithdrawSchema = z.object({
  reason: z
    .string({ error: 'commitments:withdraw.errors.reason' })
    .trim()
    .min(5, { error: 'commitments:withdraw.errors.reason' })
    .max(1000, { error: 'commitments:withdraw.errors.reason' }),
  confirm: z.literal('on', { error: 'commitments:withdraw.errors.confirm' }),
})

export const AdminCampaignSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('complete'), campaignId: z.uuid() }),
  z.object({
    intent: z.literal('reject'),
    campaignId: z.uuid(),
    reason: z
      .string({ error: 'commitments:admin.errors.reason' })
      .trim()
      .min(5, { error: 'commitments:admin.errors.reason' })
      .max(1000, { error: 'commitments:admin.errors.reason' }),
  }),
  z.object({
    intent: z.literal('withdraw'),
    campaignId: z.uuid(),
    reason: z
      .string({ error: 'commitments:admin.errors.reason' })
      .trim()
      .min(5, { error: 'commitments:admin.errors.reason' })
      .max(1000, { error: 'commitments:admin.errors.reason' }),
  }),
])
