// /search: every public offering, by words, kind, segment (two levels) and city, sorted by
// relevance or newest. The URL holds the whole state, so a search can be shared; results
// update as you type, and the form also works as a plain GET without JavaScript. A city or
// segment named in the words is applied as a removable chip; a search that finds nothing
// shows the closest instrument types and a broader search instead.
import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation, useSubmit } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { FacetPanel, HitCard } from '~/components/search-results.tsx'
import { Notice } from '~/components/ui/form.tsx'
import { useRootData } from '~/root.tsx'
import type { Language } from '~/i18n/config.ts'
import { getAuth } from '~/domains/accounts/auth.server.ts'
import { searchParamsOf } from '~/domains/web/request.server.ts'
import { viewerSeesCampaigns } from '~/domains/deals/campaign-view.server.ts'
import { segmentName } from '~/domains/spaces/segments.ts'
import { cityLabel } from '../../search/cities.ts'
import { SearchParamsSchema, searchOfferings, zeroResultHelp } from '../../search/query.server.ts'
import { withUnderstanding, type Chip } from '../../search/understand.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  // `typed` is the URL as it came; `params` is what is searched once the words are understood.
  const typed = searchParamsOf(request, SearchParamsSchema, { text: { q: 100 } })
  const { params, understanding } = withUnderstanding(typed)
  // Campaigns are found only by whoever may see them (CAMPAIGN_VISIBILITY).
  const viewer = await viewerSeesCampaigns(await getAuth(request))
  const result = await searchOfferings({ ...params, viewerSeesCampaigns: viewer })
  const help =
    result.total === 0 ? await zeroResultHelp({ ...params, viewerSeesCampaigns: viewer }) : null
  return { typed, params, chips: understanding.chips, result, help }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data?.typed.q ? `${data.typed.q} · 搜索 · 众创 Zhongchuang` : '搜索 · 众创 Zhongchuang',
  },
]

export default function SearchPage() {
  const { t } = useTranslation(['common', 'equipment'])
  const { typed, params, chips, result, help } = useLoaderData<typeof loader>()
  const lng = useRootData()?.locale ?? 'zh-CN'
  const submit = useSubmit()
  const navigation = useNavigation()
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(timer.current), [])

  const href = (key: string, value: string | null, extra: Record<string, string | null> = {}) => {
    const next = new URLSearchParams()
    const state: Record<string, string | undefined> = {
      q: params.q || undefined,
      kind: params.kind,
      segment: params.segment,
      city: params.city,
      category: params.category,
      sort: params.sort === 'relevance' ? undefined : params.sort,
      perPage: params.perPage === 20 ? undefined : String(params.perPage),
    }
    state[key] = value ?? undefined
    for (const [k, v] of Object.entries(extra)) state[k] = v ?? undefined
    for (const [k, v] of Object.entries(state)) if (v) next.set(k, v)
    const qs = next.toString()
    return qs ? `/search?${qs}` : '/search'
  }

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t('search.title')}</h1>
      <Form
        method="get"
        role="search"
        className="flex max-w-2xl flex-wrap gap-2"
        onChange={(event) => {
          // As-you-type: wait for a pause, then replace the current entry instead of stacking history.
          const form = event.currentTarget
          clearTimeout(timer.current)
          timer.current = setTimeout(
            () => submit(form, { replace: true, preventScrollReset: true }),
            250,
          )
        }}
      >
        {/* The filters the URL chose; those read from the words are read again as they change. */}
        {typed.kind ? <input type="hidden" name="kind" value={typed.kind} /> : null}
        {typed.segment ? <input type="hidden" name="segment" value={typed.segment} /> : null}
        {typed.city ? <input type="hidden" name="city" value={typed.city} /> : null}
        {typed.category ? <input type="hidden" name="category" value={typed.category} /> : null}
        {typed.perPage !== 20 ? <input type="hidden" name="perPage" value={typed.perPage} /> : null}
        <label htmlFor="q" className="sr-only">
          {t('search.label')}
        </label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={typed.q}
          placeholder={t('search.placeholder')}
          className="min-w-0 flex-1 rounded-md border border-slate-300 px-3 py-2"
        />
        <label htmlFor="sort" className="sr-only">
          {t('searchPage.sort')}
        </label>
        <select
          id="sort"
          name="sort"
          defaultValue={typed.sort}
          className="rounded-md border border-slate-300 px-2 py-2 text-sm"
        >
          <option value="relevance">{t('searchPage.sorts.relevance')}</option>
          <option value="newest">{t('searchPage.sorts.newest')}</option>
        </select>
        <button className="rounded-md bg-brand-600 px-4 py-2 text-white">
          {t('search.submit')}
        </button>
      </Form>
      {result.degraded ? <Notice tone="warning">{t('searchPage.degraded')}</Notice> : null}
      <div className="grid gap-6 md:grid-cols-[15rem_1fr]">
        <aside aria-label={t('searchPage.filters')}>
          <FacetPanel
            facets={result.facets}
            current={params}
            href={(k, v) => href(k, v, { page: null })}
            lng={lng}
          />
        </aside>
        <section aria-labelledby="results" aria-busy={navigation.state === 'loading'}>
          <h2 id="results" className="text-sm text-slate-600" aria-live="polite">
            {params.q
              ? t('search.count', { count: result.total, q: params.q })
              : t('searchPage.all', { count: result.total })}
          </h2>
          <FilterChips chips={chips} category={typed.category} href={href} lng={lng} />
          {result.hits.length === 0 ? (
            <ZeroResults help={help} href={href} />
          ) : (
            <ul className="mt-3 space-y-3">
              {result.hits.map((hit) => (
                <HitCard key={hit.id} hit={hit} lng={lng} />
              ))}
            </ul>
          )}
          {result.totalPages > 1 ? (
            <nav
              aria-label={t('searchPage.pages')}
              className="mt-6 flex items-center justify-between text-sm"
            >
              {result.page > 1 ? (
                <Link to={href('page', String(result.page - 1))}>← {t('searchPage.previous')}</Link>
              ) : (
                <span />
              )}
              <span className="text-slate-600">
                {t('searchPage.pageOf', { page: result.page, pages: result.totalPages })}
              </span>
              {result.page < result.totalPages ? (
                <Link to={href('page', String(result.page + 1))}>{t('searchPage.next')} →</Link>
              ) : (
                <span />
              )}
            </nav>
          ) : null}
        </section>
      </div>
    </div>
  )
}

