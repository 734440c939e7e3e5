// /bids/:id: one bid, for its two sides only: the bidder (the person who placed it, and for an
// organisation's bid that organisation's owners and admins) and the posting organisation.
// Anyone else, another bidder included, gets 404, so a bid's existence is not given away.
// Decisions are taken on the bidder's page and the review page; this page links to them.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BidStatus, Money, Row, TextBlock, useLng } from '~/components/bids/bid-bits.tsx'
import { Card, PageTitle } from '~/components/ui/form.tsx'
import { notFound, requireMember } from '~/domains/accounts/auth.server.ts'
import { loadBidFor } from '~/domains/challenges/bids.server.ts'
import { formatDateTime } from '~/i18n/format.ts'
import { badgesFor, memberBadgesOf } from '~/domains/spaces/member-badges.server.ts'
import { MemberBadges } from '~/components/member-badge.tsx'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const found = await loadBidFor(params.id ?? '', auth.user.id)
  if (!found) throw notFound()
  const { bid, challenge } = found
  const badges = await memberBadgesOf({ orgIds: [bid.bidderOrgId], userIds: [bid.bidderUserId] })
  return {
    memberBadges: badgesFor(badges, { orgId: bid.bidderOrgId, userId: bid.bidderUserId }),
    side: found.side,
    canActForPoster: found.canActForPoster,
    challenge: {
      slug: challenge.slug,
      title: challenge.title,
      awarded: challenge.awardedBidId === bid.id,
    },
    bid: {
      id: bid.id,
      status: bid.status,
      bidderName: found.bidderName,
      orgName: found.orgName,
      priceFen: bid.priceFen,
      timelineDays: bid.timelineDays,
      approach: bid.approach,
      team: bid.team,
      profile: bid.applicationProfile,
      trackRecord: bid.trackRecord,
      plan: bid.applicationPlan,
      rejectionReason: bid.rejectionReason,
      submittedAt: bid.submittedAt?.toISOString() ?? null,
      createdAt: bid.createdAt.toISOString(),
    },
    files: found.files,
    events: found.events.map((e) => ({ ...e, at: e.at.toISOString() })),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `投标 · ${data.challenge.title} · 众创 Zhongchuang` : '众创 Zhongchuang' },
]

export default function BidView() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation('bids')
  const lng = useLng()
  const b = data.bid
  const c = data.challenge
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageTitle
        sub={
          <Link to={`/challenges/${c.slug}`} className="text-brand-700 underline">
            {c.title}
          </Link>
        }
      >
        {b.priceFen === null ? t('view.titleApplication') : t('view.title')}
      </PageTitle>
      <Card>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-medium text-slate-900">
              {b.orgName
                ? t('review.bidderForOrg', { name: b.bidderName, org: b.orgName })
                : b.bidderName}
            </span>
            <MemberBadges badges={data.memberBadges} />
          </span>
          <BidStatus status={b.status} />
        </div>
        <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[8rem_1fr]">
          {b.priceFen !== null ? (
            <>
              <Row label={t('bid.price')}>
                <Money fen={b.priceFen} />
              </Row>
              <Row label={t('bid.timelineDays')}>{t('days', { count: b.timelineDays ?? 0 })}</Row>
            </>
          ) : null}
          {b.submittedAt ? (
            <Row label={t('mine.submittedAt')}>{formatDateTime(b.submittedAt, lng)}</Row>
          ) : (
            <Row label={t('view.createdAt')}>{formatDateTime(b.createdAt, lng)}</Row>
          )}
          {b.rejectionReason ? <Row label={t('view.reason')}>{b.rejectionReason}</Row> : null}
        </dl>
        <div className="mt-4 space-y-3">
          <TextBlock label={t('bid.approach')} text={b.approach} />
          <TextBlock label={t('bid.team')} text={b.team} />
          <TextBlock label={t('apply.profile')} text={b.profile} />
          <TextBlock label={t('apply.trackRecord')} text={b.trackRecord} />
          <TextBlock label={t('apply.plan')} text={b.plan} />
          {data.files.length > 0 ? (
            <div>
              <h3 className="text-sm font-medium text-slate-600">{t('bid.attachments')}</h3>
              <ul className="mt-1 space-y-1 text-sm">
                {data.files.map((f) => (
                  <li key={f.id}>
                    <a href={`/uploads/${f.id}`} className="text-brand-700 underline">
                      {f.name}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
        <p className="mt-5 flex flex-wrap gap-4 text-sm">
          {data.side === 'bidder' ? (
            <Link to={`/challenges/${c.slug}/bid`} className="text-brand-700 underline">
              {t('view.toBidderPage')}
            </Link>
          ) : (
            <Link to={`/challenges/${c.slug}/bids`} className="text-brand-700 underline">
              {t('view.toReview')}
            </Link>
          )}
          {c.awarded ? (
            <Link to={`/challenges/${c.slug}/work`} className="text-brand-700 underline">
              {t('mine.work')}
            </Link>
          ) : null}
        </p>
      </Card>
      <Card>
        <h2 className="text-base font-semibold text-slate-900">{t('view.history')}</h2>
        <ol className="mt-3 space-y-2 text-sm">
          {data.events.map((e, i) => (
            <li key={i} className="flex flex-wrap gap-x-3">
              <span className="text-slate-500 tabular-nums">{formatDateTime(e.at, lng)}</span>
              <span className="text-slate-900">{t(`view.events.${e.action}`)}</span>
              {e.note ? <span className="text-slate-600">— {e.note}</span> : null}
            </li>
          ))}
        </ol>
      </Card>
    </div>
  )
}
