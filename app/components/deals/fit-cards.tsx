// Cards of the matching pages: an investor as a startup sees it on /investors (with its fit
// when ranked), a startup as an investor sees it in the deal feed (with its campaign's teaser),
// and the pager both lists share. Contacts are never among what they are given.
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { formatMoney } from '~/i18n/format.ts'
import type { Language } from '~/i18n/config.ts'
import { segmentName } from '~/domains/spaces/segments.ts'
import type {
  DealCard as DealCardRow,
  InvestorCard as InvestorCardRow,
} from '~/domains/deals/matching.server.ts'

/** An investor as the matching module hands it to a page (never with contacts). */
export type InvestorCardData = Omit<InvestorCardRow, 'lastActiveAt'>

/** A startup in an investor's deal feed, as the matching module ranks it. */
export type DealCardData = Omit<DealCardRow, 'orgId' | 'minTicketFen'>

const listSeparator = (lng: Language) => (lng === 'zh-CN' ? '、' : ', ')

function range(minFen: number, maxFen: number, lng: Language) {
  return minFen === maxFen
    ? formatMoney(minFen, lng)
    : `${formatMoney(minFen, lng)} – ${formatMoney(maxFen, lng)}`
}

export function FitBadge({ score }: { score: number }) {
  const { t } = useTranslation('intros')
  const tone =
    score >= 75
      ? 'bg-green-50 text-green-800 ring-green-200'
      : score >= 40
        ? 'bg-brand-50 text-brand-800 ring-brand-100'
        : 'bg-slate-50 text-slate-700 ring-slate-200'
  return (
    <span
      className={`inline-flex shrink-0 items-center rounded-full px-2.5 py-1 text-sm font-semibold tabular-nums ring-1 ${tone}`}
      aria-label={t('matching.scoreLabel', { score })}
      title={t('matching.scoreLabel', { score })}
    >
      {t('matching.score', { score })}
    </span>
  )
}

export function Reasons({ reasons }: { reasons: string[] }) {
  const { t } = useTranslation('intros')
  return (
    <p className="mt-2 text-sm text-slate-700">
      <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">
        {t('matching.reasons')}
      </span>
      {reasons.length > 0 ? (
        reasons.map((r, i) => (
          <span key={`${i}-${r}`}>
            {i > 0 ? <span className="px-1.5 text-slate-400">·</span> : null}
            <span className="font-medium">{r}</span>
          </span>
        ))
      ) : (
        <span className="text-slate-500">{t('matching.noReasons')}</span>
      )}
    </p>
  )
}

export function InvestorCard({
  investor,
  lng,
  canRequest,
}: {
  investor: InvestorCardData
  lng: Language
  canRequest: boolean
}) {
  const { t } = useTranslation('intros')
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 className="font-semibold text-slate-900">
            <Link to={`/investors/${investor.id}`}>{investor.displayName}</Link>
          </h3>
          <p className="mt-0.5 flex flex-wrap gap-x-2 text-sm text-slate-600">
            <span>{t(`matching.kinds.${investor.kind}`)}</span>
            {investor.verified ? (
              <span className="text-green-800">✓ {t('matching.verified')}</span>
            ) : null}
          </p>
        </div>
        {investor.fit ? <FitBadge score={investor.fit.score} /> : null}
      </div>
      {investor.fit ? <Reasons reasons={investor.fit.reasons} /> : null}
      {investor.bio ? (
        <p className="mt-2 line-clamp-2 text-sm text-slate-600">{investor.bio}</p>
      ) : null}
      <dl className="mt-3 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-2">
        <div className="flex gap-2">
          <dt className="shrink-0 text-slate-500">{t('matching.thesis')}</dt>
          <dd className="min-w-0 text-slate-800">
            {investor.thesisSegments.map((s) => segmentName(s, lng)).join(listSeparator(lng)) ||
              '—'}
          </dd>
        </div>
        <div className="flex gap-2">
          <dt className="shrink-0 text-slate-500">{t('matching.stagesLabel')}</dt>
          <dd className="text-slate-800">
            {investor.thesisStages.map((s) => t(`matching.stages.${s}`)).join(listSeparator(lng)) ||
              '—'}
          </dd>
        </div>
        <div className="flex gap-2">
          <dt className="shrink-0 text-slate-500">{t('matching.ticketLabel')}</dt>
          <dd className="text-slate-800 tabular-nums">
            {range(investor.ticketMinFen, investor.ticketMaxFen, lng)}
          </dd>
        </div>
        <div className="flex gap-2">
          <dt className="shrink-0 text-slate-500">{t('matching.regions')}</dt>
          <dd className="text-slate-800">
            {investor.regions.length
              ? investor.regions.join(listSeparator(lng))
              : t('matching.anywhere')}
          </dd>
        </div>
      </dl>
      <div className="mt-3 flex flex-wrap gap-3 text-sm">
        <Link to={`/investors/${investor.id}`}>{t('matching.viewProfile')}</Link>
        {canRequest ? (
          <Link to={`/intros/new?investor=${investor.id}`}>{t('matching.requestIntro')}</Link>
        ) : null}
      </div>
    </li>
  )
}

