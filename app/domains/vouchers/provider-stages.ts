/**
 * Where a provider's voucher use stands, as the provider acts on it: held until the service is
 * done, then ready to submit; then the agency's submitted, reimbursed or rejected.
 */
export const providerStages = ['ready', 'held', 'submitted', 'reimbursed', 'rejected'] as const
export type ProviderStage = (typeof providerStages)[number]
