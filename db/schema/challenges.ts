// Innovation challenges (众包 / 揭榜挂帅): the posting with its versions, NDA texts and their
// acceptances, questions and answers, bids (one live bid per person and per organisation, by
// partial unique indexes), the agreed milestones and their deliverables, and the two parties'
// ratings of each other.
import { sql } from 'drizzle-orm'
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import {
  bidMachine,
  challengeMachine,
  milestoneMachine,
  milestonePlanMachine,
} from '../../app/domains/challenges/challenge.machine.ts'
import {
  awardModes,
  challengeTypes,
  confidentialities,
  eligibilities,
  ipTerms,
  solicitationModes,
} from '../../app/domains/challenges/challenge.schema.ts'
import { statusCheck } from '../../app/domains/lifecycle/machine.ts'
import { users } from './accounts.ts'
import { organisations } from './orgs.ts'

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })
const fen = (name: string) => bigint(name, { mode: 'number' })
const uuids = (name: string) =>
  uuid(name)
    .array()
    .notNull()
    .default(sql`'{}'::uuid[]`)
const texts = (name: string) =>
  text(name)
    .array()
    .notNull()
    .default(sql`'{}'::text[]`)

/** An organisation's NDA, versioned: a new text is a new row; acceptances name the row. */
export const ndaTexts = pgTable(
  'nda_texts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('nda_texts_org_version_key').on(t.orgId, t.version)],
)

export const challenges = pgTable(
  'challenges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    status: text('status', { enum: challengeMachine.states }).notNull().default('draft'),
    /** Bumped by every amendment after publishing; challenge_versions keeps each one. */
    version: integer('version').notNull().default(1),
    title: text('title').notNull(),
    /** Always public, even for an NDA challenge: what the index and the teaser show. */
    summary: text('summary').notNull(),
    /** Behind the NDA when confidentiality is 'nda'. */
    details: text('details').notNull().default(''),
    segments: texts('segments'),
    type: text('type', { enum: challengeTypes }).notNull(),
    solicitation: text('solicitation', { enum: solicitationModes }).notNull().default('open'),
    awardMode: text('award_mode', { enum: awardModes }).notNull(),
    /** Fixed award; or the budget range bids are priced within. */
    awardFen: fen('award_fen'),
    budgetMinFen: fen('budget_min_fen'),
    budgetMaxFen: fen('budget_max_fen'),
    bidDeadline: ts('bid_deadline').notNull(),
    awardDeadline: ts('award_deadline').notNull(),
    deliveryDeadline: ts('delivery_deadline').notNull(),
    ipTerms: text('ip_terms', { enum: ipTerms }).notNull(),
    confidentiality: text('confidentiality', { enum: confidentialities })
      .notNull()
      .default('public'),
    ndaTextId: uuid('nda_text_id').references(() => ndaTexts.id),
    eligibility: text('eligibility', { enum: eligibilities }).notNull().default('anyone'),
    eligibleSpaceIds: uuids('eligible_space_ids'),
    eligibleSegments: texts('eligible_segments'),
    /** Public attachments; confidential ones are `confidentialUploadIds`. */
    attachmentUploadIds: uuids('attachment_upload_ids'),
    confidentialUploadIds: uuids('confidential_upload_ids'),
    awardedBidId: uuid('awarded_bid_id'),
    /** Milestones agreed and the award funded by then, or the award lapses. */
    fundingDeadline: ts('funding_deadline'),
    closedReason: text('closed_reason'),
    publishedAt: ts('published_at'),
    completedAt: ts('completed_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('challenges_slug_key').on(t.slug),
    index('challenges_org_idx').on(t.orgId),
    index('challenges_status_idx').on(t.status, t.bidDeadline),
    check('challenges_status_check', statusCheck('status', challengeMachine.states)),
    check('challenges_type_check', statusCheck('type', challengeTypes)),
    check('challenges_ip_check', statusCheck('ip_terms', ipTerms)),
    check('challenges_award_check', statusCheck('award_mode', awardModes)),
    check(
      'challenges_award_amounts_check',
      sql`(award_mode = 'fixed' and award_fen > 0) or (award_mode = 'range' and budget_min_fen > 0 and budget_max_fen >= budget_min_fen)`,
    ),
    check(
      'challenges_deadlines_check',
      sql`bid_deadline <= award_deadline and award_deadline <= delivery_deadline`,
    ),
    check('challenges_nda_check', sql`confidentiality = 'public' or nda_text_id is not null`),
  ],
)

/** Each published version of a challenge, so amendments are traceable and bidders told. */
export const challengeVersions = pgTable(
  'challenge_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** The fields as they were published in this version. */
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    note: text('note').notNull().default(''),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('challenge_versions_key').on(t.challengeId, t.version)],
)

export const challengeEvents = pgTable(
  'challenge_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorUserId: uuid('actor_user_id'),
    note: text('note'),
    at: ts('at').notNull(),
  },
  (t) => [index('challenge_events_challenge_idx').on(t.challengeId)],
)

/** Who accepted which NDA text for which challenge, and when. */
export const ndaAcceptances = pgTable(
  'nda_acceptances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    ndaTextId: uuid('nda_text_id')
      .notNull()
      .references(() => ndaTexts.id),
    ndaVersion: integer('nda_version').notNull(),
    ip: text('ip'),
    acceptedAt: ts('accepted_at').notNull(),
  },
  (t) => [uniqueIndex('nda_acceptances_key').on(t.challengeId, t.userId, t.ndaTextId)],
)

