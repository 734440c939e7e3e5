// A space's stage in the incubation chain and its filing status, as small coloured badges.
import { useTranslation } from 'react-i18next'
import type { FilingCheck } from '../domains/spaces/filing.machine.ts'
import type { FilingStatus, SpaceKind } from '../domains/spaces/space.schema.ts'

const kindStyles: Record<SpaceKind, string> = {
  nursery: 'bg-green-50 text-green-800 ring-green-200',
  incubator: 'bg-brand-50 text-brand-800 ring-brand-100',
  accelerator: 'bg-violet-50 text-violet-800 ring-violet-200',
}

const filingStyles: Record<FilingStatus, string> = {
  national: 'bg-amber-50 text-amber-900 ring-amber-200',
  provincial: 'bg-sky-50 text-sky-900 ring-sky-200',
  none: 'bg-slate-50 text-slate-600 ring-slate-200',
}

const badge =
  'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset'

export function SpaceBadges({
  kind,
  filing,
  filingCheck,
}: {
  kind: SpaceKind
  filing: FilingStatus
  /** Whether a verifier checked the declared filing; only a checked one says 已核验. */
  filingCheck?: FilingCheck
}) {
  const { t } = useTranslation('spaces')
  const checked = filing !== 'none' && filingCheck === 'verified'
  return (
    <>
      <span className={`${badge} ${kindStyles[kind]}`}>{t(`kind.${kind}`)}</span>
      <span className={`${badge} ${filingStyles[filing]}`}>
        {t(`filing.${filing}`)}
        {checked ? ` · ${t('filing.checked')}` : ''}
      </span>
    </>
  )
}
