// Notifications (an inbox per person, e-mailed unless the person turned a category off), the
// unsubscribe tokens those e-mails carry, and message threads between participants.
import {
  boolean,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core'
import { bytea, users } from './accounts.ts'
import { uploads } from './uploads.ts'

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // Categories and kinds are checked in code (notification-kinds.ts), not by a CHECK:
    // each marketplace adds its own without a migration.
    category: text('category').notNull(),
    kind: text('kind').notNull(),
    params: jsonb('params').$type<Record<string, string>>().notNull().default({}),
    link: text('link').notNull(),
    createdAt: ts('created_at').notNull(),
    readAt: ts('read_at'),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
)

export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    category: text('category').notNull(),
    email: boolean('email').notNull().default(true),
    inApp: boolean('in_app').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.userId, t.category] })],
)

/** One per notification e-mail; only the SHA-256 of the token is stored. */
export const unsubscribeTokens = pgTable(
  'unsubscribe_tokens',
  {
    tokenHash: bytea('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    category: text('category').notNull(),
    createdAt: ts('created_at').notNull(),
    usedAt: ts('used_at'),
  },
  (t) => [index('unsubscribe_tokens_user_idx').on(t.userId)],
)

export const messageThreads = pgTable('message_threads', {
  id: uuid('id').primaryKey().defaultRandom(),
  subject: text('subject').notNull(),
  // What the thread is about (a bid, a booking…), when it is about something.
  subjectKind: text('subject_kind'),
  subjectId: text('subject_id'),
  createdAt: ts('created_at').notNull(),
})

export const threadParticipants = pgTable(
  'thread_participants',
  {
    threadId: uuid('thread_id')
      .notNull()
      .references(() => messageThreads.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lastReadAt: ts('last_read_at'),
  },
  (t) => [
    primaryKey({ columns: [t.threadId, t.userId] }),
    index('thread_participants_user_idx').on(t.userId),
  ],
)

export const threadMessages = pgTable(
  'thread_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => messageThreads.id, { onDelete: 'cascade' }),
    authorUserId: uuid('author_user_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    attachmentUploadId: uuid('attachment_upload_id').references(() => uploads.id),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('thread_messages_thread_idx').on(t.threadId, t.createdAt)],
)
