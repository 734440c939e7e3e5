// An intro's status as a small badge, on the intro's page and in the lists.
import { useTranslation } from 'react-i18next'

const statusTone = {
  requested: 'bg-amber-50 text-amber-900 ring-amber-200',
  accepted: 'bg-green-50 text-green-800 ring-green-200',
  declined: 'bg-slate-100 text-slate-700 ring-slate-200',
  withdrawn: 'bg-slate-100 text-slate-700 ring-slate-200',
} as const

export function IntroStatusBadge({ status }: { status: keyof typeof statusTone }) {
  const { t } = useTranslation('intros')
  return (
    <span
      className={`inline-flex shrink-0 items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ${statusTone[status]}`}
    >
      {t(`status.${status}`)}
    </span>
  )
}
