// Professionalized maker spaces (专业化众创空间) and their members along the incubation chain.
import { sql } from 'drizzle-orm'
import {
  check,
  date,
  index,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { statusCheck } from '../../app/domains/lifecycle/machine.ts'
import { membershipMachine, stages } from '../../app/domains/spaces/membership.machine.ts'
import { filingStatuses, spaceKinds } from '../../app/domains/spaces/space.schema.ts'
import { filingCheckMachine } from '../../app/domains/spaces/filing.machine.ts'
import { users } from './accounts.ts'
import { organisations } from './orgs.ts'

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

export const spaces = pgTable(
  'spaces',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    operatorOrgId: uuid('operator_org_id')
      .notNull()
      .references(() => organisations.id),
    segments: text('segments').array().notNull(),
    city: text('city').notNull(),
    kind: text('kind', { enum: spaceKinds }).notNull(),
    filing: text('filing', { enum: filingStatuses }).notNull().default('none'),
    // The 备案 文号 the operator declares with a provincial or national filing.
    filingReference: text('filing_reference'),
    // Whether a verifier has checked the declared filing (space_filing_events keeps the history).
    filingCheck: text('filing_check', { enum: filingCheckMachine.states })
      .notNull()
      .default('declared'),
    filingCheckNote: text('filing_check_note'),
    description: text('description').notNull().default(''),
    services: text('services')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('spaces_slug_key').on(t.slug),
    check('spaces_kind_check', statusCheck('kind', spaceKinds)),
    check('spaces_filing_check', statusCheck('filing', filingStatuses)),
    check('spaces_filing_check_check', statusCheck('filing_check', filingCheckMachine.states)),
    check('spaces_segments_check', sql`cardinality(${t.segments}) between 1 and 3`),
  ],
)

export const spaceMemberships = pgTable(
  'space_memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id, { onDelete: 'cascade' }),
    memberOrgId: uuid('member_org_id').references(() => organisations.id, { onDelete: 'cascade' }),
    memberUserId: uuid('member_user_id').references(() => users.id, { onDelete: 'cascade' }),
    stage: text('stage', { enum: stages }).notNull(),
    status: text('status', { enum: membershipMachine.states }).notNull().default('active'),
    admittedOn: date('admitted_on').notNull(),
    endedOn: date('ended_on'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    check('space_memberships_status_check', statusCheck('status', membershipMachine.states)),
    check('space_memberships_stage_check', statusCheck('stage', stages)),
    // A member is a startup (organisation) or a maker (person), never both.
    check(
      'space_memberships_one_member',
      sql`num_nonnulls(${t.memberOrgId}, ${t.memberUserId}) = 1`,
    ),
    uniqueIndex('space_memberships_active_org_key')
      .on(t.spaceId, t.memberOrgId)
      .where(sql`${t.status} = 'active' and ${t.memberOrgId} is not null`),
    uniqueIndex('space_memberships_active_user_key')
      .on(t.spaceId, t.memberUserId)
      .where(sql`${t.status} = 'active' and ${t.memberUserId} is not null`),
    index('space_memberships_org_idx').on(t.memberOrgId),
    // A space's members (its page, the list of spaces, its figures): without it every count of
    // one space's members reads every membership of every space.
    index('space_memberships_space_idx').on(t.spaceId, t.status),
  ],
)

export const spaceMembershipEvents = pgTable(
  'space_membership_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    membershipId: uuid('membership_id')
      .notNull()
      .references(() => spaceMemberships.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    fromStage: text('from_stage'),
    toStage: text('to_stage').notNull(),
    on: date('on').notNull(),
    note: text('note'),
    actorUserId: uuid('actor_user_id'),
    at: ts('at').notNull(),
  },
  (t) => [index('space_membership_events_membership_idx').on(t.membershipId)],
)

export const spaceFilingEvents = pgTable(
  'space_filing_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaces.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    // What was declared when this happened: the check is of that declaration.
    filing: text('filing').notNull(),
    filingReference: text('filing_reference'),
    actorUserId: uuid('actor_user_id'),
    note: text('note'),
    at: ts('at').notNull(),
  },
  (t) => [index('space_filing_events_space_idx').on(t.spaceId)],
)
