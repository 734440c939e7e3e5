// Where an audit entry's entity is looked after in the admin console, so each entry links to it.
const byEntity: Partial<Record<string, (id: string) => string>> = {
  organisation: (id) => `/admin/orgs/${id}`,
  user: (id) => `/admin/users/${id}`,
  investor_verification: (id) => `/admin/investors/${id}`,
  campaign: (id) => `/admin/campaigns?q=${id}`,
  challenge: (id) => `/admin/challenges?q=${id}`,
  equipment_listing: (id) => `/admin/listings?q=${id}`,
  space: () => '/admin/spaces',
  claim: () => '/admin/claims',
  dispute: () => '/admin/disputes',
  bank_transfer: () => '/admin/payments/transfers',
  custody_instruction: () => '/admin/payments/instructions',
  statement_import: () => '/admin/payments/statements',
  fee_schedule: () => '/admin/payments/fees',
  innovation_voucher: () => '/admin/vouchers',
  voucher_use: () => '/admin/vouchers',
  job: () => '/admin/jobs',
}

export function adminLinkOf(entity: string, entityId: string | null): string | null {
  const link = byEntity[entity]
  return link && entityId ? link(entityId) : null
}
