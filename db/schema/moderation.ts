// Moderation: listings, challenges and campaigns hidden by an admin with a reason the owner
// sees, and suspended users. Each hold or suspension is one row from imposing to lifting.
import { sql } from 'drizzle-orm'
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { statusCheck } from '../../app/domains/lifecycle/machine.ts'
import {
  holdMachine,
  holdSubjects,
  suspensionMachine,
} from '../../app/domains/moderation/moderation.machine.ts'
import { users } from './accounts.ts'

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

export const moderationHolds = pgTable(
  'moderation_holds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectKind: text('subject_kind', { enum: holdSubjects }).notNull(),
    // The listing's, challenge's or campaign's id (one table per kind, so no foreign key).
    subjectId: uuid('subject_id').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: holdMachine.states }).notNull().default('active'),
    imposedBy: uuid('imposed_by')
      .notNull()
      .references(() => users.id),
    imposedAt: ts('imposed_at').notNull(),
    liftedBy: uuid('lifted_by').references(() => users.id),
    liftedAt: ts('lifted_at'),
    liftNote: text('lift_note'),
  },
  (t) => [
    check('moderation_holds_status_check', statusCheck('status', holdMachine.states)),
    check('moderation_holds_subject_check', statusCheck('subject_kind', holdSubjects)),
    check('moderation_holds_reason_check', sql`length(trim(${t.reason})) >= 2`),
    // At most one active hold per subject.
    uniqueIndex('moderation_holds_active_key')
      .on(t.subjectKind, t.subjectId)
      .where(sql`${t.status} = 'active'`),
    index('moderation_holds_subject_idx').on(t.subjectKind, t.subjectId),
  ],
)

export const userSuspensions = pgTable(
  'user_suspensions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    status: text('status', { enum: suspensionMachine.states }).notNull().default('active'),
    imposedBy: uuid('imposed_by')
      .notNull()
      .references(() => users.id),
    imposedAt: ts('imposed_at').notNull(),
    liftedBy: uuid('lifted_by').references(() => users.id),
    liftedAt: ts('lifted_at'),
    liftNote: text('lift_note'),
  },
  (t) => [
    check('user_suspensions_status_check', statusCheck('status', suspensionMachine.states)),
    check('user_suspensions_reason_check', sql`length(trim(${t.reason})) >= 2`),
    uniqueIndex('user_suspensions_active_key')
      .on(t.userId)
      .where(sql`${t.status} = 'active'`),
  ],
)
