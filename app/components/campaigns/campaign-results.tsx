// The campaign marketplace's cards and its own facets (stage, status). A card shows the teaser
// only: name, one-liner, segments, stage, progress and days left; never an amount.
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Facets, SearchHit } from '../../../search/query.server.ts'
import type { CampaignStatus } from '../../domains/deals/deal.machine.ts'
import { startupStages } from '../../domains/deals/deals.schema.ts'
import { segmentName } from '../../domains/spaces/segments.ts'
import type { Language } from '../../i18n/config.ts'
import { formatNumber } from '../../i18n/format.ts'
import { Highlighted } from '../search-results.tsx'
import { ProgressBar, StatusBadge } from './campaign-parts.tsx'

export type TeaserFigures = { percent: number; daysLeft: number }

export function CampaignCard({
  hit,
  lng,
  figures,
}: {
  hit: SearchHit
  lng: Language
  figures: TeaserFigures | undefined
}) {
  const { t } = useTranslation('campaigns')
  const { stage, status, org } = hit.facts
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-2 text-xs">
        {typeof status === 'string' ? <StatusBadge status={status} /> : null}
        {typeof stage === 'string' ? (
          <span className="rounded-full bg-indigo-50 px-2 py-0.5 font-medium text-indigo-900 ring-1 ring-indigo-200 ring-inset">
            {t(`stage.${stage}`)}
          </span>
        ) : null}
        <span className="text-slate-600">
          {typeof org === 'string' ? `${org} · ` : ''}
          {hit.city}
        </span>
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
      {hit.summary.length > 0 ? (
        <p className="mt-1 line-clamp-2 text-sm text-slate-700">
          <Highlighted parts={hit.summary} />
        </p>
      ) : null}
      {figures ? (
        <div className="mt-3 max-w-md space-y-1">
          <ProgressBar percent={figures.percent} label={t('teaser.progress')} />
          <p className="flex justify-between gap-2 text-sm">
            <span className="font-medium text-slate-900">
              {t('teaser.percent', { percent: formatNumber(figures.percent, lng) })}
            </span>
            {status === 'live' ? (
              <span className="text-slate-600">
                {t('teaser.daysLeft', { count: figures.daysLeft })}
              </span>
            ) : null}
          </p>
        </div>
      ) : null}
    </li>
  )
}

const listedStates: CampaignStatus[] = [
  'live',
  'collecting',
  'deciding',
  'funded',
  'documents_submitted',
  'completed',
  'failed',
]

export function CampaignFacets({
  facets,
  current,
  href,
}: {
  facets: Facets
  current: { stage?: string; status?: string }
  href: (key: string, value: string | null) => string
}) {
  const { t } = useTranslation('campaigns')
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
      <section aria-labelledby="facet-stage">
        {heading('facet-stage', t('facets.stage'))}
        <ul className="mt-1">
          {startupStages
            .filter((s) => (facets.stage[s] ?? 0) > 0 || current.stage === s)
            .map((s) =>
              item('stage', s, t(`stage.${s}`), facets.stage[s] ?? 0, current.stage === s),
            )}
        </ul>
      </section>
      <section aria-labelledby="facet-status">
        {heading('facet-status', t('facets.status'))}
        <ul className="mt-1">
          {/* Live is the default; the others are asked for (the counts follow the filter). */}
          {listedStates.map((s) =>
            item('status', s, t(`status.${s}`), facets.status[s] ?? null, current.status === s),
          )}
          {item('status', 'any', t('facets.anyStatus'), null, current.status === 'any')}
        </ul>
      </section>
    </div>
  )
}
