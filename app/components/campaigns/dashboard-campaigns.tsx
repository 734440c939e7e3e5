// The dashboard's section for people of a startup with campaigns: each campaign's status,
// progress and the next step the startup has to take.
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '../../i18n/config.ts'
import { formatNumber } from '../../i18n/format.ts'
import { Card } from '../ui/form.tsx'
import { ProgressBar, StatusBadge } from './campaign-parts.tsx'

type Row = {
  slug: string
  title: string
  status: string
  percent: number
  daysLeft: number
  investors: number
}

export function DashboardCampaigns({ campaigns, lng }: { campaigns: Row[]; lng: Language }) {
  const { t } = useTranslation('campaigns')
  if (campaigns.length === 0) return null
  return (
    <Card>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">{t('dashboard.title')}</h2>
        <Link to="/campaigns/mine">{t('dashboard.all')}</Link>
      </div>
      <ul className="mt-3 divide-y divide-slate-100">
        {campaigns.map((c) => (
          <li key={c.slug} className="py-3">
            <div className="flex flex-wrap items-center gap-2">
              <StatusBadge status={c.status} />
              <Link to={`/campaigns/${c.slug}/manage`} className="font-medium">
                {c.title}
              </Link>
            </div>
            <div className="mt-2 max-w-md">
              <ProgressBar percent={c.percent} label={t('teaser.progress')} />
            </div>
            <p className="mt-1 text-sm text-slate-600">
              {t('teaser.percent', { percent: formatNumber(c.percent, lng) })} ·{' '}
              {t('manage.investors', { count: c.investors })}
              {c.status === 'live' ? ` · ${t('teaser.daysLeft', { count: c.daysLeft })}` : ''}
            </p>
            <p className="mt-1 text-sm text-slate-800">{t(`dashboard.next.${c.status}`)}</p>
          </li>
        ))}
      </ul>
    </Card>
  )
}
