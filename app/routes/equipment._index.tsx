// /equipment: the open-equipment marketplace, searched through the offerings index (kind
// equipment) with its own facets. The URL holds the whole state; the form is a plain GET, so
// it works without JavaScript, and with it results follow the typing.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation, useSubmit } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { EquipmentCard, EquipmentFacets } from '~/components/equipment-results.tsx'
import { FacetPanel } from '~/components/search-results.tsx'
import { Notice } from '~/components/ui/form.tsx'
import { fallbackLanguage } from '~/i18n/config.ts'
import { useRootData } from '~/root.tsx'
import { SearchParamsSchema, searchOfferings } from '../../search/query.server.ts'
import { searchParamsOf } from '~/domains/web/request.server.ts'

// Kept in the URL, in this order; `page` and `perPage` ride along separately.
const stateKeys = ['q', 'category', 'accredited', 'mode', 'vouchers', 'segment', 'city'] as const

export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = searchParamsOf(request, SearchParamsSchema, { text: { q: 100 } })
  // This page is the equipment market only: the kind is fixed and a space filter is not offered.
  const params = { ...parsed, kind: 'equipment' as const, space: undefined }
  const result = await searchOfferings(params)
  const filtered = stateKeys.some((k) => Boolean(params[k]))
  return { params, result, filtered }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data?.params.q
      ? `${data.params.q} · 仪器设备开放共享 · 众创 Zhongchuang`
      : '仪器设备开放共享 · 众创 Zhongchuang',
  },
]

export default function EquipmentMarketPage() {
  const { t } = useTranslation('equipment')
  const { t: tc } = useTranslation()
  const { params, result, filtered } = useLoaderData<typeof loader>()
  const lng = useRootData()?.locale ?? fallbackLanguage
  const submit = useSubmit()
  const navigation = useNavigation()
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(timer.current), [])

  const href = (key: string, value: string | null, extra: Record<string, string | null> = {}) => {
    const state: Record<string, string | undefined> = {}
    for (const k of stateKeys) state[k] = params[k] || undefined
    state.sort = params.sort === 'relevance' ? undefined : params.sort
    state.perPage = params.perPage === 20 ? undefined : String(params.perPage)
    state[key] = value ?? undefined
    for (const [k, v] of Object.entries(extra)) state[k] = v ?? undefined
    const next = new URLSearchParams()
    for (const [k, v] of Object.entries(state)) if (v) next.set(k, v)
    const qs = next.toString()
    return qs ? `/equipment?${qs}` : '/equipment'
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">{t('market.title')}</h1>
          <p className="mt-1 max-w-3xl text-slate-600">{t('market.sub')}</p>
        </div>
        <Link
          to="/equipment/new"
          className="inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 hover:no-underline"
        >
          {t('market.list')}
        </Link>
      </div>
      <Form
        method="get"
        role="search"
        className="flex max-w-2xl flex-wrap gap-2"
        onChange={(event) => {
          // As-you-type: wait for a pause, then replace the entry instead of stacking history.
          const form = event.currentTarget
          clearTimeout(timer.current)
          timer.current = setTimeout(
            () => submit(form, { replace: true, preventScrollReset: true }),
            250,
          )
        }}
      >
        {stateKeys
          .filter((k) => k !== 'q' && params[k])
          .map((k) => (
            <input key={k} type="hidden" name={k} value={params[k]} />
          ))}
        {params.perPage !== 20 ? (
          <input type="hidden" name="perPage" value={params.perPage} />
        ) : null}
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
          <option value="price">{t('market.sortPrice')}</option>
        </select>
        <button className="rounded-md bg-brand-600 px-4 py-2 text-white">
          {tc('search.submit')}
        </button>
      </Form>
      {result.degraded ? <Notice tone="warning">{tc('searchPage.degraded')}</Notice> : null}
      {!filtered && result.total === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          <p className="font-medium">{t('market.none.title')}</p>
          <p className="mt-1 text-sm text-slate-600">{t('market.none.body')}</p>
          <Link
            to="/equipment/new"
            className="mt-4 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 hover:no-underline"
          >
            {t('market.none.cta')}
          </Link>
        </div>
      ) : (
        <div className="grid gap-6 md:grid-cols-[15rem_1fr]">
          {/* On a phone the results come first and the filters follow them. */}
          <aside aria-label={tc('searchPage.filters')} className="order-2 space-y-5 md:order-1">
            <EquipmentFacets
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
                  <li>{tc('searchPage.empty.spelling')}</li>
                  <li>{tc('searchPage.empty.fewer')}</li>
                  <li>
                    <Link to="/equipment">{tc('searchPage.empty.clear')}</Link>
                  </li>
                </ul>
              </div>
            ) : (
              <ul className="mt-3 space-y-3">
                {result.hits.map((hit) => (
                  <EquipmentCard key={hit.id} hit={hit} lng={lng} />
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
            <p className="mt-6 text-sm text-slate-600">
              {t('market.invite')} <Link to="/equipment/new">{t('market.list')}</Link>
            </p>
          </section>
        </div>
      )}
    </div>
  )
}
