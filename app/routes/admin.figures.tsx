// /admin/figures: the operators' figures across the platform. Per figure, a row per space and
// the platform's row, computed over all spaces at once (an organisation in two spaces counts
// once), for a chosen period; the same numbers as CSV.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminNav, table } from '~/components/admin-nav.tsx'
import { PeriodForm } from '~/components/figures/period-form.tsx'
import { Card, Notice, PageTitle } from '~/components/ui/form.tsx'
import { requireAdmin } from '~/domains/accounts/auth.server.ts'
import { componentsTextFor, formatFigure } from '~/domains/spaces/figures-format.ts'
import {
  figureDefinitions,
  figureGroups,
  periodFromSearch,
  platformFigures,
} from '~/domains/spaces/figures.server.ts'
import { requestLanguage } from '~/domains/web/request.server.ts'
import type { Language } from '~/i18n/config.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request, 'view:admin:any')
  const { period, thisMonth, reply } = periodFromSearch(new URL(request.url).searchParams)
  const [{ spaces, platform }, lng] = await Promise.all([
    platformFigures({ fromMonth: period.from, toMonth: period.to }),
    requestLanguage(request),
  ])
  return {
    period,
    thisMonth,
    lastResult: reply,
    spaces: spaces.map((s) => ({
      slug: s.space.slug,
      name: lng === 'en' && s.space.nameEn ? s.space.nameEn : s.space.name,
      figures: s.figures,
    })),
    platform,
    definitions: figureDefinitions,
    groups: figureGroups,
    lng,
    adminRoles: auth.adminRoles,
  }
}

export const meta: MetaFunction = () => [{ title: '全平台统计监测 · 管理后台 · 众创 Zhongchuang' }]

type Data = ReturnType<typeof useLoaderData<typeof loader>>

export default function AdminFiguresPage() {
  const { t } = useTranslation('figures')
  const data = useLoaderData<typeof loader>()
  const { period, thisMonth, lastResult, spaces, groups, definitions, adminRoles } = data
  return (
    <div>
      <AdminNav roles={adminRoles} />
      <PageTitle sub={t('admin.sub')}>{t('admin.title')}</PageTitle>
      <div className="space-y-4">
        <PeriodForm
          key={`${period.from}-${period.to}`}
          period={period}
          thisMonth={thisMonth}
          lastResult={lastResult}
        />
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
          <span className="font-medium text-slate-800">
            {t('dashboard.period', { from: period.from, to: period.to })}
          </span>
          <a href={`/admin/figures.csv?from=${period.from}&to=${period.to}`} download>
            {t('admin.csv')}
          </a>
        </div>
        <Notice>
          {t('admin.platformNote')} {t('help.conventions')}
        </Notice>
        {spaces.length === 0 ? (
          <Card>
            <p className="text-sm text-slate-600">{t('admin.empty')}</p>
          </Card>
        ) : (
          groups.map((g) => (
            <Card key={g}>
              <h2 className="text-lg font-semibold text-slate-900">{t(`group.${g}`)}</h2>
              {definitions
                .filter((d) => d.group === g)
                .map((d) => (
                  <FigureTable key={d.id} id={d.id} data={data} />
                ))}
            </Card>
          ))
        )}
      </div>
    </div>
  )
}

function FigureTable({ id, data }: { id: string; data: Data }) {
  const { t } = useTranslation('figures')
  const d = data.definitions.find((x) => x.id === id)
  if (!d) return null
  const lng: Language = data.lng
  const months = data.platform.months
  const cellOf = (v: { value: number | null; components: Record<string, number> } | undefined) => {
    if (!v) return '—'
    const parts = componentsTextFor(d, v, lng, t)
    return (
      <>
        {formatFigure(v.value, d.unit, lng)}
        {parts ? <span className="block text-xs font-normal text-slate-500">{parts}</span> : null}
      </>
    )
  }
  type Figs = Data['platform']
  const row = (key: string, label: React.ReactNode, figs: Figs, strong = false) => (
    <tr key={key} className={strong ? 'bg-slate-50 font-semibold' : undefined}>
      <th
        scope="row"
        className={`${table.td} sticky left-0 max-w-[9rem] min-w-[7rem] text-left sm:max-w-xs ${strong ? 'bg-slate-50' : 'bg-white font-normal'}`}
      >
        {label}
      </th>
      <td className={`${table.td} whitespace-nowrap tabular-nums`}>
        {cellOf(figs.total[d.id as keyof Figs['total']])}
      </td>
      {months.map((m, i) => (
        <td key={m} className={`${table.td} whitespace-nowrap tabular-nums`}>
          {cellOf(figs.byMonth[d.id as keyof Figs['byMonth']][i])}
        </td>
      ))}
    </tr>
  )
  return (
    <details className="mt-4 rounded-md border border-slate-200" open>
      <summary className="cursor-pointer px-3 py-2 font-medium text-slate-900">
        {t(`figure.${d.id}.name`)}
      </summary>
      <p className="px-3 text-xs text-slate-600">{t(`figure.${d.id}.formula`)}</p>
      <div className={`${table.wrap} mt-2`}>
        <table className={table.table}>
          <thead>
            <tr>
              <th scope="col" className={`${table.th} sticky left-0 bg-white`}>
                {t('admin.space')}
              </th>
              <th scope="col" className={table.th}>
                {t('table.total')}
              </th>
              {months.map((m) => (
                <th key={m} scope="col" className={table.th}>
                  {m}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className={table.body}>
            {data.spaces.map((s) =>
              row(s.slug, <Link to={`/spaces/${s.slug}`}>{s.name}</Link>, s.figures),
            )}
            {row('platform', t('admin.platform'), data.platform, true)}
          </tbody>
        </table>
      </div>
    </details>
  )
}
