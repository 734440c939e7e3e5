// The dashboard's "my investments" for investors: open commitments, what needs their attention,
// and the holdings recorded. Nothing for someone without an investor profile.
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '~/i18n/config.ts'
import { formatMoney } from '~/i18n/format.ts'
import { Card } from '../ui/form.tsx'

type Investments = {
  open: { id: string; title: string; amountFen: number; status: string }[]
  openCount: number
  openFen: number
  holdings: number
  actionNeeded: number
} | null

export function DashboardInvestments({ data, lng }: { data: Investments; lng: Language }) {
  const { t } = useTranslation('commitments')
  if (!data) return null
  return (
    <Card>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">{t('investments.dashboard.title')}</h2>
        <Link to="/investments">{t('investments.dashboard.all')}</Link>
      </div>
      <p className="mt-1 text-sm text-slate-600">
        {t('investments.dashboard.open', {
          count: data.openCount,
          amount: formatMoney(data.openFen, lng),
        })}
        {' · '}
        {t('investments.dashboard.holdings', { count: data.holdings })}
      </p>
      {data.actionNeeded > 0 ? (
        <p className="mt-1 text-sm font-medium text-amber-800">
          {t('investments.dashboard.action', { count: data.actionNeeded })}
        </p>
      ) : null}
      {data.open.length > 0 ? (
        <ul className="mt-3 divide-y divide-slate-100 text-sm">
          {data.open.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <Link to={`/commitments/${c.id}`}>{c.title}</Link>
              <span className="flex items-center gap-3">
                <span className="tabular-nums">{formatMoney(c.amountFen, lng)}</span>
                <span className="text-slate-600">{t(`status.${c.status}`)}</span>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  )
}
