// Searching the offerings: Meilisearch when it answers, otherwise the Postgres mirror with the
// same filters and facet counts, marked degraded. Highlights come back as text parts, never as
// HTML, so whatever a document contains is escaped when rendered.
import { and, arrayContains, arrayOverlaps, desc, eq, or, sql, type SQL } from 'drizzle-orm'
import type { SearchResponse } from 'meilisearch'
import { z } from 'zod'
import { db } from '../db/client.server.ts'
import { searchDocuments } from '../db/schema/index.ts'
import { log } from '../app/log.server.ts'
import { meili } from './client.server.ts'
import { equipmentCategories, serviceModes } from '../app/domains/equipment/equipment-terms.ts'
import { challengeMachine } from '../app/domains/challenges/challenge.machine.ts'
import { campaignMachine } from '../app/domains/deals/deal.machine.ts'
import { startupStages } from '../app/domains/deals/deals.schema.ts'
import { env } from '../app/env.server.ts'
import { challengeTypes, ipTerms } from '../app/domains/challenges/challenge.schema.ts'
import { awardBands, bandFen } from '../app/domains/challenges/challenge-search.ts'
import { now } from '../app/clock.server.ts'
import { observeSearch } from '../app/metrics.server.ts'
import { broaderQueries, closestTypes } from './closest.ts'
import { offeringKinds, type OfferingDoc } from './document.ts'
import { offeringsIndex } from './settings.ts'
import { buildSynonyms, expandTerm } from './synonyms.ts'
import { words } from './words.ts'
import { typesNamedBy } from './type-match.ts'

export const SearchParamsSchema = z.object({
  q: z.string().trim().max(100).default(''),
  kind: z.enum(offeringKinds).optional().catch(undefined),
  segment: z
    .string()
    .regex(/^\d{1,2}(\.\d{1,2})?$/)
    .optional()
    .catch(undefined),
  city: z.string().trim().max(30).optional().catch(undefined),
  space: z.string().trim().max(60).optional().catch(undefined),
  /** Any of these segments (a space's own search); not a URL parameter. */
  inSegments: z.array(z.string()).max(3).optional(),
  // Equipment facets. A yes/no facet is on only as "1", so a form's checkbox can set it.
  category: z.enum(equipmentCategories).optional().catch(undefined),
  mode: z.enum(serviceModes).optional().catch(undefined),
  accredited: z.literal('1').optional().catch(undefined),
  vouchers: z.literal('1').optional().catch(undefined),
  priceKind: z.enum(['per_hour', 'per_sample']).optional().catch(undefined),
  // Challenge facets: type, IP terms, award band (yuan), bid deadline, lifecycle status.
  type: z.enum(challengeTypes).optional().catch(undefined),
  ip: z.enum(ipTerms).optional().catch(undefined),
  award: z.enum(awardBands).optional().catch(undefined),
  /** 'open': bids still taken; 'week': the bid deadline falls within the next 7 days. */
  due: z.enum(['open', 'week']).optional().catch(undefined),
  status: z
    .enum([...challengeMachine.states, ...campaignMachine.states])
    .optional()
    .catch(undefined),
  /** Campaign facet: the startup's stage. */
  stage: z.enum(startupStages).optional().catch(undefined),
  /**
   * The viewer is a qualified investor, so campaigns are findable even when the deployment shows
   * them to verified investors only. Set by the server, never from a URL (a URL gives strings).
   */
  viewerSeesCampaigns: z.literal(true).optional().catch(undefined),
  /**
   * Hits and the total only (the header's suggestions, the zero-result probes): facet counts
   * are the larger part of a search's work. Set by the server, never from a URL.
   */
  hitsOnly: z.literal(true).optional().catch(undefined),
  /**
   * 'price': cheapest first, grouped by what the price is per (hour before sample);
   * 'deadline': bid deadline soonest first; 'award': largest award first.
   */
  sort: z
    .enum(['relevance', 'newest', 'price', 'deadline', 'award'])
    .default('relevance')
    .catch('relevance'),
  page: z.coerce.number().int().min(1).max(100).default(1).catch(1),
  perPage: z.coerce.number().int().min(1).max(50).default(20).catch(20),
})
/**
 * A public list's search parameters where `status=any` lists every public status and no status
 * lists the default ones (the challenge and campaign lists).
 */
export const StatusListSchema = SearchParamsSchema.extend({
  status: z.union([z.literal('any'), SearchParamsSchema.shape.status.unwrap()]).optional(),
})

export type SearchParams = z.infer<typeof SearchParamsSchema>

