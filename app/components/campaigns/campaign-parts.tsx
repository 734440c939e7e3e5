// Pieces of the campaign pages: the progress bar, the status badge, a term's value as a reader
// reads it, and the version history that shows investors what changed between versions.
import { useTranslation } from 'react-i18next'
import { materialTerms } from '../../domains/deals/material-terms.ts'
import type { Language } from '../../i18n/config.ts'
import { formatDateTime, formatMoney, formatNumber } from '../../i18n/format.ts'

/** A share in parts per million as a percentage; here rather than beside the campaign form so a
 * page that only shows terms does not ship the form. */
export function ppmPercent(ppm: number): string {
  return `${(ppm / 10_000).toFixed(2)}%`
}

export function ProgressBar({ percent, label }: { percent: number; label: string }) {
  const width = Math.min(100, Math.max(0, percent))
  return (
    <div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(width)}
        className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={`h-full rounded-full ${percent >= 100 ? 'bg-green-600' : 'bg-brand-600'}`}
          style={{ width: `${width}%` }}
        />
      </div>
    </div>
  )
}

const statusStyle: Record<string, string> = {
  draft: 'bg-slate-100 text-slate-700',
  live: 'bg-green-50 text-green-800 ring-1 ring-inset ring-green-200',
  collecting: 'bg-sky-50 text-sky-900 ring-1 ring-inset ring-sky-200',
  deciding: 'bg-amber-50 text-amber-900 ring-1 ring-inset ring-amber-200',
  funded: 'bg-emerald-50 text-emerald-900 ring-1 ring-inset ring-emerald-200',
  documents_submitted: 'bg-emerald-50 text-emerald-900 ring-1 ring-inset ring-emerald-200',
  completed: 'bg-emerald-100 text-emerald-900',
  failed: 'bg-red-50 text-red-800 ring-1 ring-inset ring-red-200',
  withdrawn: 'bg-slate-100 text-slate-600',
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('campaigns')
  return (
    <span
      className={`rounded-full px-2 py-0.5 text-xs font-medium ${statusStyle[status] ?? 'bg-slate-100'}`}
    >
      {t(`status.${status}`)}
    </span>
  )
}

const moneyTerms = new Set([
  'targetFen',
  'maxFen',
  'minTicketFen',
  'minimumAcceptFen',
  'preMoneyFen',
])

/** One term's value as the reader reads it. */
export function useTermText(lng: Language) {
  const { t } = useTranslation('campaigns')
  return (key: string, value: unknown): string => {
    if (value === undefined || value === null) return '—'
    if (moneyTerms.has(key) && typeof value === 'number') return formatMoney(value, lng)
    if (key === 'deadline' && typeof value === 'string') return formatDateTime(value, lng)
    if (key === 'securityType') return t(`security.${String(value)}`)
    if (key === 'companyForm') return t(`companyForm.${String(value)}`)
    if (key === 'vehicle') return t(`vehicle.${String(value)}`)
    if (key === 'existingHolders' && typeof value === 'number') return formatNumber(value, lng)
    return String(value)
  }
}

export type VersionRow = {
  version: number
  terms: Record<string, unknown>
  changeNote: string
  material: boolean
  createdAt: string
}

const longTerms = new Set(['useOfFunds', 'riskDisclosure'])

export function VersionHistory({ versions, lng }: { versions: VersionRow[]; lng: Language }) {
  const { t } = useTranslation('campaigns')
  const text = useTermText(lng)
  if (versions.length === 0) return <p className="text-sm text-slate-600">{t('versions.none')}</p>
  const newestFirst = [...versions].sort((a, b) => b.version - a.version)
  return (
    <ol className="space-y-4">
      {newestFirst.map((v) => {
        const previous = versions.find((p) => p.version === v.version - 1)
        const changed = previous
          ? materialTerms.filter(
              (k) =>
                k in v.terms &&
                k in previous.terms &&
                JSON.stringify(v.terms[k]) !== JSON.stringify(previous.terms[k]),
            )
          : []
        return (
          <li key={v.version} className="rounded-md border border-slate-200 p-3 text-sm">
            <p className="font-medium text-slate-900">
              {t('versions.label', { version: v.version })}
              <span className="ml-2 font-normal text-slate-500">
                {formatDateTime(v.createdAt, lng)}
              </span>
            </p>
            {v.version === 1 ? <p className="mt-1 text-slate-600">{t('versions.first')}</p> : null}
            {v.changeNote ? (
              <p className="mt-1 whitespace-pre-line text-slate-800">{v.changeNote}</p>
            ) : null}
            {changed.length > 0 ? (
              <dl className="mt-2 space-y-1">
                {changed.map((k) => (
                  <div key={k} className="grid gap-x-3 sm:grid-cols-[10rem_1fr]">
                    <dt className="text-slate-600">{t(`terms.${k}`)}</dt>
                    <dd>
                      {longTerms.has(k) ? (
                        <span className="text-slate-800">{t('versions.textChanged')}</span>
                      ) : (
                        <>
                          <del className="text-slate-500">{text(k, previous?.terms[k])}</del>
                          {' → '}
                          <ins className="font-medium text-slate-900 no-underline">
                            {text(k, v.terms[k])}
                          </ins>
                        </>
                      )}
                    </dd>
                  </div>
                ))}
              </dl>
            ) : null}
          </li>
        )
      })}
    </ol>
  )
}
