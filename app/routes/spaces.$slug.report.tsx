// /spaces/:slug/report?from=&to=: the space's statistics report for a chosen period, laid out as
// an A4 sheet to print (or save as PDF) and hand to the science bureau. Space admins only.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FiguresReportView } from '~/components/figures/figures-report-view.tsx'
import { PeriodForm } from '~/components/figures/period-form.tsx'
import { requireOrgPermission } from '~/domains/accounts/auth.server.ts'
import { figuresReport } from '~/domains/spaces/figures-report.server.ts'
import { periodFromSearch } from '~/domains/spaces/figures.server.ts'
import { getSpace } from '~/domains/spaces/spaces.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await getSpace(params.slug ?? '')
  if (!found) throw new Response('', { status: 404 })
  await requireOrgPermission(request, found.operator.id, 'manage:space:own')
  const { period, thisMonth, reply } = periodFromSearch(new URL(request.url).searchParams)
  const report = await figuresReport({
    space: found.space,
    operatorName: found.operator.name,
    from: period.from,
    to: period.to,
  })
  return {
    slug: found.space.slug,
    name: found.space.name,
    period,
    thisMonth,
    lastResult: reply,
    report,
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data ? `${data.report.title} · 众创 Zhongchuang` : '运行情况统计报表 · 众创 Zhongchuang',
  },
]

export default function SpaceReportPage() {
  const { t } = useTranslation('figures')
  const { slug, period, thisMonth, lastResult, report } = useLoaderData<typeof loader>()
  return (
    <div className="space-y-4">
      <div className="mx-auto max-w-[210mm] space-y-4 print:hidden">
        <div className="flex flex-wrap items-center justify-between gap-3 text-sm">
          <Link to={`/spaces/${slug}/dashboard?from=${period.from}&to=${period.to}`}>
            {t('report.back')}
          </Link>
          <span className="flex flex-wrap items-center gap-3">
            <span className="text-slate-600">{t('report.printHint')}</span>
            <PrintButton label={t('report.print')} />
          </span>
        </div>
        <PeriodForm
          key={`${period.from}-${period.to}`}
          period={period}
          thisMonth={thisMonth}
          lastResult={lastResult}
        />
      </div>
      <FiguresReportView report={report} />
    </div>
  )
}

/** Printing needs the browser's print dialog; without JavaScript the hint beside it says how. */
function PrintButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="bg-brand-600 hover:bg-brand-700 rounded-md px-4 py-2 font-medium text-white"
    >
      {label}
    </button>
  )
}
