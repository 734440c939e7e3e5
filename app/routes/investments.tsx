// /investments: a person's commitments (their own and their firms') and the holdings recorded
// when campaigns completed, with amounts and statuses.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { table } from '~/components/admin-nav.tsx'
import { Card, Notice, PageTitle } from '~/components/ui/form.tsx'
import { requireMember } from '~/domains/accounts/auth.server.ts'
import { investmentsOf } from '~/domains/deals/commitment-queries.server.ts'
import { formatDate, formatMoney } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  return investmentsOf(auth.user.id)
}

export const meta: MetaFunction = () => [{ title: '我的投资 · 众创 Zhongchuang' }]

export default function InvestmentsPage() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation('commitments')
  const lng = useRootData()?.locale ?? 'zh-CN'
  const money = (fen: number) => formatMoney(fen, lng)
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <PageTitle sub={t('investments.sub')}>{t('investments.title')}</PageTitle>
      {data.profiles.length === 0 ? (
        <Notice tone="info">
          {t('commit.noProfile')}{' '}
          <Link to="/investors/profile" className="underline">
            {t('commit.createProfile')}
          </Link>
        </Notice>
      ) : null}
      <Card>
        <h2 className="text-lg font-semibold">{t('investments.commitments')}</h2>
        {data.commitments.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">
            {t('investments.none')} <Link to="/campaigns">{t('investments.browse')}</Link>
          </p>
        ) : (
          <div className={`mt-3 ${table.wrap}`}>
            <table className={table.table}>
              <thead>
                <tr>
                  <th className={table.th}>{t('investments.campaign')}</th>
                  <th className={table.th}>{t('page.investor')}</th>
                  <th className={`${table.th} text-right`}>{t('page.amount')}</th>
                  <th className={table.th}>{t('investments.status')}</th>
                  <th className={table.th}>{t('commit.deadline')}</th>
                </tr>
              </thead>
              <tbody className={table.body}>
                {data.commitments.map((c) => (
                  <tr key={c.id}>
                    <td className={`${table.td} min-w-48`}>
                      <Link to={`/commitments/${c.id}`}>{c.title}</Link>
                    </td>
                    <td className={table.td}>{c.profileName}</td>
                    <td className={`${table.td} whitespace-nowrap text-right tabular-nums`}>
                      {money(c.amountFen)}
                    </td>
                    <td className={`${table.td} whitespace-nowrap`}>{t(`status.${c.status}`)}</td>
                    <td className={`${table.td} whitespace-nowrap`}>
                      {formatDate(c.deadline, lng)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card>
        <h2 className="text-lg font-semibold">{t('investments.holdings')}</h2>
        {data.holdings.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t('investments.noHoldings')}</p>
        ) : (
          <div className={`mt-3 ${table.wrap}`}>
            <table className={table.table}>
              <thead>
                <tr>
                  <th className={table.th}>{t('investments.company')}</th>
                  <th className={table.th}>{t('page.investor')}</th>
                  <th className={`${table.th} text-right`}>{t('page.amount')}</th>
                  <th className={`${table.th} text-right`}>{t('investments.equity')}</th>
                  <th className={table.th}>{t('investments.recorded')}</th>
                </tr>
              </thead>
              <tbody className={table.body}>
                {data.holdings.map((h) => (
                  <tr key={h.id}>
                    <td className={`${table.td} min-w-48`}>
                      {h.company}
                      <span className="block text-xs text-slate-500">{h.title}</span>
                    </td>
                    <td className={table.td}>{h.profileName}</td>
                    <td className={`${table.td} whitespace-nowrap text-right tabular-nums`}>
                      {money(h.amountFen)}
                    </td>
                    <td className={`${table.td} text-right tabular-nums`}>
                      {(h.equityPpm / 10_000).toFixed(4)}%
                    </td>
                    <td className={`${table.td} whitespace-nowrap`}>
                      {formatDate(h.recordedAt, lng)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  )
}
