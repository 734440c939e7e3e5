// GET /search/suggest?q=: what the header's search box suggests as one types — the instrument
// types whose names match, then the first offerings a search would find. JSON for the widget;
// campaigns are suggested only to whoever the search shows them to.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { getAuth } from '~/domains/accounts/auth.server.ts'
import { viewerSeesCampaigns } from '~/domains/deals/campaign-view.server.ts'
import { matchTypes } from '~/domains/equipment/type-names.ts'
import { instrumentTypes } from '../../search/vocabulary.ts'
import { SearchParamsSchema, searchOfferings } from '../../search/query.server.ts'
import { withUnderstanding } from '../../search/understand.ts'
import { textParam } from '~/domains/web/request.server.ts'

export type Suggestions = {
  q: string
  types: { id: string; zh: string; en: string; abbreviation: string | null; href: string }[]
  hits: { title: string; kind: string; city: string; url: string }[]
}

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const q = textParam(url, 'q')
  const answer: Suggestions = { q, types: [], hits: [] }
  if (q) {
    answer.types = matchTypes(instrumentTypes, q, 3).map((t) => ({
      id: t.id,
      zh: t.zh,
      en: t.en,
      abbreviation: t.abbreviations[0] ?? null,
      href: `/search?${new URLSearchParams({ q: t.zh })}`,
    }))
    const { params } = withUnderstanding(SearchParamsSchema.parse({ q, perPage: 5 }))
    const result = await searchOfferings({
      ...params,
      hitsOnly: true,
      viewerSeesCampaigns: await viewerSeesCampaigns(await getAuth(request)),
    })
    answer.hits = result.hits.map((h) => ({
      title: h.title.map((p) => p.text).join(''),
      kind: h.kind,
      city: h.city,
      url: h.url,
    }))
  }
  // What is found depends on who asks (campaign visibility), so no shared cache may keep it.
  return Response.json(answer, { headers: { 'Cache-Control': 'private, no-store' } })
}
