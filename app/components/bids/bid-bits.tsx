// Small pieces shared by the bid pages: the status badge, an amount in the reader's language,
// a label–value row, and a bid's text blocks.
import { useTranslation } from 'react-i18next'
import { formatMoney } from '~/domains/payments/money.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { useRootData } from '~/root.tsx'

const tone: Record<string, string> = {
  applied: 'bg-amber-50 text-amber-900',
  admitted: 'bg-sky-50 text-sky-900',
  submitted: 'bg-brand-50 text-brand-800',
  shortlisted: 'bg-indigo-50 text-indigo-900',
  awarded: 'bg-green-100 text-green-900',
  rejected: 'bg-slate-100 text-slate-700',
  withdrawn: 'bg-slate-100 text-slate-700',
  lapsed: 'bg-red-50 text-red-800',
}

export function useLng() {
  return useRootData()?.locale ?? fallbackLanguage
}

export function BidStatus({ status }: { status: string }) {
  const { t } = useTranslation('bids')
  return (
    <span
      className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-medium whitespace-nowrap ${tone[status] ?? 'bg-slate-100 text-slate-700'}`}
    >
      {t(`status.${status}`)}
    </span>
  )
}

export function Money({ fen }: { fen: number }) {
  return <span className="tabular-nums">{formatMoney(fen, 'CNY', useLng())}</span>
}

export function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="font-medium text-slate-600">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900">{children}</dd>
    </>
  )
}

/** A block of the bidder's own text, its line breaks kept. */
export function TextBlock({ label, text }: { label: string; text: string }) {
  if (!text) return null
  return (
    <div>
      <h3 className="text-sm font-medium text-slate-600">{label}</h3>
      <p className="mt-1 text-sm whitespace-pre-line text-slate-900">{text}</p>
    </div>
  )
}

/** The award terms a bid is made against: a fixed award, or the budget range. */
export function AwardTerms({
  awardMode,
  awardFen,
  budgetMinFen,
  budgetMaxFen,
}: {
  awardMode: string
  awardFen: number | null
  budgetMinFen: number | null
  budgetMaxFen: number | null
}) {
  const { t } = useTranslation('bids')
  if (awardMode === 'fixed')
    return (
      <>
        <Money fen={awardFen ?? 0} /> <span className="text-slate-500">{t('terms.fixed')}</span>
      </>
    )
  return (
    <>
      <Money fen={budgetMinFen ?? 0} /> – <Money fen={budgetMaxFen ?? 0} />{' '}
      <span className="text-slate-500">{t('terms.range')}</span>
    </>
  )
}