export type TextPart = { text: string; mark: boolean }
export type SearchHit = {
  id: string
  kind: OfferingDoc['kind']
  url: string
  title: TextPart[]
  titleEn: string | null
  summary: TextPart[]
  city: string
  segments2: string[]
  facts: Record<string, string | number>
}
export type Facets = {
  kind: Record<string, number>
  segments1: Record<string, number>
  segments2: Record<string, number>
  city: Record<string, number>
  category: Record<string, number>
  /** Yes/no facets are counted under "true" and "false", as Meilisearch counts them. */
  accredited: Record<string, number>
  serviceModes: Record<string, number>
  vouchersAccepted: Record<string, number>
  challengeType: Record<string, number>
  ipTerms: Record<string, number>
  status: Record<string, number>
  stage: Record<string, number>
}
const facetNames = [
  'kind',
  'segments1',
  'segments2',
  'city',
  'category',
  'accredited',
  'serviceModes',
  'vouchersAccepted',
  'challengeType',
  'ipTerms',
  'status',
  'stage',
] as const
export type SearchResult = {
  hits: SearchHit[]
  facets: Facets
  total: number
  page: number
  totalPages: number
  degraded: boolean
}

const PRE = '\u0001'
const POST = '\u0002'

/** Splits Meilisearch's marked-up text into parts; the markers are control characters. */
export function toParts(marked: string): TextPart[] {
  const parts: TextPart[] = []
  let rest = marked
  while (rest.length > 0) {
    const start = rest.indexOf(PRE)
    if (start < 0) {
      parts.push({ text: rest, mark: false })
      break
    }
    if (start > 0) parts.push({ text: rest.slice(0, start), mark: false })
    const end = rest.indexOf(POST, start)
    const stop = end < 0 ? rest.length : end
    parts.push({ text: rest.slice(start + 1, stop), mark: true })
    rest = end < 0 ? '' : rest.slice(end + 1)
  }
  return parts.filter((p) => p.text.length > 0)
}

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

/**
 * Whether campaigns may be found by this search: always in the teaser setting; only by qualified
 * investors when the deployment shows campaigns to them alone (public promotion can count as
 * 公开宣传). Every caller is covered, the public API included, since this is the one search.
 */
export function campaignsFindable(p: Pick<SearchParams, 'viewerSeesCampaigns'>): boolean {
  return env().CAMPAIGN_VISIBILITY === 'teaser' || p.viewerSeesCampaigns === true
}

function meiliFilter(p: SearchParams): string[] {
  const f: string[] = []
  if (!campaignsFindable(p)) f.push('kind != "campaign"')
  if (p.stage) f.push(`stage = ${quote(p.stage)}`)
  if (p.kind) f.push(`kind = ${quote(p.kind)}`)
  if (p.segment)
    f.push(
      p.segment.includes('.')
        ? `segments2 = ${quote(p.segment)}`
        : `segments1 = ${quote(p.segment)}`,
    )
  if (p.city) f.push(`city = ${quote(p.city)}`)
  if (p.space) f.push(`spaces = ${quote(p.space)}`)
  if (p.inSegments?.length) {
    const list = p.inSegments.map(quote).join(', ')
    f.push(`segments2 IN [${list}] OR segments1 IN [${list}]`)
  }
  if (p.category) f.push(`category = ${quote(p.category)}`)
  if (p.mode) f.push(`serviceModes = ${quote(p.mode)}`)
  if (p.accredited) f.push('accredited = true')
  if (p.vouchers) f.push('vouchersAccepted = true')
  if (p.priceKind) f.push(`priceKind = ${quote(p.priceKind)}`)
  if (p.type) f.push(`challengeType = ${quote(p.type)}`)
  if (p.ip) f.push(`ipTerms = ${quote(p.ip)}`)
  if (p.status) f.push(`status = ${quote(p.status)}`)
  if (p.award) {
    const [lo, hi] = bandFen[p.award]
    f.push(`awardMaxFen >= ${lo}`)
    if (hi !== null) f.push(`awardMinFen < ${hi}`)
  }
  if (p.due) {
    const at = Math.floor(now().getTime() / 1000)
    f.push(`deadline > ${at}`)
    if (p.due === 'week') f.push(`deadline <= ${at + 7 * 86400}`)
  }
  return f
}

function meiliSort(p: SearchParams): string[] | undefined {
  if (p.sort === 'newest') return ['createdAt:desc']
  if (p.sort === 'price') return ['priceKind:asc', 'price:asc']
  if (p.sort === 'deadline') return ['deadline:asc']
  if (p.sort === 'award') return ['awardMaxFen:desc']
  return undefined
}

