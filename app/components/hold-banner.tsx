// The banner the owner (and admins) see on a page the platform has hidden: why, since when, and
// that what was already agreed goes on.
import { useTranslation } from 'react-i18next'
import { fallbackLanguage } from '~/i18n/config.ts'
import { formatDate } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

type Hold = { reason: string; imposedAt: string }
type HeldKind = 'listing' | 'challenge' | 'campaign'

export function HoldBanner({ hold, kind }: { hold: Hold | null; kind: HeldKind }) {
  // Only a held page loads the moderation texts.
  return hold ? <Banner hold={hold} kind={kind} /> : null
}

function Banner({ hold, kind }: { hold: Hold; kind: HeldKind }) {
  const { t } = useTranslation('moderation')
  const lng = useRootData()?.locale ?? fallbackLanguage
  return (
    <div
      role="status"
      className="mb-4 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900"
    >
      <p className="font-semibold">
        {t('banner.title', { date: formatDate(hold.imposedAt, lng) })}
      </p>
      <p className="mt-1">{t('banner.reason', { reason: hold.reason })}</p>
      <p className="mt-1">{t(`banner.goesOn.${kind}`)}</p>
    </div>
  )
}

/** The 已隐藏 tag on an owner's own lists. */
export function HiddenTag() {
  const { t } = useTranslation('moderation')
  return (
    <span className="inline-flex items-center whitespace-nowrap rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-900 ring-1 ring-inset ring-red-200">
      {t('tag')}
    </span>
  )
}
