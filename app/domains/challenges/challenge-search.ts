// The challenge marketplace's award bands, in yuan as the facet names them and in fen as the
// index filters them. Shared by the search query (server) and the facet links (browser).
export const awardBands = ['lt50k', '50k-200k', '200k-1m', 'gt1m'] as const
export type AwardBand = (typeof awardBands)[number]

/** Each band as [from, below) in fen; the top band has no upper end. */
export const bandFen: Record<AwardBand, [number, number | null]> = {
  lt50k: [0, 5_000_000],
  '50k-200k': [5_000_000, 20_000_000],
  '200k-1m': [20_000_000, 100_000_000],
  gt1m: [100_000_000, null],
}