export function DealCard({
  deal,
  lng,
  nowMs,
}: {
  deal: DealCardData
  lng: Language
  nowMs: number
}) {
  const { t } = useTranslation('intros')
  const c = deal.campaign
  const percent = c && c.targetFen > 0 ? Math.min(100, (c.committedFen / c.targetFen) * 100) : 0
  const daysLeft = c ? Math.max(0, Math.ceil((Date.parse(c.deadline) - nowMs) / 86_400_000)) : 0
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 className="font-semibold text-slate-900">
            <Link to={`/startups/${deal.slug}`}>{deal.name}</Link>
          </h3>
          <p className="mt-0.5 text-sm text-slate-600">
            {[
              t(`matching.stages.${deal.stage}`),
              deal.city,
              ...deal.segments.slice(0, 2).map((s) => segmentName(s, lng)),
            ].join(' · ')}
          </p>
        </div>
        <FitBadge score={deal.score} />
      </div>
      <Reasons reasons={deal.reasons} />
      <p className="mt-2 text-sm text-slate-700">{deal.oneLiner}</p>
      {c ? (
        <div className="mt-3 rounded-md border border-brand-100 bg-brand-50/50 p-3">
          <p className="text-xs font-medium text-brand-800">{t('deals.campaign')}</p>
          <p className="mt-0.5 text-sm font-medium text-slate-900">
            <Link to={`/campaigns/${c.slug}`}>{c.title}</Link>
          </p>
          <div
            className="mt-2 h-2 overflow-hidden rounded-full bg-slate-200"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(percent)}
            aria-label={t('deals.progress', {
              committed: formatMoney(c.committedFen, lng),
              target: formatMoney(c.targetFen, lng),
            })}
          >
            <div className="h-full bg-brand-600" style={{ width: `${percent}%` }} />
          </div>
          <p className="mt-1 flex flex-wrap justify-between gap-x-3 text-xs text-slate-600">
            <span className="tabular-nums">
              {t('deals.progress', {
                committed: formatMoney(c.committedFen, lng),
                target: formatMoney(c.targetFen, lng),
              })}
            </span>
            <span>{t('deals.daysLeft', { count: daysLeft })}</span>
          </p>
        </div>
      ) : deal.seekingFen ? (
        <p className="mt-2 text-sm text-slate-600">
          {t('deals.seeking', { amount: formatMoney(deal.seekingFen, lng) })}
        </p>
      ) : null}
      <div className="mt-3 flex flex-wrap gap-3 text-sm">
        {c ? <Link to={`/campaigns/${c.slug}`}>{t('deals.viewCampaign')}</Link> : null}
        <Link to={`/startups/${deal.slug}`}>{t('deals.viewStartup')}</Link>
        <Link to={`/intros/new?startup=${encodeURIComponent(deal.slug)}`}>
          {t('matching.requestIntro')}
        </Link>
      </div>
    </li>
  )
}

export function Pager({
  page,
  pages,
  href,
}: {
  page: number
  pages: number
  href: (page: number) => string
}) {
  const { t } = useTranslation('intros')
  if (pages <= 1) return null
  return (
    <nav
      aria-label={t('matching.pageOf', { page, pages })}
      className="mt-6 flex items-center justify-between text-sm"
    >
      {page > 1 ? <Link to={href(page - 1)}>← {t('matching.previous')}</Link> : <span />}
      <span className="text-slate-600">{t('matching.pageOf', { page, pages })}</span>
      {page < pages ? <Link to={href(page + 1)}>{t('matching.next')} →</Link> : <span />}
    </nav>
  )
}