const emptyFacets = (): Facets => ({
  kind: {},
  segments1: {},
  segments2: {},
  city: {},
  category: {},
  accredited: {},
  serviceModes: {},
  vouchersAccepted: {},
  challengeType: {},
  ipTerms: {},
  status: {},
  stage: {},
})

type MeiliHit = OfferingDoc & { _formatted?: Partial<Record<keyof OfferingDoc, unknown>> }

function toHit(h: MeiliHit): SearchHit {
  return {
    id: h.id,
    kind: h.kind,
    url: h.url,
    title: toParts(String(h._formatted?.title ?? h.title)),
    titleEn: h.titleEn,
    summary: toParts(String(h._formatted?.summary ?? h.summary)),
    city: h.city,
    segments2: h.segments2,
    facts: h.facts,
  }
}

async function searchMeili(p: SearchParams): Promise<SearchResult | null> {
  const client = meili()
  if (!client) return null
  const filter = meiliFilter(p)
  const common = {
    q: p.q,
    // When not every word of the query is found, the most common words are let go first
    // rather than the last ones: "测比表面积" keeps 比表面积, not 测.
    matchingStrategy: 'frequency' as const,
    sort: meiliSort(p),
    // Only what a hit shows: whole documents (with every field formatted again under
    // _formatted) are several times larger, and each page of hits is parsed and copied.
    attributesToRetrieve: [
      'id',
      'kind',
      'url',
      'title',
      'titleEn',
      'summary',
      'city',
      'segments2',
      'facts',
    ],
    attributesToHighlight: ['title', 'summary'],
    attributesToCrop: ['summary'],
    cropLength: 48,
    highlightPreTag: PRE,
    highlightPostTag: POST,
  }
  // A query that names a type (SEM, 扫描电镜) lists the listings of that type first, then what
  // merely mentions the words: ranking rules alone would put a detector whose title says "SEM"
  // before a microscope whose title does not. The tiers split one list: it is counted and
  // faceted once, and a page runs on from the first tier into the second.
  const named = p.sort === 'relevance' ? typesNamedBy(p.q) : []
  const typeList = `[${named.map((t) => quote(t.id)).join(', ')}]`
  try {
    const uid = offeringsIndex()
    const index = client.index<OfferingDoc>(uid)
    if (named.length === 0) {
      const res = await index.search(p.q, {
        ...common,
        filter,
        facets: p.hitsOnly ? undefined : [...facetNames],
        page: p.page,
        hitsPerPage: p.perPage,
      })
      return {
        hits: res.hits.map(toHit),
        facets: { ...emptyFacets(), ...res.facetDistribution },
        total: res.totalHits ?? 0,
        page: res.page ?? p.page,
        totalPages: res.totalPages ?? 0,
        degraded: false,
      }
    }
    // The whole list's count and facets, and the first tier's page of hits.
    const { results } = await client.multiSearch({
      queries: [
        {
          indexUid: uid,
          ...common,
          filter,
          facets: p.hitsOnly ? undefined : [...facetNames],
          page: 1,
          hitsPerPage: 0,
        },
        {
          indexUid: uid,
          ...common,
          filter: [...filter, `typeIds IN ${typeList}`],
          page: p.page,
          hitsPerPage: p.perPage,
        },
      ],
    })
    const [all, first] = results as unknown as [
      SearchResponse<OfferingDoc>,
      SearchResponse<OfferingDoc>,
    ]
    const total = all.totalHits ?? 0
    const firstTotal = first.totalHits ?? 0
    const hits = first.hits.map((h) => toHit(h as MeiliHit))
    const need = p.perPage - hits.length
    if (need > 0 && total > firstTotal) {
      const more = await index.search(p.q, {
        ...common,
        filter: [...filter, `typeIds NOT IN ${typeList}`],
        offset: Math.max(0, (p.page - 1) * p.perPage - firstTotal),
        limit: need,
      })
      hits.push(...more.hits.map((h) => toHit(h as MeiliHit)))
    }
    return {
      hits,
      facets: { ...emptyFacets(), ...all.facetDistribution },
      total,
      page: p.page,
      totalPages: Math.ceil(total / p.perPage),
      degraded: false,
    }
  } catch (error) {
    log.warn('search.degraded', { error: error instanceof Error ? error.message : String(error) })
    return null
  }
}

let synonyms: Record<string, string[]> | undefined

/**
 * The query as a tsquery: every token must match, each as itself or as any of its synonyms.
 * A token that is a vocabulary name as a whole (扫描电镜) is expanded before it is segmented,
 * since the segmenter would cut it into words no synonym knows.
 */
