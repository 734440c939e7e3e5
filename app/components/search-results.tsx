// Search results and facets, shared by /search and each space's own search. Highlighted parts
// are rendered as text inside <mark>: nothing from a document is ever treated as HTML.
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Facets, SearchHit, TextPart } from '../../search/query.server.ts'
import { segmentName, segments } from '../domains/spaces/segments.ts'
import type { Language } from '../i18n/config.ts'

export function Highlighted({ parts }: { parts: TextPart[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.mark ? (
          <mark key={i} className="bg-amber-100 text-inherit">
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  )
}

const kindStyle: Record<string, string> = {
  space: 'bg-violet-50 text-violet-800 ring-violet-200',
  organisation: 'bg-sky-50 text-sky-900 ring-sky-200',
  equipment: 'bg-teal-50 text-teal-900 ring-teal-200',
  campaign: 'bg-emerald-50 text-emerald-900 ring-emerald-200',
  startup: 'bg-amber-50 text-amber-900 ring-amber-200',
}

export function HitCard({ hit, lng }: { hit: SearchHit; lng: Language }) {
  const { t } = useTranslation(['common', 'startups', 'campaigns'])
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <span
          className={`rounded-full px-2 py-0.5 font-medium ring-1 ring-inset ${kindStyle[hit.kind] ?? ''}`}
        >
          {t(`searchPage.kinds.${hit.kind}`)}
        </span>
        <span className="text-slate-500">{hit.city}</span>
        {hit.kind === 'startup' && typeof hit.facts.stage === 'string' ? (
          <span className="text-slate-500">· {t(`startups:stage.${hit.facts.stage}`)}</span>
        ) : null}
        {hit.kind === 'campaign' && typeof hit.facts.stage === 'string' ? (
          <span className="text-slate-500">· {t(`campaigns:stage.${hit.facts.stage}`)}</span>
        ) : null}
        {hit.segments2.slice(0, 2).map((s) => (
          <span key={s} className="text-slate-500">
            · {segmentName(s, lng)}
          </span>
        ))}
      </div>
      <h3 className="mt-1 text-lg font-semibold">
        <Link to={hit.url}>
          <Highlighted parts={hit.title} />
        </Link>
      </h3>
      {lng === 'en' && hit.titleEn ? <p className="text-sm text-slate-600">{hit.titleEn}</p> : null}
      {hit.summary.length > 0 ? (
        <p className="mt-1 line-clamp-2 text-sm text-slate-700">
          <Highlighted parts={hit.summary} />
        </p>
      ) : null}
    </li>
  )
}

type FacetLink = (key: string, value: string | null) => string

export function FacetPanel({
  facets,
  current,
  href,
  lng,
  hideKinds = false,
}: {
  facets: Facets
  current: { kind?: string; segment?: string; city?: string }
  href: FacetLink
  lng: Language
  hideKinds?: boolean
}) {
  const { t } = useTranslation()
  const item = (key: string, value: string, label: string, count: number, active: boolean) => (
    <li key={value}>
      <Link
        to={href(key, active ? null : value)}
        aria-current={active ? 'true' : undefined}
        className={`flex justify-between gap-2 rounded px-2 py-1 text-sm no-underline hover:bg-slate-100 hover:no-underline ${active ? 'bg-brand-50 font-medium text-brand-800' : 'text-slate-700'}`}
      >
        <span>{label}</span>
        <span className="text-slate-500">{count}</span>
      </Link>
    </li>
  )
  const topLevels = segments.filter((s) => (facets.segments1[s.code] ?? 0) > 0)
  return (
    <div className="space-y-5">
      {hideKinds ? null : (
        <section aria-labelledby="facet-kind">
          <h2
            id="facet-kind"
            className="text-xs font-semibold tracking-wide text-slate-500 uppercase"
          >
            {t('searchPage.facets.kind')}
          </h2>
          <ul className="mt-1">
            {Object.entries(facets.kind).map(([k, n]) =>
              item('kind', k, t(`searchPage.kinds.${k}`), n, current.kind === k),
            )}
          </ul>
        </section>
      )}
      <section aria-labelledby="facet-segment">
        <h2
          id="facet-segment"
          className="text-xs font-semibold tracking-wide text-slate-500 uppercase"
        >
          {t('searchPage.facets.segment')}
        </h2>
        <ul className="mt-1">
          {topLevels.map((top) => (
            <li key={top.code}>
              <ul>
                {item(
                  'segment',
                  top.code,
                  segmentName(top.code, lng),
                  facets.segments1[top.code] ?? 0,
                  current.segment === top.code,
                )}
              </ul>
              <ul className="ml-3 border-l border-slate-200 pl-1">
                {(top.children ?? [])
                  .filter((c) => (facets.segments2[c.code] ?? 0) > 0)
                  .map((c) =>
                    item(
                      'segment',
                      c.code,
                      segmentName(c.code, lng),
                      facets.segments2[c.code] ?? 0,
                      current.segment === c.code,
                    ),
                  )}
              </ul>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="facet-city">
        <h2
          id="facet-city"
          className="text-xs font-semibold tracking-wide text-slate-500 uppercase"
        >
          {t('searchPage.facets.city')}
        </h2>
        <ul className="mt-1">
          {Object.entries(facets.city)
            .sort((a, b) => b[1] - a[1])
            .map(([c, n]) => item('city', c, c, n, current.city === c))}
        </ul>
      </section>
    </div>
  )
}
