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
import { listingMachine } from '../../app/domains/equipment/listing.machine.ts'
import {
  equipmentCategories,
  serviceModes,
  type Accreditation,
  type OpeningHours,
  type Spec,
} from '../../app/domains/equipment/equipment.schema.ts'
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
    sampleCount: integer('sample_count'),
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
