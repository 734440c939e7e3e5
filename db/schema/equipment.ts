// Instrument listings and their bookings. The rule that two live bookings of one unit of an
// instrument never overlap (changeover included) is the database's: an exclusion constraint
// over `blocked`, which a trigger derives from the booking's times, in the migration's SQL.
import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { statusCheck } from '../../app/domains/lifecycle/machine.ts'
import { bookingMachine } from '../../app/domains/equipment/booking.machine.ts'
import { depositClaimMachine } from '../../app/domains/equipment/deposit-claim.machine.ts'
import { listingMachine } from '../../app/domains/equipment/listing.machine.ts'
import { voucherUseMachine } from '../../app/domains/equipment/voucher.machine.ts'
import {
  type Accreditation,
  type OpeningHours,
  type Spec,
} from '../../app/domains/equipment/equipment.schema.ts'
import { equipmentCategories, serviceModes } from '../../app/domains/equipment/equipment-terms.ts'
import { users } from './accounts.ts'
import { organisations } from './orgs.ts'

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })
const fen = (name: string) => bigint(name, { mode: 'number' })

// drizzle has no range types; the value is PostgreSQL's text form, e.g. `["…","…")`.
const tstzrange = customType<{ data: string; driverData: string }>({
  dataType: () => 'tstzrange',
})

export const equipmentListings = pgTable(
  'equipment_listings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    createdByUserId: uuid('created_by_user_id').references(() => users.id, {
      onDelete: 'set null',
    }),
    name: text('name').notNull(),
    category: text('category', { enum: equipmentCategories }).notNull(),
    /**
     * The instrument type from the controlled vocabulary (search/vocabulary.ts), by id; null
     * until the owner chooses one. Not a foreign key: the vocabulary is reviewed data in code.
     */
    typeId: text('type_id'),
    /** The owner's free search keywords, beside the type's names. */
    keywords: text('keywords')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    manufacturer: text('manufacturer').notNull().default(''),
    model: text('model').notNull().default(''),
    specs: jsonb('specs').$type<Spec[]>().notNull().default([]),
    photoUploadIds: uuid('photo_upload_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    city: text('city').notNull(),
    address: text('address').notNull().default(''),
    segments: text('segments')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    accreditations: jsonb('accreditations').$type<Accreditation[]>().notNull().default([]),
    serviceModes: text('service_modes', { enum: serviceModes }).array().notNull(),
    /** The owner's price list; its shape and arithmetic belong to the pricing engine. */
    priceBlocks: jsonb('price_blocks').$type<Record<string, unknown>>().notNull().default({}),
    depositFen: fen('deposit_fen').notNull().default(0),
    /** A booking lasts a whole number of units, between min and max. */
    unitMinutes: integer('unit_minutes').notNull().default(60),
    minUnits: integer('min_units').notNull().default(1),
    maxUnits: integer('max_units').notNull().default(8),
    leadTimeHours: integer('lead_time_hours').notNull().default(0),
    /** Cleaning or recalibration after each booking, before the next may start. */
    changeoverMinutes: integer('changeover_minutes').notNull().default(0),
    /** Identical units: bookings are placed on unit numbers 1..capacity. */
    capacity: integer('capacity').notNull().default(1),
    samplesPerDay: integer('samples_per_day'),
    /** Cancelling at least this many hours before the start is free… */
    cancelFreeHours: integer('cancel_free_hours').notNull().default(24),
    /** …later, this share of the price is kept (basis points). */
    cancelLateFeeBp: integer('cancel_late_fee_bp').notNull().default(0),
    openingHours: jsonb('opening_hours').$type<OpeningHours>().notNull().default({}),
    /** Local (Shanghai) dates the instrument cannot be booked. */
    blackoutDates: date('blackout_dates', { mode: 'string' })
      .array()
      .notNull()
      .default(sql`'{}'::date[]`),
    instantBooking: boolean('instant_booking').notNull().default(false),
    memberPricing: boolean('member_pricing').notNull().default(false),
    vouchersAccepted: boolean('vouchers_accepted').notNull().default(false),
    status: text('status', { enum: listingMachine.states }).notNull().default('draft'),
    publishedAt: ts('published_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('equipment_listings_slug_key').on(t.slug),
    index('equipment_listings_org_idx').on(t.orgId),
    check('equipment_listings_status_check', statusCheck('status', listingMachine.states)),
    check('equipment_listings_category_check', statusCheck('category', equipmentCategories)),
    check(
      'equipment_listings_service_modes_check',
      sql.raw(
        `cardinality(service_modes) > 0 and service_modes <@ array[${serviceModes
          .map((m) => `'${m}'`)
          .join(', ')}]::text[]`,
      ),
    ),
    check(
      'equipment_listings_units_check',
      sql`unit_minutes > 0 and min_units between 1 and max_units`,
    ),
    check('equipment_listings_capacity_check', sql`capacity between 1 and 100`),
    check(
      'equipment_listings_times_check',
      sql`lead_time_hours >= 0 and changeover_minutes >= 0 and cancel_free_hours >= 0`,
    ),
    check('equipment_listings_fee_check', sql`cancel_late_fee_bp between 0 and 10000`),
    check('equipment_listings_deposit_check', sql`deposit_fen >= 0`),
  ],
)

