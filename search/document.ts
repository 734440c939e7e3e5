// What the offerings index holds: one shape for every kind of offering. Only public fields are
// ever put here; a builder decides which rows are public at all.
import type { Tx } from '../db/client.server.ts'

export const offeringKinds = [
  'space',
  'organisation',
  'equipment',
  'challenge',
  'campaign',
  'startup',
] as const
export type OfferingKind = (typeof offeringKinds)[number]

export type OfferingDoc = {
  id: string
  kind: OfferingKind
  rowId: string
  url: string
  title: string
  titleEn: string | null
  summary: string
  /**
   * Names of the instrument types the offering is of or about (search/vocabulary.ts): searched
   * right after the title, so an exact type match outranks a word met in the description.
   */
  types: string[]
  /** The ids of those types, for filtering and for suggesting more of a type. */
  typeIds: string[]
  /**
   * Standing at equal relevance, higher first: for equipment, accredited and active (recently
   * updated or booked) each count one; other kinds sit in the middle.
   */
  standing: number
  /** Further searchable words: services, types, segment names in both languages. */
  keywords: string[]
  segments1: string[]
  segments2: string[]
  city: string
  status: string
  /** Slugs of the spaces this offering belongs to (a space lists itself). */
  spaces: string[]
  createdAt: number
  /** Short facts shown on a result, by catalogue key. */
  facts: Record<string, string | number>
  /**
   * Priced offerings only: what `price` (integer fen) is per. Prices are compared only within
   * one kind, since an hour and a sample are not the same thing.
   */
  priceKind?: 'per_hour' | 'per_sample'
  price?: number
  // Equipment facets; absent on other kinds.
  category?: string
  accredited?: boolean
  serviceModes?: string[]
  vouchersAccepted?: boolean
  // Challenge facets; absent on other kinds. The award range is in fen (a fixed award is both
  // ends); `deadline` is the bid deadline in Unix seconds.
  challengeType?: string
  ipTerms?: string
  awardMinFen?: number
  awardMaxFen?: number
  deadline?: number
  /** A campaign's or startup's stage (idea, seed, angel, a); absent on other kinds. */
  stage?: string
}

export type KindDefinition = {
  kind: OfferingKind
  /** The public document for a row, or null when the row is not (or no longer) public. */
  build: (tx: Tx, rowId: string) => Promise<{ doc: OfferingDoc; version: Date } | null>
  /** Every row id with its version, for the sweep and the reindex. */
  versions: (tx: Tx) => Promise<{ rowId: string; version: Date }[]>
}

export function documentId(kind: OfferingKind, rowId: string): string {
  return `${kind}-${rowId}`
}
