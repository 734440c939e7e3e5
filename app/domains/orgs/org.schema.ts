// Vocabularies of organisations shared by the database schema, forms and pages.
export const orgTypes = [
  'enterprise',
  'institute',
  'university',
  'startup',
  'investment_firm',
  'space_operator',
] as const
export type OrgType = (typeof orgTypes)[number]

export const orgRoles = ['owner', 'admin', 'member'] as const
export type OrgRole = (typeof orgRoles)[number]

export const documentKinds = ['business_license', 'authorisation_letter'] as const
export type DocumentKind = (typeof documentKinds)[number]