export const equipmentBookings = pgTable(
  'equipment_bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listingId: uuid('listing_id')
      .notNull()
      .references(() => equipmentListings.id),
    /** Which of the listing's identical units (1..capacity) is held. */
    unitNo: integer('unit_no').notNull(),
    bookerUserId: uuid('booker_user_id')
      .notNull()
      .references(() => users.id),
    bookerOrgId: uuid('booker_org_id').references(() => organisations.id),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    /** The listing's changeover when booked: editing the listing later moves no booking. */
    changeoverMinutes: integer('changeover_minutes').notNull().default(0),
    /** [starts_at, ends_at + changeover): set by a trigger, read by the exclusion constraint. */
    blocked: tstzrange('blocked')
      .notNull()
      .default(sql`'empty'::tstzrange`),
    purpose: text('purpose').notNull().default(''),
    /** How the instrument is used: run by the booker after training, by the lab, or samples sent. */
    serviceMode: text('service_mode', { enum: serviceModes }).notNull().default('operator_run'),
    /** Sample testing: how many samples arrive on the booked day, what they are, how they come. */
    sampleCount: integer('sample_count'),
    sampleDescription: text('sample_description'),
    shippingDetails: text('shipping_details'),
    /** A retest is a booking of its own, linked to the one whose result it repeats. */
    retestOfBookingId: uuid('retest_of_booking_id'),
    reportUploadId: uuid('report_upload_id'),
    reportUploadedAt: ts('report_uploaded_at'),
    completedAt: ts('completed_at'),
    status: text('status', { enum: bookingMachine.states }).notNull(),
    /** Until when an undecided or unpaid booking holds its slot; the expiry timer's due time. */
    holdUntil: ts('hold_until'),
    cancelledByUserId: uuid('cancelled_by_user_id').references(() => users.id),
    cancelReason: text('cancel_reason'),
    /** The share of the price kept for a late cancellation (basis points), fixed when cancelled. */
    cancelFeeBp: integer('cancel_fee_bp'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('equipment_bookings_listing_idx').on(t.listingId, t.startsAt),
    index('equipment_bookings_booker_idx').on(t.bookerUserId),
    check('equipment_bookings_status_check', statusCheck('status', bookingMachine.states)),
    check('equipment_bookings_times_check', sql`ends_at > starts_at and changeover_minutes >= 0`),
    check('equipment_bookings_unit_check', sql`unit_no >= 1`),
    check('equipment_bookings_service_mode_check', statusCheck('service_mode', serviceModes)),
    index('equipment_bookings_booker_org_idx').on(t.bookerOrgId),
    index('equipment_bookings_retest_idx').on(t.retestOfBookingId),
  ],
)

/** Status history of bookings, written by every transition of the booking machine. */
export const equipmentBookingEvents = pgTable(
  'equipment_booking_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => equipmentBookings.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorUserId: uuid('actor_user_id'),
    note: text('note'),
    at: ts('at').notNull(),
  },
  (t) => [index('equipment_booking_events_booking_idx').on(t.bookingId)],
)

