// /challenges/mine: the challenges of the organisations the person posts for, with their status,
// live bids and open questions, and the way to each one's edit page.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { TimeLeft } from '~/components/challenge-facts.tsx'
import { Card, PageTitle } from '~/components/ui/form.tsx'
import { requireMember } from '~/domains/accounts/auth.server.ts'
import { checkOrgPermission } from '~/domains/accounts/permissions.ts'
import { challengesOfOrgs } from '~/domains/challenges/challenge-queries.server.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { formatDateTime } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'
import { now } from '~/clock.server.ts'
import { HiddenTag } from '~/components/hold-banner.tsx'
import { activeHoldsIn } from '~/domains/moderation/active-hold.server.ts'
import { db } from '../../db/client.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const orgIds = auth.memberships
    .filter((m) => checkOrgPermission(m, 'post:challenge:own') === null)
    .map((m) => m.orgId)
  const at = now().getTime()
  const rows = await challengesOfOrgs(orgIds)
  const hidden = await activeHoldsIn(
    db(),
    'challenge',
    rows.map((r) => r.id),
  )
  return {
    canPost: orgIds.length > 0,
    challenges: rows.map((r) => ({
      ...r,
      hidden: hidden.has(r.id),
      bidDeadline: r.bidDeadline.toISOString(),
      secondsLeft: Math.floor((r.bidDeadline.getTime() - at) / 1000),
    })),
  }
}

export const meta: MetaFunction = () => [{ title: '我的创新挑战 · 众创 Zhongchuang' }]

export default function MyChallengesPage() {
  const { t } = useTranslation('challenges')
  const { challenges, canPost } = useLoaderData<typeof loader>()
  const lng = useRootData()?.locale ?? fallbackLanguage
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <PageTitle sub={t('mine.sub')}>{t('mine.title')}</PageTitle>
        {canPost ? (
          <Link
            to="/challenges/new"
            className="inline-flex items-center justify-center rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 hover:no-underline"
          >
            {t('market.post')}
          </Link>
        ) : null}
      </div>
      {challenges.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-700">
            {canPost ? t('mine.none') : t('new.denied.body')}
          </p>
        </Card>
      ) : (
        <ul className="space-y-3">
          {challenges.map((c) => (
            <li key={c.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-center gap-2 text-xs">
                <span className="rounded-full bg-slate-100 px-2 py-0.5 font-medium text-slate-700">
                  {t(`status.${c.status}`)}
                </span>
                {c.hidden ? <HiddenTag /> : null}
                <span className="text-slate-500">{c.orgName}</span>
                {c.status !== 'draft' ? (
                  <span className="text-slate-500">
                    {t('edit.version', { version: c.version })}
                  </span>
                ) : null}
              </div>
              <h2 className="mt-1 text-lg font-semibold">
                <Link
                  to={c.status === 'draft' ? `/challenges/${c.slug}/edit` : `/challenges/${c.slug}`}
                >
                  {c.title}
                </Link>
              </h2>
              <p className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600">
                <span>
                  {t('fields.bidDeadline')} {formatDateTime(c.bidDeadline, lng)}
                  {c.status === 'open' ? (
                    <>
                      {' '}
                      (<TimeLeft seconds={c.secondsLeft} />)
                    </>
                  ) : null}
                </span>
                <span>{t('mine.bids', { count: c.bids })}</span>
                <span>{t('mine.questions', { count: c.questions, open: c.unanswered })}</span>
              </p>
              <p className="mt-2 flex gap-4 text-sm">
                <Link to={`/challenges/${c.slug}/edit`}>{t('mine.edit')}</Link>
                {c.status !== 'draft' ? (
                  <Link to={`/challenges/${c.slug}`}>{t('mine.view')}</Link>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