export const challengeQuestions = pgTable(
  'challenge_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'cascade' }),
    askedByUserId: uuid('asked_by_user_id')
      .notNull()
      .references(() => users.id),
    question: text('question').notNull(),
    answer: text('answer'),
    answeredByUserId: uuid('answered_by_user_id').references(() => users.id),
    answeredAt: ts('answered_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('challenge_questions_challenge_idx').on(t.challengeId, t.createdAt)],
)

export const challengeBids = pgTable(
  'challenge_bids',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'cascade' }),
    bidderUserId: uuid('bidder_user_id')
      .notNull()
      .references(() => users.id),
    /** The organisation the person bids for; null when bidding alone. */
    bidderOrgId: uuid('bidder_org_id').references(() => organisations.id),
    status: text('status', { enum: bidMachine.states }).notNull(),
    /** 揭榜挂帅 application: who they are, their track record, a short plan. */
    applicationProfile: text('application_profile').notNull().default(''),
    trackRecord: text('track_record').notNull().default(''),
    applicationPlan: text('application_plan').notNull().default(''),
    /** The bid proper (null while only applied). */
    priceFen: fen('price_fen'),
    timelineDays: integer('timeline_days'),
    approach: text('approach').notNull().default(''),
    team: text('team').notNull().default(''),
    attachmentUploadIds: uuids('attachment_upload_ids'),
    rejectionReason: text('rejection_reason'),
    submittedAt: ts('submitted_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('challenge_bids_challenge_idx').on(t.challengeId, t.status),
    index('challenge_bids_bidder_idx').on(t.bidderUserId),
    // One live bid per person on a challenge, whether alone or for an organisation…
    uniqueIndex('challenge_bids_one_live_per_person')
      .on(t.challengeId, t.bidderUserId)
      .where(sql`status in ('applied', 'admitted', 'submitted', 'shortlisted', 'awarded')`),
    // …and one per organisation, whoever of its members places it.
    uniqueIndex('challenge_bids_one_live_per_org')
      .on(t.challengeId, t.bidderOrgId)
      .where(
        sql`bidder_org_id is not null and status in ('applied', 'admitted', 'submitted', 'shortlisted', 'awarded')`,
      ),
    check('challenge_bids_status_check', statusCheck('status', bidMachine.states)),
    check('challenge_bids_price_check', sql`price_fen is null or price_fen > 0`),
  ],
)

export const bidEvents = pgTable(
  'challenge_bid_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bidId: uuid('bid_id')
      .notNull()
      .references(() => challengeBids.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorUserId: uuid('actor_user_id'),
    note: text('note'),
    at: ts('at').notNull(),
  },
  (t) => [index('challenge_bid_events_bid_idx').on(t.bidId)],
)

export type PlannedMilestone = { title: string; dueOn: string; amountFen: number }

/** A milestone plan proposed by one side; the other agrees or counter-proposes (superseding it). */
export const milestonePlans = pgTable(
  'challenge_milestone_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'cascade' }),
    bidId: uuid('bid_id')
      .notNull()
      .references(() => challengeBids.id),
    proposedBySide: text('proposed_by_side', { enum: ['poster', 'winner'] }).notNull(),
    proposedByUserId: uuid('proposed_by_user_id').references(() => users.id),
    items: jsonb('items').$type<PlannedMilestone[]>().notNull(),
    note: text('note').notNull().default(''),
    status: text('status', { enum: milestonePlanMachine.states }).notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('challenge_milestone_plans_challenge_idx').on(t.challengeId, t.createdAt),
    check(
      'challenge_milestone_plans_status_check',
      statusCheck('status', milestonePlanMachine.states),
    ),
  ],
)

export const milestones = pgTable(
  'challenge_milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    title: text('title').notNull(),
    dueOn: text('due_on').notNull(),
    amountFen: fen('amount_fen').notNull(),
    status: text('status', { enum: milestoneMachine.states }).notNull().default('agreed'),
    /** When the current deliverable went in: the auto-release clock runs from here. */
    submittedAt: ts('submitted_at'),
    acceptedAt: ts('accepted_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('challenge_milestones_seq_key').on(t.challengeId, t.seq),
    check('challenge_milestones_status_check', statusCheck('status', milestoneMachine.states)),
    check('challenge_milestones_amount_check', sql`amount_fen > 0`),
  ],
)

export const milestoneEvents = pgTable(
  'challenge_milestone_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    milestoneId: uuid('milestone_id')
      .notNull()
      .references(() => milestones.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorUserId: uuid('actor_user_id'),
    note: text('note'),
    at: ts('at').notNull(),
  },
  (t) => [index('challenge_milestone_events_milestone_idx').on(t.milestoneId)],
)

/** What the winner hands in for a milestone: files and notes, one row per submission. */
export const deliverables = pgTable(
  'challenge_deliverables',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    milestoneId: uuid('milestone_id')
      .notNull()
      .references(() => milestones.id, { onDelete: 'cascade' }),
    submittedByUserId: uuid('submitted_by_user_id')
      .notNull()
      .references(() => users.id),
    notes: text('notes').notNull().default(''),
    uploadIds: uuids('upload_ids'),
    /** The poster's answer: why a revision is needed. */
    revisionReason: text('revision_reason'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('challenge_deliverables_milestone_idx').on(t.milestoneId, t.createdAt)],
)

/** The two parties of an award rate each other once the challenge is completed. */
export const challengeRatings = pgTable(
  'challenge_ratings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'cascade' }),
    /** 'poster' rates the solver; 'solver' rates the posting organisation. */
    raterSide: text('rater_side', { enum: ['poster', 'solver'] }).notNull(),
    raterUserId: uuid('rater_user_id')
      .notNull()
      .references(() => users.id),
    rating: integer('rating').notNull(),
    body: text('body').notNull().default(''),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('challenge_ratings_side_key').on(t.challengeId, t.raterSide),
    check('challenge_ratings_rating_check', sql`rating between 1 and 5`),
  ],
)
