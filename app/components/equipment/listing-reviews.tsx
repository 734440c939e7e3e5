// A listing's rating (stars, number, count) and a page of its reviews, for the public page.
// Stars are drawn, and said in words to screen readers.
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '../../i18n/config.ts'
import { formatDate } from '../../i18n/format.ts'

/** Five stars filled to `value` (0–5, fractions shown as part of a star). */
function Stars({
  value,
  label,
  size = 'text-lg',
}: {
  value: number
  label: string
  size?: string
}) {
  const percent = Math.max(0, Math.min(100, (value / 5) * 100))
  return (
    <span
      role="img"
      aria-label={label}
      className={`relative inline-block leading-none tracking-tight ${size}`}
    >
      <span aria-hidden="true" className="text-slate-300">
        ★★★★★
      </span>
      <span
        aria-hidden="true"
        className="absolute inset-y-0 left-0 overflow-hidden whitespace-nowrap text-amber-500"
        style={{ width: `${percent}%` }}
      >
        ★★★★★
      </span>
    </span>
  )
}

export function RatingSummary({ average, count }: { average: number | null; count: number }) {
  const { t } = useTranslation('equipment-care')
  if (average === null || count === 0)
    return <p className="mt-1 text-sm text-slate-500">{t('rating.none')}</p>
  return (
    <p className="mt-1 flex flex-wrap items-center gap-x-2 text-sm text-slate-700">
      <Stars value={average} label={t('rating.stars', { average: average.toFixed(1) })} />
      <span className="font-semibold text-slate-900">
        {t('rating.summary', { average: average.toFixed(1) })}
      </span>
      <a href="#reviews" className="text-slate-600">
        {t('rating.count', { count })}
      </a>
    </p>
  )
}

type ReviewItem = {
  id: string
  rating: number
  body: string
  createdAt: string
  author: string
}

export function ReviewList({
  reviews,
  page,
  pages,
  lng,
}: {
  reviews: ReviewItem[]
  page: number
  pages: number
  lng: Language
}) {
  const { t } = useTranslation('equipment-care')
  return (
    <>
      <ul className="mt-3 divide-y divide-slate-100">
        {reviews.map((r) => (
          <li key={r.id} className="py-3">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
              <Stars
                value={r.rating}
                label={t('rating.reviewStars', { count: r.rating })}
                size="text-base"
              />
              <span className="font-medium text-slate-900">
                {r.author || t('reviews.anonymous')}
              </span>
              <span className="text-xs text-slate-500">{formatDate(r.createdAt, lng)}</span>
            </div>
            {r.body ? (
              <p className="mt-1 whitespace-pre-line break-words text-sm text-slate-700">
                {r.body}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {pages > 1 ? (
        <nav
          aria-label={t('reviews.page', { page })}
          className="mt-3 flex items-center justify-between gap-3 text-sm"
        >
          {page > 1 ? (
            <Link to={`?reviews=${page - 1}#reviews`} preventScrollReset>
              ← {t('reviews.newer')}
            </Link>
          ) : (
            <span />
          )}
          <span className="text-slate-500">
            {page} / {pages}
          </span>
          {page < pages ? (
            <Link to={`?reviews=${page + 1}#reviews`} preventScrollReset>
              {t('reviews.older')} →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </>
  )
}
