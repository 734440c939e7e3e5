// The deal feed's top of /dashboard, for someone acting as an investor: the best-fitting
// startups, and the way to the whole feed.
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '~/i18n/config.ts'
import { Card } from '~/components/ui/form.tsx'
import { DealCard, type DealCardData } from './fit-cards.tsx'

export function DashboardDeals({
  deals,
  lng,
  nowMs,
}: {
  deals: { items: (DealCardData & { orgId: string })[]; total: number } | null
  lng: Language
  nowMs: number
}) {
  const { t } = useTranslation('intros')
  if (!deals) return null
  return (
    <Card>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">{t('deals.dashboardTitle')}</h2>
        <div className="flex gap-3 text-sm">
          <Link to="/intros">{t('list.title')}</Link>
          {deals.total > deals.items.length ? <Link to="/deals">{t('deals.all')}</Link> : null}
        </div>
      </div>
      {deals.items.length === 0 ? (
        <p className="mt-2 text-slate-600">{t('deals.none')}</p>
      ) : (
        <ul className="mt-3 grid gap-3 lg:grid-cols-2">
          {deals.items.map((deal) => (
            <DealCard key={deal.orgId} deal={deal} lng={lng} nowMs={nowMs} />
          ))}
        </ul>
      )}
    </Card>
  )
}
