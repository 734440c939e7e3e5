// Vocabularies of instrument listings and their bookings, one `as const` list each, with the
// listing form's limits and defaults and the review's length: the database schema, the use cases,
// the zod schemas and the pages read them here. No zod here, so pages can.
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

export const MAX_SPECS = 30

export const MAX_PHOTOS = 8

export const MAX_CAPACITY = 50

export const MAX_KEYWORDS = 10

export const MAX_KEYWORD_LENGTH = 20

export const REVIEW_BODY_MAX = 2000

export const TRAINING_NOTE_MAX = 500

/** A fresh listing's form: open weekdays 09:00–17:00, so the common case needs no typing. */
export const newListingDefaults = {
  capacity: '1',
  changeoverMinutes: '0',
  leadTimeHours: '24',
  cancelFreeHours: '24',
  cancelLateFeePercent: '0',
  bookingMode: 'request',
  hours: Object.fromEntries(
    weekdays.map((d) => [
      d,
      { open: ['sat', 'sun'].includes(d) ? undefined : 'on', from: '09:00', to: '17:00' },
    ]),
  ),
}
