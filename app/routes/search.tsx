// /search: every public offering, by words, kind, segment (two levels) and city, sorted by
// relevance or newest. The URL holds the whole state, so a search can be shared; results
// update as you type, and the form also works as a plain GET without JavaScript.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation, useSubmit } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { FacetPanel, HitCard } from '~/components/search-results.tsx'
import { Notice } from '~/components/ui/form.tsx'
import { useRootData } from '~/root.tsx'
import { getAuth } from '~/domains/accounts/auth.server.ts'
import { viewerSeesCampaigns } from '~/domains/deals/campaign-view.server.ts'
import { SearchParamsSchema, searchOfferings } from '../../search/query.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const params = SearchParamsSchema.parse(Object.fromEntries(url.searchParams))
  // Campaigns are found only by whoever may see them (CAMPAIGN_VISIBILITY).
  const result = await searchOfferings({
    ...params,
    viewerSeesCampaigns: await viewerSeesCampaigns(await getAuth(request)),
  })
  return { params, result }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data?.params.q
      ? `${data.params.q} · 搜索 · 众创 Zhongchuang`
      : '搜索 · 众创 Zhongchuang',
  },
]

export default function SearchPage() {
  const { t } = useTranslation()
  const { params, result } = useLoaderData<typeof loader>()
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
        {params.kind ? <input type="hidden" name="kind" value={params.kind} /> : null}
        {params.segment ? <input type="hidden" name="segment" value={params.segment} /> : null}
        {params.city ? <input type="hidden" name="city" value={params.city} /> : null}
        {params.perPage !== 20 ? (
          <input type="hidden" name="perPage" value={params.perPage} />
        ) : null}
        <label htmlFor="q" className="sr-only">
          {t('search.label')}
        </label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={params.q}
          placeholder={t('search.placeholder')}
          className="min-w-0 flex-1 rounded-md border border-slate-300 px-3 py-2"
        />
        <label htmlFor="sort" className="sr-only">
          {t('searchPage.sort')}
        </label>
        <select
          id="sort"
          name="sort"
          defaultValue={params.sort}
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
          {result.hits.length === 0 ? (
            <div className="mt-4 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700">
              <p className="font-medium">{t('searchPage.empty.title')}</p>
              <ul className="mt-2 list-disc pl-5">
                <li>{t('searchPage.empty.spelling')}</li>
                <li>{t('searchPage.empty.fewer')}</li>
                <li>
                  <Link to="/search">{t('searchPage.empty.clear')}</Link>
                </li>
              </ul>
            </div>
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
