// /campaigns/mine: the campaigns of the startup the session acts for (or, acting alone, of every
// startup the person belongs to), drafts included, with where each stands.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ProgressBar, StatusBadge } from '~/components/campaigns/campaign-parts.tsx'
import { Card, PageTitle } from '~/components/ui/form.tsx'
import { actingParty, requireMember } from '~/domains/accounts/auth.server.ts'
import { campaignsOfOrgs } from '~/domains/deals/campaign-view.server.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { formatMoney, formatNumber } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'
import { HiddenTag } from '~/components/hold-banner.tsx'
import { activeHoldsIn } from '~/domains/moderation/active-hold.server.ts'
import { db } from '../../db/client.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const acting = actingParty(auth)
  const startups = auth.memberships.filter((m) => m.orgType === 'startup')
  const orgs = acting.kind === 'org' ? startups.filter((m) => m.orgId === acting.orgId) : startups
  const rows = await campaignsOfOrgs(orgs.map((o) => o.orgId))
  const hidden = await activeHoldsIn(
    db(),
    'campaign',
    rows.map((r) => r.id),
  )
  const manages = new Set(
    orgs.filter((o) => o.role === 'owner' || o.role === 'admin').map((o) => o.orgId),
  )
  return {
    actingOrg: acting.kind === 'org' ? (orgs[0]?.name ?? null) : null,
    canStart: orgs.some((o) => manages.has(o.orgId)),
    campaigns: rows.map((r) => ({ ...r, manages: manages.has(r.orgId), hidden: hidden.has(r.id) })),
  }
}

export const meta: MetaFunction = () => [{ title: '我的融资 · 众创 Zhongchuang' }]

export default function MyCampaignsPage() {
  const { t } = useTranslation('campaigns')
  const { campaigns, actingOrg, canStart } = useLoaderData<typeof loader>()
  const lng = useRootData()?.locale ?? fallbackLanguage
  return (
    <div className="mx-auto max-w-4xl">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <PageTitle sub={actingOrg ? t('mine.subOrg', { org: actingOrg }) : t('mine.sub')}>
          {t('mine.title')}
        </PageTitle>
        {canStart ? (
          <Link
            to="/campaigns/new"
            className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 hover:no-underline"
          >
            {t('market.start')}
          </Link>
        ) : null}
      </div>
      {campaigns.length === 0 ? (
        <Card>
          <p className="text-slate-700">{t('mine.none')}</p>
          <p className="mt-2 text-sm">
            <Link to="/campaigns/new">{t('mine.start')}</Link>
          </p>
        </Card>
      ) : (
        <ul className="space-y-3">
          {campaigns.map((c) => (
            <li key={c.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-center gap-2 text-xs">
                <StatusBadge status={c.status} />
                {c.hidden ? <HiddenTag /> : null}
                <span className="text-slate-600">{c.orgName}</span>
              </div>
              <h2 className="mt-1 text-lg font-semibold">
                <Link to={c.manages ? `/campaigns/${c.slug}/manage` : `/campaigns/${c.slug}`}>
                  {c.title}
                </Link>
              </h2>
              <div className="mt-2 max-w-md">
                <ProgressBar percent={c.percent} label={t('teaser.progress')} />
              </div>
              <p className="mt-1 text-sm text-slate-600">
                {t('manage.committed', {
                  committed: formatMoney(c.committedFen, lng),
                  target: formatMoney(c.targetFen, lng),
                  percent: formatNumber(c.percent, lng),
                })}
                {' · '}
                {t('manage.investors', { count: c.investors })}
                {c.status === 'live' ? ` · ${t('teaser.daysLeft', { count: c.daysLeft })}` : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
