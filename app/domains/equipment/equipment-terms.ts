// Vocabularies of instrument listings and their bookings, one `as const` list each: the database
// schema, the use cases, the zod schemas and the pages read them here.
export const equipmentCategories = [
  'research',
  'testing_inspection',
  'small_trial',
  'pilot_line',
  'prototyping',
] as const
export type EquipmentCategory = (typeof equipmentCategories)[number]

export const serviceModes = ['self_service', 'operator_run', 'sample_testing'] as const
export type ServiceMode = (typeof serviceModes)[number]

/** 检验检测机构资质认定 (CMA) and 中国合格评定国家认可委员会 (CNAS). */
export const accreditationKinds = ['CMA', 'CNAS'] as const
export type AccreditationKind = (typeof accreditationKinds)[number]

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Weekday = (typeof weekdays)[number]

/** How long an instantly booked slot waits for its payment. */
export const INSTANT_PAYMENT_MINUTES = 120
