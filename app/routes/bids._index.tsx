// /bids: the bids and 揭榜挂帅 applications a person placed, alone or for an organisation, and
// those their organisations placed (for its owners and admins), most recently changed first.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BidStatus, Money, useLng } from '~/components/bids/bid-bits.tsx'
import { ReputationLine } from '~/components/challenges/reputation.tsx'
import { Card, PageTitle } from '~/components/ui/form.tsx'
import { requireMember } from '~/domains/accounts/auth.server.ts'
import { bidsOf } from '~/domains/challenges/bids.server.ts'
import { reputationOf } from '~/domains/challenges/ratings.server.ts'
import { formatDateTime } from '~/i18n/format.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const [rows, reputation] = await Promise.all([
    bidsOf(auth.user.id),
    reputationOf({ userId: auth.user.id }),
  ])
  return {
    reputation,
    bids: rows.map((r) => ({
      ...r,
      won: r.awardedBidId === r.id,
      submittedAt: r.submittedAt?.toISOString() ?? null,
      updatedAt: r.updatedAt.toISOString(),
      bidDeadline: r.bidDeadline.toISOString(),
    })),
  }
}

export const meta: MetaFunction = () => [{ title: '我的投标 · 众创 Zhongchuang' }]

export default function MyBids() {
  const { bids, reputation } = useLoaderData<typeof loader>()
  const { t } = useTranslation('bids')
  const { t: tr } = useTranslation('reputation')
  const lng = useLng()
  return (
    <div className="mx-auto max-w-4xl">
      <PageTitle sub={t('list.sub')}>{t('list.title')}</PageTitle>
      <p
        className="-mt-3 mb-4 flex flex-wrap items-center gap-x-2 text-sm"
        data-testid="my-reputation"
      >
        <span className="font-medium text-slate-700">{tr('profile.mine')}</span>
        <ReputationLine rep={reputation} />
      </p>
      {bids.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-700">{t('list.empty')}</p>
          <p className="mt-2 text-sm">
            <Link to="/challenges" className="text-brand-700 underline">
              {t('list.browse')}
            </Link>
          </p>
        </Card>
      ) : (
        <ul className="space-y-3">
          {bids.map((b) => (
            <li key={b.id}>
              <Card>
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <Link
                      to={`/bids/${b.id}`}
                      className="font-medium break-words text-brand-700 underline"
                    >
                      {b.challengeTitle}
                    </Link>
                    <p className="mt-1 text-xs text-slate-500">
                      {b.orgName ? t('terms.forOrg', { org: b.orgName }) : t('terms.alone')}
                      {' · '}
                      {t('list.bidDeadline', { at: formatDateTime(b.bidDeadline, lng) })}
                    </p>
                  </div>
                  <BidStatus status={b.status} />
                </div>
                <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
                  {b.priceFen !== null ? (
                    <span>
                      {t('list.priceLabel')}
                      <Money fen={b.priceFen} />
                    </span>
                  ) : null}
                  <span>{t('list.updated', { at: formatDateTime(b.updatedAt, lng) })}</span>
                  <Link
                    to={`/challenges/${b.challengeSlug}/bid`}
                    className="text-brand-700 underline"
                  >
                    {t('list.manage')}
                  </Link>
                  {b.won ? (
                    <Link
                      to={`/challenges/${b.challengeSlug}/work`}
                      className="text-brand-700 underline"
                    >
                      {t('mine.work')}
                    </Link>
                  ) : null}
                </p>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
