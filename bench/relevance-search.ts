// The benchmark's question, asked the way the search page asks it: the query is understood
// (a city or segment it names becomes a filter), then searched.
import { searchOfferings, SearchParamsSchema } from '../search/query.server.ts'
import { withUnderstanding } from '../search/understand.ts'

export async function productSearch(
  q: string,
  perPage: number,
): Promise<{ rowIds: string[]; total: number; understood: string }> {
  const { params, understanding } = withUnderstanding(SearchParamsSchema.parse({ q, perPage }))
  const result = await searchOfferings(params)
  return {
    rowIds: result.hits.map((h) => h.id.replace(/^equipment-/, '')),
    total: result.total,
    understood: JSON.stringify(understanding.applied),
  }
}
