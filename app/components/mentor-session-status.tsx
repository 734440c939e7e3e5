// A mentor session's status as a small coloured badge.
import { useTranslation } from 'react-i18next'
import type { MentorSessionStatus } from '~/domains/hubs/hub.machine.ts'

const styles: Record<MentorSessionStatus, string> = {
  requested: 'bg-amber-50 text-amber-900 ring-amber-200',
  accepted: 'bg-brand-50 text-brand-800 ring-brand-100',
  held: 'bg-green-50 text-green-800 ring-green-200',
  declined: 'bg-slate-50 text-slate-600 ring-slate-200',
  cancelled: 'bg-slate-50 text-slate-600 ring-slate-200',
}

export function SessionStatus({ status }: { status: MentorSessionStatus }) {
  const { t } = useTranslation('mentors')
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${styles[status]}`}
    >
      {t(`status.${status}`)}
    </span>
  )
}
