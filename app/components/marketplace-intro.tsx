// The opening of a marketplace page: what it is for and who takes part, in the reader's language.
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

export function MarketplaceIntro({
  market,
  offerLink,
}: {
  market: 'challenges' | 'equipment' | 'campaigns'
  offerLink?: string
}) {
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t(`home.markets.${market}.title`)}</h1>
        <p className="mt-2 max-w-3xl text-slate-700">{t(`home.markets.${market}.body`)}</p>
        <p className="mt-1 text-sm text-slate-500">{t(`home.markets.${market}.who`)}</p>
      </div>
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
        <p className="font-medium">{t(`market.${market}.empty`)}</p>
        <p className="mt-1 text-sm text-slate-600">{t('market.verifiedOnly')}</p>
        {offerLink ? (
          <Link to={offerLink} className="mt-4 inline-block text-sm">
            {t('market.registerOrg')}
          </Link>
        ) : null}
      </div>
    </div>
  )
}
