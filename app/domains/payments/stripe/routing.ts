// How a payment's money goes through Stripe, shared by the provider, the webhook sync and the
// payout jobs (kept apart from them so none of them has to import another).

/**
 * Direct sales (equipment bookings) are paid to the payee when the payer pays: a destination
 * charge, where Stripe keeps the platform fee and transfers the rest with the charge.
 * Challenges and crowdfunding hold the money in escrow until a milestone is met or a campaign
 * succeeds: a separate charge, and transfers later.
 */
export const isDirectSale = (payment: { marketplace: string; businessKind: string }) =>
  payment.marketplace === 'equipment' && payment.businessKind !== DEPOSIT_KIND

/** A booking's deposit is the payer's money until the booking ends: always held in escrow. */
export const DEPOSIT_KIND = 'booking-deposit'

/** Charges and transfers of one payment share this group, so Stripe's reports tie them together. */
export const transferGroupOf = (paymentId: string) => `payment:${paymentId}`

/** The operation that records the transfer Stripe made with a destination charge. */
export const destinationTransferKey = (paymentId: string) => `zc:destination-transfer:${paymentId}`

/** Ledger operation keys named after Stripe's objects: whoever sees the object first posts it. */
export const collectKey = (chargeId: string) => `stripe:collect:${chargeId}`
export const refundPaidKey = (refundId: string) => `stripe:refund:${refundId}`
export const transferPaidKey = (transferId: string) => `stripe:transfer:${transferId}`

/** Stripe fields hold an id or, when expanded, the object. */
export const idOf = (ref: string | { id: string } | null | undefined): string | null =>
  typeof ref === 'string' ? ref : (ref?.id ?? null)