function tsQuery(q: string): SQL | null {
  synonyms ??= buildSynonyms()
  const table = synonyms
  const alternativesFor = (term: string) =>
    [...new Set(expandTerm(term, table).map((alt) => words(alt).join(' ')))].filter(Boolean)
  const groups: string[][] = []
  for (const token of q.split(/\s+/).filter(Boolean)) {
    if (expandTerm(token, table).length > 1) groups.push(alternativesFor(token))
    else for (const w of words(token)) groups.push(alternativesFor(w))
  }
  if (groups.length === 0) return null
  return sql.join(
    groups.map(
      (alts) =>
        sql`(${sql.join(
          alts.map((a) => sql`plainto_tsquery('simple', ${a})`),
          sql` || `,
        )})`,
    ),
    sql` && `,
  )
}

/** Marks the query's words in a text, for the degraded results. */
function markWords(text: string, q: string): TextPart[] {
  const terms = words(q).filter((w) => w.length > 1 || /^\p{Script=Han}$/u.test(w))
  if (terms.length === 0) return [{ text, mark: false }]
  const pattern = new RegExp(
    `(${terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`,
    'giu',
  )
  return text
    .split(pattern)
    .filter((s) => s.length > 0)
    .map((s) => ({ text: s, mark: terms.some((t) => t.toLowerCase() === s.toLowerCase()) }))
}

export async function searchPostgres(p: SearchParams): Promise<SearchResult> {
  const query = tsQuery(p.q)
  const conds: SQL[] = []
  if (query) conds.push(sql`${searchDocuments.words} @@ (${query})`)
  if (!campaignsFindable(p)) conds.push(sql`${searchDocuments.kind} <> 'campaign'`)
  if (p.kind) conds.push(eq(searchDocuments.kind, p.kind))
  if (p.segment)
    conds.push(
      p.segment.includes('.')
        ? arrayContains(searchDocuments.segments2, [p.segment])
        : arrayContains(searchDocuments.segments1, [p.segment]),
    )
  if (p.city) conds.push(eq(searchDocuments.city, p.city))
  if (p.space) conds.push(arrayContains(searchDocuments.spaces, [p.space]))
  // The equipment facets have no columns of their own in the mirror: they are read from the
  // document as Meilisearch reads them.
  const doc = searchDocuments.doc
  if (p.category) conds.push(sql`${doc}->>'category' = ${p.category}`)
  if (p.mode) conds.push(sql`${doc}->'serviceModes' ? ${p.mode}`)
  if (p.accredited) conds.push(sql`${doc}->'accredited' = 'true'::jsonb`)
  if (p.vouchers) conds.push(sql`${doc}->'vouchersAccepted' = 'true'::jsonb`)
  if (p.priceKind) conds.push(sql`${doc}->>'priceKind' = ${p.priceKind}`)
  if (p.type) conds.push(sql`${doc}->>'challengeType' = ${p.type}`)
  if (p.ip) conds.push(sql`${doc}->>'ipTerms' = ${p.ip}`)
  if (p.status) conds.push(eq(searchDocuments.status, p.status))
  if (p.stage) conds.push(sql`${doc}->>'stage' = ${p.stage}`)
  if (p.award) {
    const [lo, hi] = bandFen[p.award]
    conds.push(sql`(${doc}->>'awardMaxFen')::bigint >= ${lo}`)
    if (hi !== null) conds.push(sql`(${doc}->>'awardMinFen')::bigint < ${hi}`)
  }
  if (p.due) {
    const at = Math.floor(now().getTime() / 1000)
    conds.push(sql`(${doc}->>'deadline')::bigint > ${at}`)
    if (p.due === 'week') conds.push(sql`(${doc}->>'deadline')::bigint <= ${at + 7 * 86400}`)
  }
  if (p.inSegments?.length) {
    conds.push(
      or(
        arrayOverlaps(searchDocuments.segments2, p.inSegments),
        arrayOverlaps(searchDocuments.segments1, p.inSegments),
      ) ?? sql`false`,
    )
  }
  const where = conds.length ? and(...conds) : undefined
  const order =
    p.sort === 'deadline'
      ? [sql`(${doc}->>'deadline')::bigint asc nulls last`, desc(searchDocuments.createdAt)]
      : p.sort === 'award'
        ? [sql`(${doc}->>'awardMaxFen')::bigint desc nulls last`, desc(searchDocuments.createdAt)]
        : p.sort === 'price'
          ? [
              sql`${doc}->>'priceKind' asc nulls last`,
              sql`(${doc}->>'price')::bigint asc nulls last`,
              desc(searchDocuments.createdAt),
            ]
          : query && p.sort === 'relevance'
            ? [
                sql`ts_rank(${searchDocuments.words}, ${query}) desc`,
                desc(searchDocuments.createdAt),
              ]
            : [desc(searchDocuments.createdAt)]
  const [rows, counts] = await Promise.all([
    db()
      .select({ doc: searchDocuments.doc })
      .from(searchDocuments)
      .where(where)
      .orderBy(...order)
      .limit(p.perPage)
      .offset((p.page - 1) * p.perPage),
    db().execute<{ facet: string; value: string; n: number }>(sql`
      with hits as (select * from ${searchDocuments} ${where ? sql`where ${where}` : sql``})
      select 'total' as facet, '' as value, count(*)::int as n from hits
      union all select 'kind', kind, count(*)::int from hits group by kind
      union all select 'city', city, count(*)::int from hits where city <> '' group by city
      union all select 'segments1', s, count(*)::int from hits, unnest(segments1) s group by s
      union all select 'segments2', s, count(*)::int from hits, unnest(segments2) s group by s
      union all select 'category', doc->>'category', count(*)::int from hits
        where doc ? 'category' group by doc->>'category'
      union all select 'accredited', doc->>'accredited', count(*)::int from hits
        where doc ? 'accredited' group by doc->>'accredited'
      union all select 'vouchersAccepted', doc->>'vouchersAccepted', count(*)::int from hits
        where doc ? 'vouchersAccepted' group by doc->>'vouchersAccepted'
      union all select 'challengeType', doc->>'challengeType', count(*)::int from hits
        where doc ? 'challengeType' group by doc->>'challengeType'
      union all select 'ipTerms', doc->>'ipTerms', count(*)::int from hits
        where doc ? 'ipTerms' group by doc->>'ipTerms'
      union all select 'status', status, count(*)::int from hits
        where kind in ('challenge', 'campaign') group by status
      union all select 'stage', doc->>'stage', count(*)::int from hits
        where doc ? 'stage' group by doc->>'stage'
      union all select 'serviceModes', m, count(*)::int
        from hits, jsonb_array_elements_text(coalesce(doc->'serviceModes', '[]'::jsonb)) m group by m
    `),
  ])
  const facets = emptyFacets()
  let total = 0
  for (const c of counts) {
    if (c.facet === 'total') total = c.n
    else facets[c.facet as keyof Facets][c.value] = c.n
  }
  return {
    hits: rows.map(({ doc }) => {
      const d = doc as unknown as OfferingDoc
      return {
        id: d.id,
        kind: d.kind,
        url: d.url,
        title: markWords(d.title, p.q),
        titleEn: d.titleEn,
        summary: markWords(d.summary.slice(0, 160), p.q),
        city: d.city,
        segments2: d.segments2,
        facts: d.facts,
      }
    }),
    facets,
    total,
    page: p.page,
    totalPages: Math.ceil(total / p.perPage),
    degraded: true,
  }
}

