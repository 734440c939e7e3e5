// /events/mine: the person's registrations: status, place on the waiting list and the check-in
// code to show at the door; then past and cancelled ones.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { badge, KindBadge } from '~/components/events/event-card.tsx'
import { Card, PageTitle } from '~/components/ui/form.tsx'
import { requireMember } from '~/domains/accounts/auth.server.ts'
import { myRegistrations } from '~/domains/hubs/event-queries.server.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { formatDateTime } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  return myRegistrations(auth.user.id)
}

export const meta: MetaFunction = () => [{ title: '我的活动报名 · 众创 Zhongchuang' }]

type Item = ReturnType<typeof useLoaderData<typeof loader>>['upcoming'][number]

const statusStyles: Record<string, string> = {
  registered: 'bg-green-50 text-green-800 ring-green-200',
  attended: 'bg-brand-50 text-brand-800 ring-brand-100',
  waitlisted: 'bg-amber-50 text-amber-900 ring-amber-200',
  cancelled: 'bg-slate-50 text-slate-600 ring-slate-200',
}

export default function MyEventsPage() {
  const { t } = useTranslation('events')
  const { upcoming, past } = useLoaderData<typeof loader>()
  return (
    <div className="space-y-6">
      <nav className="text-sm">
        <Link to="/events">{t('mine.back')}</Link>
      </nav>
      <PageTitle>{t('mine.title')}</PageTitle>
      <Card>
        <h2 className="text-lg font-semibold text-slate-900">{t('mine.upcoming')}</h2>
        {upcoming.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">
            {t('mine.none')} <Link to="/events">{t('mine.browse')}</Link>
          </p>
        ) : (
          <ul className="mt-3 space-y-3">
            {upcoming.map((r) => (
              <Registration key={r.id} item={r} />
            ))}
          </ul>
        )}
      </Card>
      {past.length > 0 ? (
        <Card>
          <h2 className="text-lg font-semibold text-slate-900">{t('mine.past')}</h2>
          <ul className="mt-3 space-y-3">
            {past.map((r) => (
              <Registration key={r.id} item={r} />
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  )
}

function Registration({ item }: { item: Item }) {
  const { t } = useTranslation('events')
  const lng = useRootData()?.locale ?? fallbackLanguage
  const seated = item.status === 'registered' || item.status === 'attended'
  return (
    <li className="rounded-md border border-slate-200 p-3 sm:p-4">
      <div className="flex flex-wrap items-center gap-1.5">
        <KindBadge kind={item.event.kind} />
        <span className={`${badge} ${statusStyles[item.status] ?? ''}`}>
          {t(`registration.${item.status}`)}
        </span>
        {item.event.status === 'cancelled' ? (
          <span className={`${badge} bg-red-50 text-red-800 ring-red-200`}>
            {t('status.cancelled')}
          </span>
        ) : null}
      </div>
      <h3 className="mt-2 font-semibold">
        <Link to={`/events/${item.event.id}`}>{item.event.title}</Link>
      </h3>
      <p className="mt-1 text-sm text-slate-600">
        {formatDateTime(item.event.startsAt, lng)} · {item.spaceName}
        {item.orgName ? ` · ${t('mine.for', { org: item.orgName })}` : ''}
      </p>
      {item.status === 'waitlisted' && item.position ? (
        <p className="mt-2 text-sm text-amber-900">
          {t('mine.position', { position: item.position })}
        </p>
      ) : null}
      {/* The code is for the door: shown while the event is still ahead. */}
      {seated && item.event.status === 'published' ? (
        <p className="mt-2 text-sm">
          {t('mine.code')}{' '}
          <span className="rounded bg-slate-100 px-2 py-0.5 font-mono text-base font-semibold tracking-widest">
            {item.checkInCode}
          </span>
        </p>
      ) : null}
    </li>
  )
}
