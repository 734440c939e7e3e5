// Disputes over money held in escrow, whatever it was held for. The subject (a booking's
// deposit claim, later a challenge milestone) says what the money was for; the resolution
// moves it through the payments layer.
import { sql } from 'drizzle-orm'
import { bigint, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { disputeMachine, disputeResolutions } from '../../app/domains/disputes/dispute.machine.ts'
import { statusCheck } from '../../app/domains/lifecycle/machine.ts'
import { users } from './accounts.ts'
import { payments } from './payments.ts'

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })
const fen = (name: string) => bigint(name, { mode: 'number' })

export const disputes = pgTable(
  'disputes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subjectKind: text('subject_kind').notNull(),
    subjectId: uuid('subject_id').notNull(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id),
    /** The escrowed amount in dispute; a resolution divides exactly this. */
    amountFen: fen('amount_fen').notNull(),
    openedByUserId: uuid('opened_by_user_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    status: text('status', { enum: disputeMachine.states }).notNull(),
    resolution: text('resolution', { enum: disputeResolutions }),
    releaseFen: fen('release_fen'),
    refundFen: fen('refund_fen'),
    resolvedByUserId: uuid('resolved_by_user_id').references(() => users.id),
    resolutionNote: text('resolution_note'),
    createdAt: ts('created_at').notNull(),
    resolvedAt: ts('resolved_at'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('disputes_status_idx').on(t.status, t.createdAt),
    index('disputes_subject_idx').on(t.subjectKind, t.subjectId),
    check('disputes_status_check', statusCheck('status', disputeMachine.states)),
    check('disputes_amount_check', sql`amount_fen > 0`),
    check(
      'disputes_split_check',
      sql`resolution is null or (release_fen >= 0 and refund_fen >= 0 and release_fen + refund_fen = amount_fen)`,
    ),
  ],
)

export const disputeEvents = pgTable(
  'dispute_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    disputeId: uuid('dispute_id')
      .notNull()
      .references(() => disputes.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorUserId: uuid('actor_user_id'),
    note: text('note'),
    at: ts('at').notNull(),
  },
  (t) => [index('dispute_events_dispute_idx').on(t.disputeId)],
)
