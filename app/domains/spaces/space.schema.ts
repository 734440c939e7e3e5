// Vocabularies of spaces shared by the database schema, forms and pages.
export const spaceKinds = ['nursery', 'incubator', 'accelerator'] as const
export type SpaceKind = (typeof spaceKinds)[number]

export const filingStatuses = ['none', 'provincial', 'national'] as const
export type FilingStatus = (typeof filingStatuses)[number]
