// The benchmark's question, asked the way the search page asks it.
import { searchOfferings, SearchParamsSchema } from '../search/query.server.ts'

export async function productSearch(
  q: string,
  perPage: number,
): Promise<{ rowIds: string[]; total: number; understood: string }> {
  const result = await searchOfferings(SearchParamsSchema.parse({ q, perPage }))
  return {
    rowIds: result.hits.map((h) => h.id.replace(/^equipment-/, '')),
    total: result.total,
    understood: '',
  }
}
