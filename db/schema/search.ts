// The Postgres mirror of the offerings index. Written by the sync job before Meilisearch, it
// serves degraded search while Meilisearch is away, and remembers which version of each row
// each side has, so a sweep can catch up anything missed.
import { sql } from 'drizzle-orm'
import { customType, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

export const searchDocuments = pgTable(
  'search_documents',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    rowId: text('row_id').notNull(),
    doc: jsonb('doc').$type<Record<string, unknown>>().notNull(),
    // Chinese segmented into words when written, so two-character queries (电镜, 中试) match.
    words: tsvector('words').notNull(),
    segments1: text('segments1')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    segments2: text('segments2')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    city: text('city').notNull().default(''),
    status: text('status').notNull().default(''),
    spaces: text('spaces')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: ts('created_at').notNull(),
    /** The source row's updated_at that this document was built from. */
    sourceVersion: ts('source_version').notNull(),
    /** The source version Meilisearch has confirmed; behind sourceVersion means a sync is owed. */
    indexedVersion: ts('indexed_version'),
  },
  (t) => [
    index('search_documents_words_idx').using('gin', t.words),
    index('search_documents_kind_idx').on(t.kind, t.rowId),
    index('search_documents_pending_idx').on(t.indexedVersion),
  ],
)

/** Rows removed from the source whose removal Meilisearch has not confirmed yet. */
export const searchTombstones = pgTable('search_tombstones', {
  id: text('id').primaryKey(),
  removedAt: ts('removed_at').notNull(),
})