export async function searchOfferings(p: SearchParams): Promise<SearchResult> {
  const started = performance.now()
  const result = (await searchMeili(p)) ?? (await searchPostgres(p))
  observeSearch(result.degraded ? 'postgres' : 'meilisearch', (performance.now() - started) / 1000)
  return result
}

export type ZeroResultHelp = {
  /** The vocabulary types closest to the query, each a search for its canonical name. */
  closest: { id: string; zh: string; en: string; abbreviation: string | null }[]
  /** A broader query that finds something, with how much it finds. */
  broader: { q: string; total: number } | null
}

/**
 * Help for a search that found nothing: the closest types, and a broader query tried cheaply
 * (one page of one hit) when there are no filters to drop instead.
 */
export async function zeroResultHelp(p: SearchParams): Promise<ZeroResultHelp> {
  const closest = closestTypes(p.q)
  let broader: ZeroResultHelp['broader'] = null
  if (p.q && !p.city && !p.segment && !p.category && !p.kind) {
    for (const q of broaderQueries(p.q, closest).slice(0, 2)) {
      const { total } = await searchOfferings({ ...p, q, page: 1, perPage: 1, hitsOnly: true })
      if (total > 0) {
        broader = { q, total }
        break
      }
    }
  }
  return {
    closest: closest.map((t) => ({
      id: t.id,
      zh: t.zh,
      en: t.en,
      abbreviation: t.abbreviations[0] ?? null,
    })),
    broader,
  }
}
