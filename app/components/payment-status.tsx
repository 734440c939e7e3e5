// A payment's status as a small badge, the same on the payer's, payee's and admins' pages.
import { useTranslation } from 'react-i18next'

const tones: Record<string, string> = {
  awaiting_payment: 'bg-amber-50 text-amber-900 border-amber-200',
  requires_action: 'bg-amber-50 text-amber-900 border-amber-200',
  held: 'bg-brand-50 text-brand-800 border-brand-100',
  settled: 'bg-green-50 text-green-900 border-green-200',
  cancelled: 'bg-slate-100 text-slate-700 border-slate-200',
}

export function PaymentStatus({ status }: { status: string }) {
  const { t } = useTranslation('payments')
  return (
    <span
      className={`inline-block whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium ${tones[status] ?? tones.cancelled}`}
    >
      {t(`status.${status}`)}
    </span>
  )
}
