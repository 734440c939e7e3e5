// The forms of bidding on a challenge: the 揭榜挂帅 application, the bid itself, and the poster's
// decisions on the review page. One schema per page serves Conform in the browser and the action.
import { z } from 'zod'

const text = (max: number, required = true) => {
  const base = z.string({ error: 'bids:errors.required' }).trim().max(max, {
    error: 'bids:errors.tooLong',
  })
  return required ? base.min(1, { error: 'bids:errors.required' }) : base.optional()
}
const reason = z
  .string({ error: 'bids:errors.reasonRequired' })
  .trim()
  .min(2, { error: 'bids:errors.reasonRequired' })
  .max(1000, { error: 'bids:errors.tooLong' })
const bidId = z.uuid({ error: 'bids:errors.notFound' })

/** Yuan as a person types it ("12000", "12,000.50"); parseYuan on the server makes it fen. */
export const priceYuan = z
  .string({ error: 'bids:errors.priceRequired' })
  .trim()
  .regex(/^[\d,，\s¥￥]+(\.\d{1,2})?$/, { error: 'bids:errors.priceFormat' })

export const BID_TIMELINE_MAX_DAYS = 3650

export const BidFieldsSchema = z.object({
  /** Required for a priced ('range') challenge; ignored for a fixed award. */
  priceYuan: priceYuan.optional(),
  timelineDays: z
    .number({ error: 'bids:errors.timelineDays' })
    .int({ error: 'bids:errors.timelineDays' })
    .min(1, { error: 'bids:errors.timelineDays' })
    .max(BID_TIMELINE_MAX_DAYS, { error: 'bids:errors.timelineDays' }),
  approach: text(10_000),
  team: text(4_000),
})
export type BidFields = z.infer<typeof BidFieldsSchema>

export const ApplicationFieldsSchema = z.object({
  profile: text(4_000),
  trackRecord: text(4_000),
  plan: text(4_000),
})
export type ApplicationFields = z.infer<typeof ApplicationFieldsSchema>

/** The bidder's page: apply (揭榜挂帅), bid or edit the bid, withdraw. */
export const BidderActionSchema = z.discriminatedUnion('intent', [
  ApplicationFieldsSchema.extend({ intent: z.literal('apply') }),
  BidFieldsSchema.extend({ intent: z.literal('bid') }),
  z.object({ intent: z.literal('withdraw') }),
])
export type BidderAction = z.infer<typeof BidderActionSchema>

/** The poster's review page: each decision names the bid it is about. */
export const PosterActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('admit'), bidId }),
  z.object({ intent: z.literal('reject-application'), bidId, reason }),
  z.object({ intent: z.literal('shortlist'), bidId }),
  z.object({ intent: z.literal('reject'), bidId, reason }),
  z.object({ intent: z.literal('award'), bidId }),
  z.object({ intent: z.literal('message'), bidId }),
  z.object({ intent: z.literal('no-award'), reason }),
])
export type PosterAction = z.infer<typeof PosterActionSchema>
