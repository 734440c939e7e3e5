// The member's home: their organisations and each one's verification state, what they act as,
// and where to go next.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DashboardChallenges } from '~/components/challenges/dashboard-challenges.tsx'
import { DashboardCampaigns } from '~/components/campaigns/dashboard-campaigns.tsx'
import { DashboardDeals } from '~/components/deals/dashboard-deals.tsx'
import { DashboardInvestments } from '~/components/commitments/dashboard-investments.tsx'
import { Card, Notice, PageTitle } from '~/components/ui/form.tsx'
import { actingParty, requireMember } from '~/domains/accounts/auth.server.ts'
import { checkOrgPermission } from '~/domains/accounts/permissions.ts'
import { challengeDashboard } from '~/domains/challenges/dashboard.server.ts'
import { campaignDashboard } from '~/domains/deals/campaign-view.server.ts'
import { dashboardInvestments } from '~/domains/deals/commitment-queries.server.ts'
import { DASHBOARD_DEALS, dealFeed } from '~/domains/deals/matching.server.ts'
import { requestLanguage } from '~/domains/web/request.server.ts'
import { now } from '~/clock.server.ts'
import { activeMembershipsOf } from '~/domains/spaces/spaces.server.ts'
import { formatMoney } from '~/domains/payments/money.ts'
import { financeOverview, paymentsOfPayer } from '~/domains/payments/payment-queries.server.ts'
import { useRootData } from '~/root.tsx'

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const acting = actingParty(auth)
  const [spaces, owing, payees, challenges] = await Promise.all([
    activeMembershipsOf({ userId: auth.user.id }),
    paymentsOfPayer(auth),
    financeOverview(auth),
    challengeDashboard(auth.user.id, auth.memberships),
  ])
  // For someone acting as an investor: the best-fitting startups (null for anyone else).
  const deals = await dealFeed(
    auth,
    { page: 1, pageSize: DASHBOARD_DEALS },
    await requestLanguage(request),
  )
  return {
    toPay: owing.filter((p) => p.status === 'awaiting_payment' || p.status === 'requires_action')
      .length,
    // What a payee needs to know at a glance: what is owed to them, and whether they can be paid.
    payees: payees
      .filter((p) => p.received.length > 0)
      .map((p) => ({
        key: p.key,
        name: p.name,
        owedFen: p.owedFen,
        payoutMissing: p.payout === null,
        stripeDue: p.stripe && !p.stripe.payoutsEnabled ? p.stripe.currentlyDue.length : 0,
      })),
    name: auth.user.name,
    orgs: auth.memberships.map((m) => ({
      slug: m.slug,
      name: m.name,
      role: m.role,
      status: m.orgStatus,
      canCreateSpace: checkOrgPermission(m, 'create:space:own') === null,
      canRaise: checkOrgPermission(m, 'raise:money:own') === null,
    })),
    actingOrg:
      acting.kind === 'org'
        ? (auth.memberships.find((m) => m.orgId === acting.orgId)?.name ?? null)
        : null,
    spaces,
    challenges,
    campaigns: await campaignDashboard(auth.memberships),
    investments: await dashboardInvestments(auth.user.id),
    deals,
    nowMs: now().getTime(),
  }
}

export const meta: MetaFunction = () => [{ title: '工作台 · 众创 Zhongchuang' }]

export default function Dashboard() {
  const { t } = useTranslation()
  const { t: to } = useTranslation('orgs')
  const data = useLoaderData<typeof loader>()
  const lng = useRootData()?.locale ?? 'zh-CN'
  const [searchParams] = useSearchParams()
  const done = searchParams.get('done')
  return (
    <div className="space-y-6">
      <PageTitle
        sub={
          data.actingOrg
            ? t('dashboard.actingOrg', { org: data.actingOrg })
            : t('dashboard.actingSelf')
        }
      >
        {t('dashboard.title', { name: data.name })}
      </PageTitle>
      {done ? <Notice tone="success">{t(`dashboard.done.${done}`)}</Notice> : null}
      <Card>
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="text-lg font-semibold">{t('dashboard.orgs')}</h2>
          <span className="flex flex-wrap gap-4 text-sm">
            <Link to="/investors/profile">{t('dashboard.investorProfile')}</Link>
            <Link to="/events/mine">{t('dashboard.myEvents')}</Link>
            <Link to="/orgs/new">{t('dashboard.registerOrg')}</Link>
          </span>
        </div>
        {data.orgs.length === 0 ? (
          <p className="mt-2 text-slate-600">{t('dashboard.noOrgs')}</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100">
            {data.orgs.map((o) => (
              <li key={o.slug} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <div>
                  <Link to={`/orgs/${o.slug}`} className="font-medium">
                    {o.name}
                  </Link>
                  <span className="ml-2 text-sm text-slate-500">{to(`roles.${o.role}`)}</span>
                </div>
                <div className="flex items-center gap-3 text-sm">
                  <span className={o.status === 'verified' ? 'text-green-800' : 'text-amber-800'}>
                    {to(`status.${o.status}`)}
                  </span>
                  {o.canCreateSpace ? (
                    <Link to="/spaces/new">{t('dashboard.createSpace')}</Link>
                  ) : null}
                  {o.canRaise ? (
                    <Link to={`/startups/${o.slug}/edit`}>{t('dashboard.startupProfile')}</Link>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <DashboardChallenges poster={data.challenges.poster} solver={data.challenges.solver} />
      <DashboardCampaigns campaigns={data.campaigns} lng={lng} />
      <DashboardDeals deals={data.deals} lng={lng} nowMs={data.nowMs} />
      <DashboardInvestments data={data.investments} lng={lng} />
      {data.toPay > 0 || data.payees.length > 0 ? (
        <Card>
          <h2 className="text-lg font-semibold">{t('dashboard.money.title')}</h2>
          <ul className="mt-2 space-y-2 text-sm">
            {data.toPay > 0 ? (
              <li>
                <Link to="/payments">{t('dashboard.money.toPay', { count: data.toPay })}</Link>
              </li>
            ) : null}
            {data.payees.map((p) => (
              <li key={p.key} className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <Link to="/finance">{p.name}</Link>
                <span className="tabular-nums">
                  {t('dashboard.money.owed', { amount: formatMoney(p.owedFen, 'CNY', lng) })}
                </span>
                {p.payoutMissing ? (
                  <span className="text-amber-800">{t('dashboard.money.payoutMissing')}</span>
                ) : null}
                {p.stripeDue > 0 ? (
                  <span className="text-amber-800">
                    {t('dashboard.money.stripeDue', { count: p.stripeDue })}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {data.spaces.length > 0 ? (
        <Card>
          <h2 className="text-lg font-semibold">{t('dashboard.spaces')}</h2>
          <ul className="mt-2 space-y-1">
            {data.spaces.map((s) => (
              <li key={s.slug}>
                <Link to={`/spaces/${s.slug}`}>{s.name}</Link> · {t(`spaceKinds.${s.stage}`)}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card>
        <h2 className="text-lg font-semibold">{t('dashboard.mentoring.title')}</h2>
        <p className="mt-2 text-sm text-slate-600">
          {t('dashboard.mentoring.body')}{' '}
          <Link to="/mentoring">{t('dashboard.mentoring.link')}</Link>
        </p>
      </Card>
    </div>
  )
}
