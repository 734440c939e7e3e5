// What a space runs for its members beyond admitting them: mentors (创业导师) and the sessions
// members request, and events (路演, training, contests, open days) with registrations, a
// waiting list, check-in, and for roadshows the startups presenting and the investors invited.
import { sql } from 'drizzle-orm'
import {
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import {
  eventAudiences,
  eventKinds,
  eventMachine,
  mentorSessionMachine,
  mentorStatuses,
  registrationMachine,
} from '../../app/domains/hubs/hub.machine.ts'
import { statusCheck } from '../../app/domains/lifecycle/machine.ts'
import { users } from './accounts.ts'
import { campaigns, investorProfiles } from './deals.ts'
import { organisations } from './orgs.ts'
import { spaceMemberships, spaces } from './spaces.ts'

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })
const texts = (name: string) =>
  text(name)
    .array()
    .notNull()
    .default(sql`'{}'::text[]`)

/** A mentor a space lists: a platform user, with what they advise on and when. */
export const spaceMentors = pgTable(
  'space_mentors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    // 头衔 and affiliation as the space presents them (教授, 高级工程师 · 某研究所).
    title: text('title').notNull().default(''),
    affiliation: text('affiliation').notNull().default(''),
    bio: text('bio').notNull().default(''),
    segments: texts('segments'),
    topics: texts('topics'),
    // Free text the way mentors give it: “每月第一个周三下午，线上或空间会议室”.
    availability: text('availability').notNull().default(''),
    status: text('status', { enum: mentorStatuses }).notNull().default('listed'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('space_mentors_space_user_key').on(t.spaceId, t.userId),
    check('space_mentors_status_check', statusCheck('status', mentorStatuses)),
    index('space_mentors_user_idx').on(t.userId),
  ],
)

export const mentorSessions = pgTable(
  'mentor_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mentorId: uuid('mentor_id')
      .notNull()
      .references(() => spaceMentors.id),
    // The membership through which the member asked (a space's mentors serve its members).
    membershipId: uuid('membership_id')
      .notNull()
      .references(() => spaceMemberships.id),
    requesterUserId: uuid('requester_user_id')
      .notNull()
      .references(() => users.id),
    requesterOrgId: uuid('requester_org_id').references(() => organisations.id),
    topic: text('topic').notNull(),
    message: text('message').notNull().default(''),
    preferredTimes: text('preferred_times').notNull().default(''),
    status: text('status', { enum: mentorSessionMachine.states }).notNull().default('requested'),
    // Set on accept: when and where the mentor proposes to meet.
    scheduledAt: ts('scheduled_at'),
    place: text('place'),
    // Set on record: when it took place, how long, and what was covered.
    heldAt: ts('held_at'),
    durationMinutes: integer('duration_minutes'),
    summary: text('summary'),
    declineReason: text('decline_reason'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    check('mentor_sessions_status_check', statusCheck('status', mentorSessionMachine.states)),
    check(
      'mentor_sessions_duration_check',
      sql`${t.durationMinutes} is null or ${t.durationMinutes} between 1 and 1440`,
    ),
    index('mentor_sessions_mentor_idx').on(t.mentorId),
    index('mentor_sessions_requester_idx').on(t.requesterUserId),
  ],
)

export const mentorSessionEvents = pgTable(
  'mentor_session_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => mentorSessions.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorUserId: uuid('actor_user_id'),
    note: text('note'),
    at: ts('at').notNull(),
  },
  (t) => [index('mentor_session_events_session_idx').on(t.sessionId)],
)

export const spaceEvents = pgTable(
  'space_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: eventKinds }).notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    description: text('description').notNull().default(''),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    // A place, an online link, or both (a hybrid roadshow).
    place: text('place'),
    onlineUrl: text('online_url'),
    capacity: integer('capacity').notNull(),
    audience: text('audience', { enum: eventAudiences }).notNull().default('public'),
    registrationClosesAt: ts('registration_closes_at'),
    status: text('status', { enum: eventMachine.states }).notNull().default('draft'),
    cancelReason: text('cancel_reason'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    check('space_events_status_check', statusCheck('status', eventMachine.states)),
    check('space_events_kind_check', statusCheck('kind', eventKinds)),
    check('space_events_audience_check', statusCheck('audience', eventAudiences)),
    check('space_events_time_check', sql`${t.endsAt} > ${t.startsAt}`),
    check('space_events_capacity_check', sql`${t.capacity} between 1 and 100000`),
    check('space_events_where_check', sql`num_nonnulls(${t.place}, ${t.onlineUrl}) >= 1`),
    index('space_events_space_starts_idx').on(t.spaceId, t.startsAt),
  ],
)

export const spaceEventStatusEvents = pgTable(
  'space_event_status_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => spaceEvents.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorUserId: uuid('actor_user_id'),
    note: text('note'),
    at: ts('at').notNull(),
  },
  (t) => [index('space_event_status_events_event_idx').on(t.eventId)],
)

export const eventRegistrations = pgTable(
  'event_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => spaceEvents.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    // The organisation the person registered for (a startup, an investment firm), if any.
    orgId: uuid('org_id').references(() => organisations.id),
    status: text('status', { enum: registrationMachine.states }).notNull(),
    // Shown to the registrant and typed (or scanned) at the door.
    checkInCode: text('check_in_code').notNull(),
    checkedInAt: ts('checked_in_at'),
    // The waiting list's order: who registered first gets the next seat.
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    check('event_registrations_status_check', statusCheck('status', registrationMachine.states)),
    // One live registration per person per event; a cancelled one may be followed by another.
    uniqueIndex('event_registrations_live_key')
      .on(t.eventId, t.userId)
      .where(sql`${t.status} <> 'cancelled'`),
    uniqueIndex('event_registrations_code_key').on(t.eventId, t.checkInCode),
    index('event_registrations_user_idx').on(t.userId),
  ],
)

export const eventRegistrationEvents = pgTable(
  'event_registration_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => eventRegistrations.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorUserId: uuid('actor_user_id'),
    note: text('note'),
    at: ts('at').notNull(),
  },
  (t) => [index('event_registration_events_registration_idx').on(t.registrationId)],
)

/** A startup presenting at a roadshow, in running order, optionally with its live campaign. */
export const eventPresenters = pgTable(
  'event_presenters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => spaceEvents.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    campaignId: uuid('campaign_id').references(() => campaigns.id),
    pitchTitle: text('pitch_title').notNull().default(''),
    position: integer('position').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('event_presenters_event_org_key').on(t.eventId, t.orgId)],
)

/** An investor (a #7 investor profile) invited to a roadshow; they still register for a seat. */
export const eventInvitations = pgTable(
  'event_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => spaceEvents.id, { onDelete: 'cascade' }),
    investorProfileId: uuid('investor_profile_id')
      .notNull()
      .references(() => investorProfiles.id),
    invitedBy: uuid('invited_by').references(() => users.id),
    invitedAt: ts('invited_at').notNull(),
  },
  (t) => [uniqueIndex('event_invitations_event_investor_key').on(t.eventId, t.investorProfileId)],
)
