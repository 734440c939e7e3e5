/**
 * The terms whose change after publishing is material: investors are asked to reconfirm. Title,
 * one-liner, details, segments and the NDA text are not terms.
 */
export const materialTerms = [
  'targetFen',
  'maxFen',
  'minTicketFen',
  'minimumAcceptFen',
  'preMoneyFen',
  'securityType',
  'companyForm',
  'vehicle',
  'existingHolders',
  'deadline',
  'useOfFunds',
  'riskDisclosure',
] as const
export type MaterialTerm = (typeof materialTerms)[number]