/** Who the owner has trained on a self-service instrument: only they may book it to run alone. */
export const equipmentTrainings = pgTable(
  'equipment_trainings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listingId: uuid('listing_id')
      .notNull()
      .references(() => equipmentListings.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    trainedByUserId: uuid('trained_by_user_id').references(() => users.id, {
      onDelete: 'set null',
    }),
    note: text('note').notNull().default(''),
    trainedAt: ts('trained_at').notNull(),
  },
  (t) => [uniqueIndex('equipment_trainings_listing_user_key').on(t.listingId, t.userId)],
)

/** One review per completed booking, by its booker. */
export const equipmentReviews = pgTable(
  'equipment_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => equipmentBookings.id, { onDelete: 'cascade' }),
    listingId: uuid('listing_id')
      .notNull()
      .references(() => equipmentListings.id, { onDelete: 'cascade' }),
    authorUserId: uuid('author_user_id')
      .notNull()
      .references(() => users.id),
    rating: integer('rating').notNull(),
    body: text('body').notNull().default(''),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('equipment_reviews_booking_key').on(t.bookingId),
    index('equipment_reviews_listing_idx').on(t.listingId, t.createdAt),
    check('equipment_reviews_rating_check', sql`rating between 1 and 5`),
  ],
)

/** The owner's claim on part of a deposit for documented damage; see the deposit-claim machine. */
export const depositClaims = pgTable(
  'deposit_claims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => equipmentBookings.id, { onDelete: 'cascade' }),
    paymentId: uuid('payment_id').notNull(),
    keptFen: fen('kept_fen').notNull(),
    reason: text('reason').notNull(),
    evidenceUploadIds: uuid('evidence_upload_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    status: text('status', { enum: depositClaimMachine.states }).notNull(),
    respondBy: ts('respond_by').notNull(),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('deposit_claims_booking_key').on(t.bookingId),
    check('deposit_claims_status_check', statusCheck('status', depositClaimMachine.states)),
    check('deposit_claims_kept_check', sql`kept_fen > 0`),
  ],
)

/**
 * Innovation vouchers (创新券) granted to a startup organisation by an issuing agency (entered
 * by a platform admin on its behalf). The balance is the amount less the uses that draw on it.
 */
export const innovationVouchers = pgTable(
  'innovation_vouchers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    issuer: text('issuer').notNull(),
    /** The agency's own number for the voucher, quoted on the redemption packet. */
    reference: text('reference').notNull(),
    amountFen: fen('amount_fen').notNull(),
    /** The last local (Shanghai) date it can be used. */
    expiresOn: date('expires_on', { mode: 'string' }).notNull(),
    grantedByUserId: uuid('granted_by_user_id').references(() => users.id),
    note: text('note').notNull().default(''),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('innovation_vouchers_org_idx').on(t.orgId),
    check('innovation_vouchers_amount_check', sql`amount_fen > 0`),
  ],
)

export const voucherUses = pgTable(
  'voucher_uses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    voucherId: uuid('voucher_id')
      .notNull()
      .references(() => innovationVouchers.id),
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => equipmentBookings.id),
    providerOrgId: uuid('provider_org_id')
      .notNull()
      .references(() => organisations.id),
    amountFen: fen('amount_fen').notNull(),
    status: text('status', { enum: voucherUseMachine.states }).notNull(),
    /** Packet number the provider quotes to the agency. */
    packetNo: text('packet_no'),
    submittedAt: ts('submitted_at'),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note'),
    /** After a rejection: the payment by which the booker pays the provider the voucher part. */
    debtPaymentId: uuid('debt_payment_id'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('voucher_uses_booking_key').on(t.bookingId),
    uniqueIndex('voucher_uses_packet_no_key').on(t.packetNo),
    index('voucher_uses_voucher_idx').on(t.voucherId),
    index('voucher_uses_provider_idx').on(t.providerOrgId),
    check('voucher_uses_status_check', statusCheck('status', voucherUseMachine.states)),
    check('voucher_uses_amount_check', sql`amount_fen > 0`),
  ],
)

export const voucherUseEvents = pgTable(
  'voucher_use_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    voucherUseId: uuid('voucher_use_id')
      .notNull()
      .references(() => voucherUses.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorUserId: uuid('actor_user_id'),
    note: text('note'),
    at: ts('at').notNull(),
  },
  (t) => [index('voucher_use_events_use_idx').on(t.voucherUseId)],
)
