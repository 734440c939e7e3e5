// Organisations, their people and roles, their verification documents and claim cases.
import { sql } from 'drizzle-orm'
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { claimMachine } from '../../app/domains/orgs/claim.machine.ts'
import { orgVerificationMachine } from '../../app/domains/orgs/org-verification.machine.ts'
import { documentKinds, orgRoles, orgTypes } from '../../app/domains/orgs/org.schema.ts'
import { statusCheck } from '../../app/domains/lifecycle/machine.ts'
import { users } from './accounts.ts'
import { uploads } from './uploads.ts'

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    type: text('type', { enum: orgTypes }).notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    uscc: text('uscc').notNull(),
    city: text('city').notNull(),
    segments: text('segments')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    description: text('description').notNull().default(''),
    status: text('status', { enum: orgVerificationMachine.states }).notNull().default('pending'),
    rejectionReason: text('rejection_reason'),
    verifiedAt: ts('verified_at'),
    createdByUserId: uuid('created_by_user_id').references(() => users.id, {
      onDelete: 'set null',
    }),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('organisations_slug_key').on(t.slug),
    uniqueIndex('organisations_uscc_key').on(t.uscc),
    check('organisations_status_check', statusCheck('status', orgVerificationMachine.states)),
    check('organisations_type_check', statusCheck('type', orgTypes)),
  ],
)

export const orgMembers = pgTable(
  'org_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: orgRoles }).notNull(),
    joinedAt: ts('joined_at').notNull(),
    leftAt: ts('left_at'),
  },
  (t) => [
    uniqueIndex('org_members_active_key')
      .on(t.orgId, t.userId)
      .where(sql`${t.leftAt} is null`),
    index('org_members_user_idx').on(t.userId),
    check('org_members_role_check', statusCheck('role', orgRoles)),
  ],
)

export const orgInvitations = pgTable(
  'org_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role', { enum: orgRoles }).notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedByUserId: uuid('invited_by_user_id').references(() => users.id, {
      onDelete: 'set null',
    }),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    acceptedAt: ts('accepted_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [
    uniqueIndex('org_invitations_token_key').on(t.tokenHash),
    index('org_invitations_org_idx').on(t.orgId),
  ],
)

export const orgDocuments = pgTable(
  'org_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: documentKinds }).notNull(),
    uploadId: uuid('upload_id')
      .notNull()
      .references(() => uploads.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('org_documents_org_idx').on(t.orgId)],
)

/** Status history of organisations, written by every transition of the verification machine. */
export const orgStatusEvents = pgTable(
  'org_status_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    fromStatus: text('from_status').notNull(),
    toStatus: text('to_status').notNull(),
    actorUserId: uuid('actor_user_id'),
    reason: text('reason'),
    at: ts('at').notNull(),
  },
  (t) => [index('org_status_events_org_idx').on(t.orgId)],
)

export const claimCases = pgTable(
  'claim_cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    claimantUserId: uuid('claimant_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    claimedName: text('claimed_name').notNull(),
    message: text('message').notNull().default(''),
    licenseUploadId: uuid('license_upload_id').references(() => uploads.id),
    letterUploadId: uuid('letter_upload_id').references(() => uploads.id),
    status: text('status', { enum: claimMachine.states }).notNull().default('open'),
    decisionReason: text('decision_reason'),
    decidedByUserId: uuid('decided_by_user_id'),
    createdAt: ts('created_at').notNull(),
    decidedAt: ts('decided_at'),
  },
  (t) => [
    check('claim_cases_status_check', statusCheck('status', claimMachine.states)),
    index('claim_cases_org_idx').on(t.orgId),
  ],
)
