// The equipment marketplace's result cards and its own facets (category, accreditation,
// service mode, vouchers). Facet links carry the whole state, so they work without JavaScript.
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Facets, SearchHit } from '../../search/query.server.ts'
import { equipmentCategories, serviceModes } from '../domains/equipment/equipment-terms.ts'
import type { Language } from '../i18n/config.ts'
import { formatMoney } from '../domains/payments/money.ts'
import { Highlighted } from './search-results.tsx'

export function PriceFrom({
  priceKind,
  priceFen,
  lng,
}: {
  priceKind: string
  priceFen: number
  lng: Language
}) {
  const { t } = useTranslation('equipment')
  return (
    <>
      {t(priceKind === 'per_sample' ? 'price.fromPerSample' : 'price.fromPerHour', {
        price: formatMoney(priceFen, 'CNY', lng),
      })}
    </>
  )
}

export function EquipmentCard({ hit, lng }: { hit: SearchHit; lng: Language }) {
  const { t } = useTranslation('equipment')
  const { category, accredited, priceKind, price, rating, reviewCount } = hit.facts
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-2 text-xs">
        {typeof category === 'string' ? (
          <span className="rounded-full bg-teal-50 px-2 py-0.5 font-medium text-teal-900 ring-1 ring-inset ring-teal-200">
            {t(`categories.${category}`)}
          </span>
        ) : null}
        {accredited === 'yes' ? (
          <span className="rounded-full bg-emerald-50 px-2 py-0.5 font-medium text-emerald-900 ring-1 ring-inset ring-emerald-200">
            {t('card.accredited')}
          </span>
        ) : null}
        <span className="text-slate-600">{hit.city}</span>
        {typeof rating === 'number' && typeof reviewCount === 'number' ? (
          <span
            className="text-amber-700"
            aria-label={t('card.ratingLabel', { rating, count: reviewCount })}
          >
            ★ {rating.toFixed(1)}
            <span className="text-slate-500"> ({reviewCount})</span>
          </span>
        ) : null}
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
      {typeof priceKind === 'string' && typeof price === 'number' ? (
        <p className="mt-2 text-sm font-medium text-slate-900">
          <PriceFrom priceKind={priceKind} priceFen={price} lng={lng} />
        </p>
      ) : null}
    </li>
  )
}

type Current = { category?: string; mode?: string; accredited?: string; vouchers?: string }

export function EquipmentFacets({
  facets,
  current,
  href,
}: {
  facets: Facets
  current: Current
  href: (key: string, value: string | null) => string
}) {
  const { t } = useTranslation('equipment')
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
  const heading = (id: string, text: string) => (
    <h2 id={id} className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
      {text}
    </h2>
  )
  return (
    <div className="space-y-5">
      <section aria-labelledby="facet-category">
        {heading('facet-category', t('facets.category'))}
        <ul className="mt-1">
          {equipmentCategories
            .filter((c) => (facets.category[c] ?? 0) > 0 || current.category === c)
            .map((c) =>
              item(
                'category',
                c,
                t(`categories.${c}`),
                facets.category[c] ?? 0,
                current.category === c,
              ),
            )}
        </ul>
      </section>
      <section aria-labelledby="facet-qualification">
        {heading('facet-qualification', t('facets.qualification'))}
        <ul className="mt-1">
          {item(
            'accredited',
            '1',
            t('facets.accredited'),
            facets.accredited['true'] ?? 0,
            current.accredited === '1',
          )}
          {item(
            'vouchers',
            '1',
            t('facets.vouchers'),
            facets.vouchersAccepted['true'] ?? 0,
            current.vouchers === '1',
          )}
        </ul>
      </section>
      <section aria-labelledby="facet-mode">
        {heading('facet-mode', t('facets.mode'))}
        <ul className="mt-1">
          {serviceModes
            .filter((m) => (facets.serviceModes[m] ?? 0) > 0 || current.mode === m)
            .map((m) =>
              item('mode', m, t(`modes.${m}`), facets.serviceModes[m] ?? 0, current.mode === m),
            )}
        </ul>
      </section>
    </div>
  )
}
