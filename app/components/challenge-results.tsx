// The challenge marketplace's result cards and its own facets (type, award band, deadline,
// status, IP terms). Facet links carry the whole state, so they work without JavaScript.
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Facets, SearchHit } from '../../search/query.server.ts'
import { awardBands } from '../domains/challenges/challenge-search.ts'
import type { ChallengeStatus } from '../domains/challenges/challenge.machine.ts'
import { challengeTypes, ipTerms } from '../domains/challenges/challenge.schema.ts'
import type { Language } from '../i18n/config.ts'
import { formatDateTime } from '../i18n/format.ts'
import { AwardText, TimeLeft } from './challenge-facts.tsx'
import { Highlighted } from './search-results.tsx'

export function ChallengeCard({
  hit,
  lng,
  nowSeconds,
}: {
  hit: SearchHit
  lng: Language
  nowSeconds: number
}) {
  const { t } = useTranslation('challenges')
  const {
    type,
    awardMode,
    awardMin,
    awardMax,
    deadline,
    ipTerms: ip,
    org,
    solicitation,
    confidentiality,
    status,
  } = hit.facts
  const num = (v: unknown) => (typeof v === 'number' ? v : null)
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-2 text-xs">
        {typeof type === 'string' ? (
          <span className="rounded-full bg-indigo-50 px-2 py-0.5 font-medium text-indigo-900 ring-1 ring-inset ring-indigo-200">
            {t(`type.${type}`)}
          </span>
        ) : null}
        {solicitation === 'jiebang' ? (
          <span className="rounded-full bg-red-50 px-2 py-0.5 font-medium text-red-900 ring-1 ring-inset ring-red-200">
            {t('solicitation.jiebang')}
          </span>
        ) : null}
        {confidentiality === 'nda' ? (
          <span className="rounded-full bg-amber-50 px-2 py-0.5 font-medium text-amber-900 ring-1 ring-inset ring-amber-200">
            {t('confidentiality.ndaBadge')}
          </span>
        ) : null}
        {typeof status === 'string' && status !== 'open' ? (
          <span className="rounded-full bg-slate-100 px-2 py-0.5 font-medium text-slate-700">
            {t(`status.${status}`)}
          </span>
        ) : null}
        <span className="text-slate-600">
          {typeof org === 'string' ? `${org} · ` : ''}
          {hit.city}
        </span>
      </div>
      <h3 className="mt-1 text-lg font-semibold">
        <Link to={hit.url}>
          <Highlighted parts={hit.title} />
        </Link>
      </h3>
      {hit.summary.length > 0 ? (
        <p className="mt-1 line-clamp-2 text-sm text-slate-700">
          <Highlighted parts={hit.summary} />
        </p>
      ) : null}
      <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <span className="font-medium text-slate-900">
          <AwardText mode={String(awardMode)} min={num(awardMin)} max={num(awardMax)} lng={lng} />
        </span>
        {typeof deadline === 'number' ? (
          <span className="text-slate-600">
            {t('card.deadline', { at: formatDateTime(new Date(deadline * 1000), lng) })} ·{' '}
            <span className="text-amber-800">
              <TimeLeft seconds={deadline - nowSeconds} />
            </span>
          </span>
        ) : null}
        {typeof ip === 'string' ? <span className="text-slate-600">{t(`ip.${ip}`)}</span> : null}
      </p>
    </li>
  )
}

const listedStates: ChallengeStatus[] = [
  'open',
  'reviewing',
  'awarded',
  'in_delivery',
  'completed',
  'no_award',
]

type Current = { type?: string; ip?: string; award?: string; due?: string; status?: string }

export function ChallengeFacets({
  facets,
  current,
  href,
}: {
  facets: Facets
  current: Current
  href: (key: string, value: string | null) => string
}) {
  const { t } = useTranslation('challenges')
  const item = (
    key: string,
    value: string,
    label: string,
    count: number | null,
    active: boolean,
  ) => (
    <li key={value}>
      <Link
        to={href(key, active ? null : value)}
        aria-current={active ? 'true' : undefined}
        className={`flex justify-between gap-2 rounded px-2 py-1 text-sm no-underline hover:bg-slate-100 hover:no-underline ${active ? 'bg-brand-50 font-medium text-brand-800' : 'text-slate-700'}`}
      >
        <span>{label}</span>
        {count !== null ? <span className="text-slate-500">{count}</span> : null}
      </Link>
    </li>
  )
  const heading = (id: string, text: string) => (
    <h2 id={id} className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
      {text}
    </h2>
  )
  return (
    <div className="space-y-5">
      <section aria-labelledby="facet-type">
        {heading('facet-type', t('facets.type'))}
        <ul className="mt-1">
          {challengeTypes
            .filter((c) => (facets.challengeType[c] ?? 0) > 0 || current.type === c)
            .map((c) =>
              item('type', c, t(`type.${c}`), facets.challengeType[c] ?? 0, current.type === c),
            )}
        </ul>
      </section>
      <section aria-labelledby="facet-award">
        {heading('facet-award', t('facets.award'))}
        <ul className="mt-1">
          {awardBands.map((b) => item('award', b, t(`bands.${b}`), null, current.award === b))}
        </ul>
      </section>
      <section aria-labelledby="facet-due">
        {heading('facet-due', t('facets.deadline'))}
        <ul className="mt-1">
          {(['open', 'week'] as const).map((d) =>
            item('due', d, t(`due.${d}`), null, current.due === d),
          )}
        </ul>
      </section>
      <section aria-labelledby="facet-status">
        {heading('facet-status', t('facets.status'))}
        <ul className="mt-1">
          {/* Open is the default; the others are asked for (the counts follow the filter). */}
          {listedStates.map((s) =>
            item('status', s, t(`status.${s}`), facets.status[s] ?? null, current.status === s),
          )}
          {item('status', 'any', t('facets.anyStatus'), null, current.status === 'any')}
        </ul>
      </section>
      <section aria-labelledby="facet-ip">
        {heading('facet-ip', t('facets.ip'))}
        <ul className="mt-1">
          {ipTerms
            .filter((c) => (facets.ipTerms[c] ?? 0) > 0 || current.ip === c)
            .map((c) => item('ip', c, t(`ip.${c}`), facets.ipTerms[c] ?? 0, current.ip === c))}
        </ul>
      </section>
    </div>
  )
}
