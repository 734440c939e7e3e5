// One member of a space as its admins see it: what the member did across the marketplaces (bids
// won, equipment bookings, campaigns and money raised, mentor sessions, events) with links, and
// the membership's history along the incubation chain.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { MemberBadges } from '~/components/member-badge.tsx'
import { Card, PageTitle } from '~/components/ui/form.tsx'
import { notFound, requireOrgPermission } from '~/domains/accounts/auth.server.ts'
import { isUuid } from '../../db/ids.ts'
import { orgMemberBadges } from '~/domains/spaces/member-badges.server.ts'
import { memberActivity, membershipOfSpace } from '~/domains/spaces/member-activity.server.ts'
import { getSpace } from '~/domains/spaces/spaces.server.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { formatDate, formatDateTime, formatMoney } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await getSpace(params.slug ?? '')
  if (!found) throw notFound()
  await requireOrgPermission(request, found.operator.id, 'manage:space:own')
  const id = params.membershipId ?? ''
  if (!isUuid(id)) throw notFound()
  const member = await membershipOfSpace(found.space.id, id)
  if (!member) throw notFound()
  const activity = await memberActivity(id)
  if (!activity) throw notFound()
  const m = member.membership
  const badges = m.memberOrgId ? await orgMemberBadges(m.memberOrgId) : []
  return {
    space: { slug: found.space.slug, name: found.space.name, nameEn: found.space.nameEn },
    member: {
      name: member.orgName ?? member.personName ?? '',
      nameEn: member.orgNameEn,
      kind: m.memberOrgId ? ('org' as const) : ('person' as const),
      orgSlug: member.orgSlug,
      stage: m.stage,
      status: m.status,
      admittedOn: m.admittedOn,
      endedOn: m.endedOn,
      badges,
    },
    figures: activity.figures,
    bids: activity.bids.map((b) => ({ ...b, at: b.at.toISOString() })),
    bookings: activity.bookings.map((b) => ({ ...b, startsAt: b.startsAt.toISOString() })),
    campaigns: activity.campaigns,
    sessions: activity.sessions.map((s) => ({
      id: s.id,
      topic: s.topic,
      status: s.status,
      mentorName: s.mentorName,
      when: (s.heldAt ?? s.scheduledAt ?? s.createdAt).toISOString(),
      durationMinutes: s.durationMinutes,
    })),
    registrations: activity.registrations.map((r) => ({
      ...r,
      startsAt: r.startsAt.toISOString(),
    })),
    history: activity.history.map((e) => ({
      id: e.id,
      action: e.action,
      fromStage: e.fromStage,
      toStage: e.toStage,
      on: e.on,
      note: e.note,
    })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${data.member.name} · ${data.space.name} · 众创 Zhongchuang`
      : '成员 · 众创 Zhongchuang',
  },
]

function Section({
  title,
  count,
  empty,
  children,
}: {
  title: string
  count: number
  empty: string
  children: React.ReactNode
}) {
  return (
    <Card>
      <h2 className="text-lg font-semibold text-slate-900">
        {title} <span className="text-sm font-normal text-slate-500">({count})</span>
      </h2>
      {count === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{empty}</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100 text-sm">{children}</ul>
      )}
    </Card>
  )
}

function Row({ children, aside }: { children: React.ReactNode; aside?: React.ReactNode }) {
  return (
    <li className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2">
      <div className="min-w-0">{children}</div>
      {aside ? <div className="shrink-0 text-xs text-slate-600">{aside}</div> : null}
    </li>
  )
}

export default function MemberActivityPage() {
  const { t } = useTranslation('spaces')
  const { t: tm } = useTranslation('mentors')
  const data = useLoaderData<typeof loader>()
  const lng = useRootData()?.locale ?? fallbackLanguage
  const { member, figures } = data
  const facts = [
    { label: t('activity.bidsWon'), value: String(figures.bidsWon) },
    {
      label: t('activity.bookings'),
      value: t('activity.bookingsValue', {
        completed: figures.bookingsCompleted,
        all: figures.bookingsAll,
      }),
    },
    { label: t('activity.raised'), value: formatMoney(figures.raisedFen, lng) },
    { label: t('activity.sessionsHeld'), value: String(figures.sessionsHeld) },
    { label: t('activity.eventsAttended'), value: String(figures.eventsAttended) },
  ]
  return (
    <div className="space-y-6">
      <nav className="text-sm">
        <Link to={`/spaces/${data.space.slug}/members`}>{t('activity.back')}</Link>
      </nav>
      <PageTitle
        sub={
          <span className="flex flex-wrap items-center gap-2">
            <span>
              {t(member.kind === 'org' ? 'members.org' : 'members.maker')} ·{' '}
              {member.status === 'active'
                ? t(`stage.${member.stage}`)
                : t(`status.${member.status}`)}{' '}
              · {t('members.admittedOn', { date: formatDate(member.admittedOn, lng) })}
              {member.endedOn
                ? ` · ${t('members.endedOn', { date: formatDate(member.endedOn, lng) })}`
                : ''}
            </span>
            <MemberBadges badges={member.badges} />
          </span>
        }
      >
        {member.orgSlug ? (
          <Link to={`/orgs/${member.orgSlug}`}>
            {lng === 'en' && member.nameEn ? member.nameEn : member.name}
          </Link>
        ) : (
          member.name
        )}
      </PageTitle>

      <Card>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
          {facts.map((f) => (
            <div key={f.label} className="rounded-md bg-slate-50 px-3 py-2">
              <dt className="text-xs text-slate-600">{f.label}</dt>
              <dd className="mt-1 text-lg font-semibold tabular-nums text-slate-900">{f.value}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 text-xs text-slate-500">{t('activity.help')}</p>
      </Card>

      <Section title={t('activity.bidsWon')} count={data.bids.length} empty={t('activity.none')}>
        {data.bids.map((b) => (
          <Row key={b.id} aside={b.priceFen !== null ? formatMoney(b.priceFen, lng) : undefined}>
            <Link to={`/challenges/${b.challengeSlug}`}>{b.challengeTitle}</Link>
          </Row>
        ))}
      </Section>

      <Section
        title={t('activity.bookings')}
        count={data.bookings.length}
        empty={t('activity.none')}
      >
        {data.bookings.map((b) => (
          <Row
            key={b.id}
            aside={`${formatDateTime(b.startsAt, lng)} · ${t(`activity.bookingStatus.${b.status}`)}`}
          >
            <Link to={`/equipment/${b.listingSlug}`}>{b.listingName}</Link>
          </Row>
        ))}
      </Section>

      {member.kind === 'org' ? (
        <Section
          title={t('activity.campaigns')}
          count={data.campaigns.length}
          empty={t('activity.none')}
        >
          {data.campaigns.map((c) => (
            <Row
              key={c.id}
              aside={t('activity.collectedOf', {
                collected: formatMoney(c.collectedFen, lng),
                target: formatMoney(c.targetFen, lng),
              })}
            >
              <Link to={`/campaigns/${c.slug}`}>{c.title}</Link>
            </Row>
          ))}
        </Section>
      ) : null}

      <Section
        title={t('activity.sessions')}
        count={data.sessions.length}
        empty={t('activity.none')}
      >
        {data.sessions.map((s) => (
          <Row
            key={s.id}
            aside={`${formatDate(s.when, lng)} · ${tm(`status.${s.status}`)}${
              s.durationMinutes ? ` · ${tm('session.minutes', { n: s.durationMinutes })}` : ''
            }`}
          >
            <Link to={`/mentoring/${s.id}`}>{s.topic}</Link>
            <span className="text-slate-500"> · {s.mentorName}</span>
          </Row>
        ))}
      </Section>

      <Section
        title={t('activity.events')}
        count={data.registrations.length}
        empty={t('activity.none')}
      >
        {data.registrations.map((r) => (
          <Row
            key={r.id}
            aside={`${formatDate(r.startsAt, lng)} · ${t(`activity.registrationStatus.${r.status}`)}`}
          >
            <Link to={`/events/${r.eventId}`}>{r.title}</Link>
            <span className="text-slate-500"> · {r.spaceName}</span>
          </Row>
        ))}
      </Section>

      <Card>
        <h2 className="text-lg font-semibold text-slate-900">{t('history.title')}</h2>
        <ol className="mt-3 space-y-2 border-l-2 border-slate-200 pl-3 text-sm">
          {data.history.map((e) => (
            <li key={e.id}>
              <span className="text-slate-500">{formatDate(e.on, lng)}</span> ·{' '}
              <span className="font-medium">{t(`event.${e.action}`)}</span>
              {' · '}
              {e.fromStage && e.fromStage !== e.toStage
                ? t('history.stageChange', {
                    from: t(`stage.${e.fromStage}`),
                    to: t(`stage.${e.toStage}`),
                  })
                : t(`stage.${e.toStage}`)}
              {e.note ? <p className="text-slate-600">{e.note}</p> : null}
            </li>
          ))}
        </ol>
      </Card>
    </div>
  )
}
