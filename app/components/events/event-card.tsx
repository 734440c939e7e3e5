// An event as a line in a list: its kind, title, Beijing time, where, and seats left. Used by
// /events, a space's events page and the space page.
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { fallbackLanguage } from '~/i18n/config.ts'
import { formatDateTime } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

export type EventCardData = {
  id: string
  kind: string
  title: string
  summary: string
  startsAt: string | Date
  endsAt: string | Date
  place: string | null
  online: boolean
  capacity: number
  audience: string
  status: string
  seatsTaken: number
  waitlisted: number
  spaceName?: string
  spaceNameEn?: string | null
  spaceSlug?: string
}

const kindStyles: Record<string, string> = {
  roadshow: 'bg-amber-50 text-amber-900 ring-amber-200',
  training: 'bg-sky-50 text-sky-900 ring-sky-200',
  contest: 'bg-fuchsia-50 text-fuchsia-900 ring-fuchsia-200',
  open_day: 'bg-green-50 text-green-900 ring-green-200',
}

export const badge =
  'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset'

export function KindBadge({ kind }: { kind: string }) {
  const { t } = useTranslation('events')
  return (
    <span className={`${badge} ${kindStyles[kind] ?? 'bg-slate-50 text-slate-700 ring-slate-200'}`}>
      {t(`kind.${kind}`)}
    </span>
  )
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('events')
  const style =
    status === 'published'
      ? 'bg-brand-50 text-brand-800 ring-brand-100'
      : status === 'cancelled'
        ? 'bg-red-50 text-red-800 ring-red-200'
        : 'bg-slate-50 text-slate-700 ring-slate-200'
  return <span className={`${badge} ${style}`}>{t(`status.${status}`)}</span>
}

export function EventCard({ event, showStatus }: { event: EventCardData; showStatus?: boolean }) {
  const { t } = useTranslation('events')
  const lng = useRootData()?.locale ?? fallbackLanguage
  const left = Math.max(0, event.capacity - event.seatsTaken)
  return (
    <li className="rounded-md border border-slate-200 p-3 sm:p-4">
      <div className="flex flex-wrap items-center gap-1.5">
        <KindBadge kind={event.kind} />
        {showStatus || event.status !== 'published' ? <StatusBadge status={event.status} /> : null}
        {event.audience === 'members' ? (
          <span className={`${badge} bg-slate-50 text-slate-700 ring-slate-200`}>
            {t('audience.members')}
          </span>
        ) : null}
      </div>
      <h3 className="mt-2 font-semibold">
        <Link to={`/events/${event.id}`}>{event.title}</Link>
      </h3>
      <p className="mt-1 text-sm text-slate-600">{event.summary}</p>
      <dl className="mt-2 grid gap-1 text-sm text-slate-700 sm:flex sm:flex-wrap sm:gap-x-5">
        <div className="flex gap-1.5">
          <dt className="shrink-0 text-slate-500">{t('card.when')}</dt>
          <dd>
            <time dateTime={new Date(event.startsAt).toISOString()}>
              {formatDateTime(event.startsAt, lng)}
            </time>
          </dd>
        </div>
        <div className="flex gap-1.5">
          <dt className="shrink-0 text-slate-500">{t('card.where')}</dt>
          <dd>
            {[event.place, event.online ? t('card.online') : null].filter(Boolean).join(' · ')}
          </dd>
        </div>
        {event.spaceName && event.spaceSlug ? (
          <div className="flex gap-1.5">
            <dt className="shrink-0 text-slate-500">{t('card.space')}</dt>
            <dd>
              <Link to={`/spaces/${event.spaceSlug}/events`}>
                {lng === 'en' && event.spaceNameEn ? event.spaceNameEn : event.spaceName}
              </Link>
            </dd>
          </div>
        ) : null}
        {event.status === 'published' ? (
          <div className="flex gap-1.5">
            <dt className="shrink-0 text-slate-500">{t('card.seats')}</dt>
            <dd>
              {left > 0
                ? t('card.seatsLeft', { left, capacity: event.capacity })
                : t('card.full', { waiting: event.waitlisted })}
            </dd>
          </div>
        ) : null}
      </dl>
    </li>
  )
}
