// A compact badge saying a party is a member of a space and at which stage of the incubation
// chain (孵化器成员 · 南山智创…), linking to the space.
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { fallbackLanguage } from '~/i18n/config.ts'
import { useRootData } from '~/root.tsx'
import type { Stage } from '~/domains/spaces/membership.machine.ts'

export type MemberBadgeData = {
  spaceSlug: string
  spaceName: string
  spaceNameEn: string | null
  stage: Stage
}

const stageStyles: Record<Stage, string> = {
  nursery: 'bg-green-50 text-green-800 ring-green-200',
  incubator: 'bg-brand-50 text-brand-800 ring-brand-100',
  accelerator: 'bg-violet-50 text-violet-800 ring-violet-200',
}

export function MemberBadge({ badge }: { badge: MemberBadgeData }) {
  const { t } = useTranslation('spaces')
  const lng = useRootData()?.locale ?? fallbackLanguage
  const space = lng === 'en' && badge.spaceNameEn ? badge.spaceNameEn : badge.spaceName
  return (
    <Link
      to={`/spaces/${badge.spaceSlug}`}
      title={t('badge.title', { stage: t(`stage.${badge.stage}`), space })}
      className={`inline-flex min-w-0 max-w-full items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium no-underline ring-1 ring-inset hover:no-underline ${stageStyles[badge.stage]}`}
    >
      <span className="shrink-0">{t(`badge.stage.${badge.stage}`)}</span>
      <span aria-hidden="true">·</span>
      <span className="min-w-0 truncate">{space}</span>
    </Link>
  )
}

/** Every badge of one party, wrapped; nothing when the party is a member nowhere. */
export function MemberBadges({
  badges,
  className = '',
}: {
  badges: readonly MemberBadgeData[] | undefined
  className?: string
}) {
  if (!badges?.length) return null
  return (
    <span className={`inline-flex min-w-0 max-w-full flex-wrap gap-1.5 align-middle ${className}`}>
      {badges.map((b) => (
        <MemberBadge key={b.spaceSlug} badge={b} />
      ))}
    </span>
  )
}
