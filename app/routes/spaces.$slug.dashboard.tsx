// /spaces/:slug/dashboard: the operator's figures (统计监测) for the space's admins, month by
// month over a chosen period, each group with a chart, its table and each figure's definition;
// CSV downloads and the printable report for the science bureau start here.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FigureGroups } from '~/components/figures/figure-sections.tsx'
import { PeriodForm } from '~/components/figures/period-form.tsx'
import { Notice, PageTitle } from '~/components/ui/form.tsx'
import { requireOrgPermission } from '~/domains/accounts/auth.server.ts'
import {
  figureDefinitions,
  figureGroups,
  periodFromSearch,
  spaceFigures,
} from '~/domains/spaces/figures.server.ts'
import { getSpace } from '~/domains/spaces/spaces.server.ts'
import { requestLanguage } from '~/domains/web/request.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await getSpace(params.slug ?? '')
  if (!found) throw new Response('', { status: 404 })
  await requireOrgPermission(request, found.operator.id, 'manage:space:own')
  const { period, thisMonth, reply } = periodFromSearch(new URL(request.url).searchParams)
  const [figures, lng] = await Promise.all([
    spaceFigures({ spaceId: found.space.id, fromMonth: period.from, toMonth: period.to }),
    requestLanguage(request),
  ])
  return {
    space: { slug: found.space.slug, name: found.space.name },
    period,
    thisMonth,
    lastResult: reply,
    figures,
    definitions: figureDefinitions,
    groups: figureGroups,
    lng,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `统计监测 · ${data.space.name} · 众创 Zhongchuang`
      : '统计监测 · 众创 Zhongchuang',
  },
]

export default function SpaceDashboardPage() {
  const { t } = useTranslation('figures')
  const { space, period, thisMonth, lastResult, figures, definitions, groups, lng } =
    useLoaderData<typeof loader>()
  const base = `/spaces/${space.slug}`
  const query = `from=${period.from}&to=${period.to}`
  return (
    <div className="space-y-6">
      <nav className="text-sm">
        <Link to={base}>{t('dashboard.back')}</Link>
      </nav>
      <PageTitle sub={t('dashboard.sub', { space: space.name })}>{t('dashboard.title')}</PageTitle>
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
        <a href={`${base}/dashboard.csv?figure=all&${query}`} download>
          {t('dashboard.csvAll')}
        </a>
        <Link to={`${base}/report?${query}`}>{t('dashboard.report')}</Link>
      </div>
      <Notice>
        {t('help.conventions')} {t('dashboard.chartNote')}
      </Notice>
      <FigureGroups
        groups={groups}
        definitions={definitions}
        figures={figures}
        lng={lng}
        csvHref={(id) => `${base}/dashboard.csv?figure=${id}&${query}`}
      />
    </div>
  )
}