type Href = (key: string, value: string | null, extra?: Record<string, string | null>) => string

/**
 * The filters read from the words, above the results: an applied one as a chip whose × searches
 * again without the filter and without its words (so it is not read again); an offered one as
 * a link applying it. A category chosen by link has no facet of its own, so it gets a chip too.
 */
function FilterChips({
  chips,
  category,
  href,
  lng,
}: {
  chips: Chip[]
  category: string | undefined
  href: Href
  lng: Language
}) {
  const { t } = useTranslation(['common', 'equipment'])
  const name = (c: { kind: Chip['kind']; value: string; label: Chip['label'] }) =>
    c.kind === 'city'
      ? cityLabel(c.value, lng)
      : c.kind === 'segment'
        ? segmentName(c.value, lng)
        : t(`equipment:categories.${c.value}`)
  const applied = chips.filter((c) => c.applied)
  const offered = chips.filter((c) => !c.applied)
  if (applied.length === 0 && offered.length === 0 && !category) return null
  const linkOf = (c: Chip) => href(c.link.param, c.link.value, { q: c.link.q || null, page: null })
  return (
    <div
      role="group"
      aria-label={t('search.understood.label')}
      className="mt-3 flex flex-wrap items-center gap-2 text-sm"
    >
      {applied.length > 0 || category ? (
        <span className="text-slate-600">{t('search.understood.applied')}</span>
      ) : null}
      {applied.map((c) => (
        <span
          key={`${c.kind}-${c.value}`}
          className="inline-flex items-center gap-1 rounded-full border border-brand-100 bg-brand-50 py-0.5 pl-3 pr-1 text-brand-800"
        >
          {t(`search.understood.${c.kind}`, { name: name(c) })}
          <Link
            to={linkOf(c)}
            aria-label={t('search.understood.remove', { name: name(c) })}
            className="grid h-6 w-6 place-items-center rounded-full text-brand-800 hover:bg-brand-100 hover:no-underline"
          >
            <span aria-hidden>×</span>
          </Link>
        </span>
      ))}
      {category ? (
        <span className="inline-flex items-center gap-1 rounded-full border border-brand-100 bg-brand-50 py-0.5 pl-3 pr-1 text-brand-800">
          {t('search.understood.category', { name: t(`equipment:categories.${category}`) })}
          <Link
            to={href('category', null, { page: null })}
            aria-label={t('search.understood.remove', {
              name: t(`equipment:categories.${category}`),
            })}
            className="grid h-6 w-6 place-items-center rounded-full text-brand-800 hover:bg-brand-100 hover:no-underline"
          >
            <span aria-hidden>×</span>
          </Link>
        </span>
      ) : null}
      {offered.length > 0 ? (
        <span className="text-slate-600">{t('search.understood.offered')}</span>
      ) : null}
      {offered.map((c) => (
        <Link
          key={`${c.kind}-${c.value}`}
          to={linkOf(c)}
          className="rounded-full border border-slate-300 bg-white px-3 py-0.5 text-slate-800 hover:border-brand-600 hover:text-brand-700 hover:no-underline"
        >
          {t(
            c.kind === 'city'
              ? 'search.understood.offerCity'
              : c.kind === 'segment'
                ? 'search.understood.offerSegment'
                : 'search.understood.offerCategory',
            { name: name(c) },
          )}
        </Link>
      ))}
    </div>
  )
}

