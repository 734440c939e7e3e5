// /challenges: the innovation-challenge marketplace (众包 / 揭榜挂帅), searched through the
// offerings index (kind challenge) with its own facets. Open challenges are the default list;
// closed ones are there when asked for by status. The URL holds the whole state and the form is
// a plain GET, so it works without JavaScript.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ChallengeCard, ChallengeFacets } from '~/components/challenge-results.tsx'
import { FacetPanel } from '~/components/search-results.tsx'
import { Notice } from '~/components/ui/form.tsx'
import { fallbackLanguage } from '~/i18n/config.ts'
import { useRootData } from '~/root.tsx'
import { now } from '~/clock.server.ts'
import { StatusListSchema, searchOfferings } from '../../search/query.server.ts'
import { searchParamsOf } from '~/domains/web/request.server.ts'

const stateKeys = ['q', 'type', 'award', 'due', 'status', 'ip', 'segment', 'city'] as const

export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = searchParamsOf(request, StatusListSchema, { text: { q: 100 } })
  const params = {
    ...parsed,
    kind: 'challenge' as const,
    space: undefined,
    status: parsed.status === 'any' ? undefined : (parsed.status ?? ('open' as const)),
  }
  const result = await searchOfferings(params)
  const filtered = stateKeys.some((k) => k !== 'status' && Boolean(params[k]))
  return {
    params: {
      ...params,
      status: parsed.status,
    },
    result,
    filtered,
    nowSeconds: Math.floor(now().getTime() / 1000),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data?.params.q
      ? `${data.params.q} · 创新挑战 · 众创 Zhongchuang`
      : '创新挑战 · 众创 Zhongchuang',
  },
]

export default function ChallengeMarketPage() {
  const { t } = useTranslation('challenges')
  const { t: tc } = useTranslation()
  const { params, result, filtered, nowSeconds } = useLoaderData<typeof loader>()
  const lng = useRootData()?.locale ?? fallbackLanguage
  const navigation = useNavigation()

  const href = (key: string, value: string | null, extra: Record<string, string | null> = {}) => {
    const state: Record<string, string | undefined> = {}
    for (const k of stateKeys) state[k] = params[k] || undefined
    state.sort = params.sort === 'relevance' ? undefined : params.sort
    state[key] = value ?? undefined
    for (const [k, v] of Object.entries(extra)) state[k] = v ?? undefined
    const next = new URLSearchParams()
    for (const [k, v] of Object.entries(state)) if (v) next.set(k, v)
    const qs = next.toString()
    return qs ? `/challenges?${qs}` : '/challenges'
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">{t('market.title')}</h1>
          <p className="mt-1 max-w-3xl text-slate-600">{t('market.sub')}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link
            to="/challenges/mine"
            className="inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 hover:no-underline"
          >
            {t('mine.title')}
          </Link>
          <Link
            to="/challenges/new"
            className="inline-flex items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 hover:no-underline"
          >
            {t('market.post')}
          </Link>
        </div>
      </div>
      <Form method="get" role="search" className="flex max-w-2xl flex-wrap gap-2">
        {stateKeys
          .filter((k) => k !== 'q' && params[k])
          .map((k) => (
            <input key={k} type="hidden" name={k} value={params[k]} />
          ))}
        <label htmlFor="q" className="sr-only">
          {t('market.queryLabel')}
        </label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={params.q}
          placeholder={t('market.placeholder')}
          className="w-full min-w-0 rounded-md border border-slate-300 px-3 py-2 sm:w-auto sm:flex-1"
        />
        <label htmlFor="sort" className="sr-only">
          {tc('searchPage.sort')}
        </label>
        <select
          id="sort"
          name="sort"
          defaultValue={params.sort}
          className="rounded-md border border-slate-300 px-2 py-2 text-sm"
        >
          <option value="relevance">{tc('searchPage.sorts.relevance')}</option>
          <option value="newest">{tc('searchPage.sorts.newest')}</option>
          <option value="deadline">{t('market.sortDeadline')}</option>
          <option value="award">{t('market.sortAward')}</option>
        </select>
        <button className="rounded-md bg-brand-600 px-4 py-2 text-white">
          {tc('search.submit')}
        </button>
      </Form>
      {result.degraded ? <Notice tone="warning">{tc('searchPage.degraded')}</Notice> : null}
      {!filtered && !params.status && result.total === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          <p className="font-medium">{t('market.none.title')}</p>
          <p className="mt-1 text-sm text-slate-600">{t('market.none.body')}</p>
          <Link
            to="/challenges/new"
            className="mt-4 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 hover:no-underline"
          >
            {t('market.post')}
          </Link>
        </div>
      ) : (
        <div className="grid gap-6 md:grid-cols-[15rem_1fr]">
          <aside aria-label={tc('searchPage.filters')} className="order-2 space-y-5 md:order-1">
            <ChallengeFacets
              facets={result.facets}
              current={params}
              href={(k, v) => href(k, v, { page: null })}
            />
            <FacetPanel
              facets={result.facets}
              current={params}
              href={(k, v) => href(k, v, { page: null })}
              lng={lng}
              hideKinds
            />
          </aside>
          <section
            aria-labelledby="results"
            aria-busy={navigation.state === 'loading'}
            className="order-1 md:order-2"
          >
            <h2 id="results" className="text-sm text-slate-600" aria-live="polite">
              {params.q
                ? tc('search.count', { count: result.total, q: params.q })
                : tc('searchPage.all', { count: result.total })}
            </h2>
            {result.hits.length === 0 ? (
              <div className="mt-4 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700">
                <p className="font-medium">{tc('searchPage.empty.title')}</p>
                <ul className="mt-2 list-disc pl-5">
                  <li>{tc('searchPage.empty.fewer')}</li>
                  <li>
                    <Link to="/challenges">{tc('searchPage.empty.clear')}</Link>
                  </li>
                </ul>
              </div>
            ) : (
              <ul className="mt-3 space-y-3">
                {result.hits.map((hit) => (
                  <ChallengeCard key={hit.id} hit={hit} lng={lng} nowSeconds={nowSeconds} />
                ))}
              </ul>
            )}
            {result.totalPages > 1 ? (
              <nav
                aria-label={tc('searchPage.pages')}
                className="mt-6 flex items-center justify-between text-sm"
              >
                {result.page > 1 ? (
                  <Link to={href('page', String(result.page - 1))}>
                    ← {tc('searchPage.previous')}
                  </Link>
                ) : (
                  <span />
                )}
                <span className="text-slate-600">
                  {tc('searchPage.pageOf', { page: result.page, pages: result.totalPages })}
                </span>
                {result.page < result.totalPages ? (
                  <Link to={href('page', String(result.page + 1))}>{tc('searchPage.next')} →</Link>
                ) : (
                  <span />
                )}
              </nav>
            ) : null}
          </section>
        </div>
      )}
    </div>
  )
}
