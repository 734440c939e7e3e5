// My mentor sessions: as a mentor (requests waiting for my answer first) and as the member who
// asked. Each links to the session's page, where it is answered, cancelled or recorded.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Card, PageTitle } from '~/components/ui/form.tsx'
import { requireMember } from '~/domains/accounts/auth.server.ts'
import { mySessions } from '~/domains/hubs/mentor-sessions.server.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { formatDate, formatDateTime } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'
import { SessionStatus } from '~/components/mentor-session-status.tsx'

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const managed = auth.memberships
    .filter((m) => m.role === 'owner' || m.role === 'admin')
    .map((m) => m.orgId)
  const { asMentor, asRequester } = await mySessions(auth.user.id, managed)
  const shape = (r: (typeof asMentor)[number]) => ({
    id: r.id,
    topic: r.topic,
    status: r.status,
    otherName: r.otherName,
    spaceSlug: r.spaceSlug,
    spaceName: r.spaceName,
    spaceNameEn: r.spaceNameEn,
    scheduledAt: r.scheduledAt?.toISOString() ?? null,
    heldAt: r.heldAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  })
  return { asMentor: asMentor.map(shape), asRequester: asRequester.map(shape) }
}

export const meta: MetaFunction = () => [{ title: '创业辅导 · 众创 Zhongchuang' }]

type Item = ReturnType<typeof useLoaderData<typeof loader>>['asMentor'][number]

export default function MentoringPage() {
  const { t } = useTranslation('mentors')
  const { asMentor, asRequester } = useLoaderData<typeof loader>()
  const waiting = asMentor.filter((s) => s.status === 'requested').length
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageTitle sub={t('mine.sub')}>{t('mine.title')}</PageTitle>
      {asMentor.length > 0 ? (
        <Card>
          <h2 className="text-lg font-semibold text-slate-900">
            {t('mine.asMentor')}{' '}
            {waiting > 0 ? (
              <span className="ml-1 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">
                {t('mine.waiting', { count: waiting })}
              </span>
            ) : null}
          </h2>
          <SessionList items={asMentor} other="requester" />
        </Card>
      ) : null}
      <Card>
        <h2 className="text-lg font-semibold text-slate-900">{t('mine.asRequester')}</h2>
        {asRequester.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">
            {t('mine.emptyRequester')} <Link to="/spaces">{t('mine.findSpaces')}</Link>
          </p>
        ) : (
          <SessionList items={asRequester} other="mentor" />
        )}
      </Card>
    </div>
  )
}

function SessionList({ items, other }: { items: Item[]; other: 'mentor' | 'requester' }) {
  const { t } = useTranslation('mentors')
  const lng = useRootData()?.locale ?? fallbackLanguage
  return (
    <ul className="mt-3 divide-y divide-slate-100">
      {items.map((s) => (
        <li key={s.id} className="py-3">
          <div className="flex flex-wrap items-center gap-2">
            <Link to={`/mentoring/${s.id}`} className="font-medium">
              {s.topic}
            </Link>
            <SessionStatus status={s.status} />
          </div>
          <p className="mt-1 text-xs text-slate-600">
            {t(other === 'mentor' ? 'mine.withMentor' : 'mine.fromRequester', {
              name: s.otherName,
            })}{' '}
            · {lng === 'en' && s.spaceNameEn ? s.spaceNameEn : s.spaceName} ·{' '}
            {s.heldAt
              ? t('mine.heldAt', { at: formatDate(s.heldAt, lng) })
              : s.scheduledAt
                ? t('mine.scheduledAt', { at: formatDateTime(s.scheduledAt, lng) })
                : t('mine.requestedAt', { at: formatDate(s.createdAt, lng) })}
          </p>
        </li>
      ))}
    </ul>
  )
}
