// Timed transitions as rows: a kind, the thing it acts on, and when it is due. The sweeper
// fires every row whose due time has passed, so a missed tick is caught up on the next.
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

export const timers = pgTable(
  'timers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    subjectId: text('subject_id').notNull(),
    dueAt: ts('due_at').notNull(),
    firedAt: ts('fired_at'),
    cancelledAt: ts('cancelled_at'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('timers_due_idx').on(t.dueAt), index('timers_subject_idx').on(t.kind, t.subjectId)],
)
