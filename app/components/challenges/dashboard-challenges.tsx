// The dashboard's challenges section: the poster's live challenges with what to do next, and
// the solver's won work with milestones released of all and the amount released.
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { DashboardChallenge } from '~/domains/challenges/dashboard.server.ts'
import { formatMoney } from '~/domains/payments/money.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { useRootData } from '~/root.tsx'
import { Card } from '../ui/form.tsx'

function Item({ c }: { c: DashboardChallenge }) {
  const { t } = useTranslation('reputation')
  const { t: tc } = useTranslation('challenges')
  const lng = useRootData()?.locale ?? fallbackLanguage
  const status = tc(`status.${c.status}`)
  return (
    <li className="py-2.5" data-testid="dashboard-challenge">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <Link to={c.link} className="min-w-0 font-medium break-words">
          {c.title}
        </Link>
        <span className="shrink-0 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
          {status}
        </span>
      </div>
      <p className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-sm text-slate-600">
        {c.milestonesTotal > 0 ? (
          <span className="tabular-nums">
            {t('dashboard.released', {
              released: c.milestonesReleased,
              total: c.milestonesTotal,
              amount: formatMoney(c.releasedFen, 'CNY', lng),
            })}
            {c.awardFen
              ? ` / ${t('dashboard.ofAward', { award: formatMoney(c.awardFen, 'CNY', lng) })}`
              : null}
          </span>
        ) : null}
        <Link to={c.link} className="text-brand-700 underline">
          {t(`dashboard.next.${c.next}`)}
        </Link>
      </p>
    </li>
  )
}

export function DashboardChallenges({
  poster,
  solver,
}: {
  poster: DashboardChallenge[]
  solver: DashboardChallenge[]
}) {
  const { t } = useTranslation('reputation')
  if (poster.length === 0 && solver.length === 0) return null
  return (
    <Card>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">{t('dashboard.title')}</h2>
        <span className="flex gap-3 text-sm">
          {poster.length > 0 ? <Link to="/challenges/mine">{t('dashboard.allPosted')}</Link> : null}
          {solver.length > 0 ? <Link to="/bids">{t('dashboard.allBids')}</Link> : null}
        </span>
      </div>
      {poster.length > 0 ? (
        <section className="mt-3" aria-labelledby="dash-ch-poster">
          <h3 id="dash-ch-poster" className="text-sm font-semibold text-slate-700">
            {t('dashboard.posted')}
          </h3>
          <ul className="divide-y divide-slate-100">
            {poster.map((c) => (
              <Item key={c.slug} c={c} />
            ))}
          </ul>
        </section>
      ) : null}
      {solver.length > 0 ? (
        <section className="mt-3" aria-labelledby="dash-ch-solver">
          <h3 id="dash-ch-solver" className="text-sm font-semibold text-slate-700">
            {t('dashboard.won')}
          </h3>
          <ul className="divide-y divide-slate-100">
            {solver.map((c) => (
              <Item key={c.slug} c={c} />
            ))}
          </ul>
        </section>
      ) : null}
    </Card>
  )
}