/**
 * Instead of an empty list: the instrument types closest to the words, and a broader search —
 * the same words without each filter, or, with no filter to drop, a wider word with its count.
 */
function ZeroResults({ help, href }: { help: SerializeFrom<typeof loader>['help']; href: Href }) {
  const { t } = useTranslation()
  const { params } = useLoaderData<typeof loader>()
  const lng = useRootData()?.locale ?? 'zh-CN'
  const q = params.q
  const drops = [
    params.city ? { key: 'city', label: t('search.zero.allCities', { q }) } : null,
    params.segment ? { key: 'segment', label: t('search.zero.allSegments', { q }) } : null,
    params.category ? { key: 'category', label: t('search.zero.allCategories', { q }) } : null,
    params.kind ? { key: 'kind', label: t('search.zero.allKinds', { q }) } : null,
  ].filter((d) => d !== null)
  return (
    <div className="mt-4 space-y-4 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700">
      <p className="font-medium text-slate-900">
        {q ? t('search.zero.title', { q }) : t('search.zero.titleNoQuery')}
      </p>
      {help && help.closest.length > 0 ? (
        <div>
          <h3 className="font-medium text-slate-900">{t('search.zero.didYouMean')}</h3>
          <ul className="mt-2 flex flex-wrap gap-2">
            {help.closest.map((type) => (
              <li key={type.id}>
                <Link
                  to={`/search?${new URLSearchParams({ q: type.zh })}`}
                  className="inline-block rounded-md border border-slate-300 px-3 py-1.5 text-slate-800 hover:border-brand-600 hover:text-brand-700 hover:no-underline"
                >
                  {lng === 'en' ? type.en : type.zh}
                  {type.abbreviation ? ` · ${type.abbreviation}` : ''}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {drops.length > 0 || help?.broader ? (
        <div>
          <h3 className="font-medium text-slate-900">{t('search.zero.broader')}</h3>
          <ul className="mt-2 space-y-1">
            {drops.map((d) => (
              <li key={d.key}>
                <Link to={href(d.key, null, { page: null })}>{d.label}</Link>
              </li>
            ))}
            {drops.length === 0 && help?.broader ? (
              <li>
                <Link to={href('q', help.broader.q, { page: null })}>
                  {t('search.zero.wider', { q: help.broader.q, count: help.broader.total })}
                </Link>
              </li>
            ) : null}
          </ul>
        </div>
      ) : null}
      <ul className="list-disc space-y-1 pl-5 text-slate-600">
        <li>{t('searchPage.empty.spelling')}</li>
        <li>{t('searchPage.empty.fewer')}</li>
        <li>
          <Link to="/search">{t('searchPage.empty.clear')}</Link>
        </li>
      </ul>
    </div>
  )
}
