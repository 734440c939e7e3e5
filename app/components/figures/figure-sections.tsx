// The operator's figures, one section per group: a chart (when JavaScript is on), the numbers as
// a table under it, and each figure's definition. Shared by the space dashboard.
import { useTranslation } from 'react-i18next'
import { Card } from '~/components/ui/form.tsx'
import {
  chartValue,
  componentsTextFor,
  formatFigure,
  type Unit,
} from '~/domains/spaces/figures-format.ts'
import type { Language } from '~/i18n/config.ts'
import { FigureChart, type ChartSeries } from './figure-chart.tsx'

export type Definition = {
  id: string
  group: string
  unit: Unit
  nameKey: string
  formulaKey: string
  tables: readonly string[]
  components: readonly { id: string; unit: Unit }[]
}
export type Value = { value: number | null; components: Record<string, number> }
export type Figures = {
  months: string[]
  byMonth: Record<string, (Value & { month: string })[]>
  total: Record<string, Value>
}

const th = 'whitespace-nowrap px-3 py-2 text-left font-medium text-slate-600'
const td = 'whitespace-nowrap px-3 py-2 text-left align-top tabular-nums'

export function FigureGroups({
  groups,
  definitions,
  figures,
  lng,
  csvHref,
}: {
  groups: readonly string[]
  definitions: readonly Definition[]
  figures: Figures
  lng: Language
  csvHref: (figureId: string) => string
}) {
  return (
    <div className="space-y-6">
      {groups.map((g) => (
        <FigureGroup
          key={g}
          group={g}
          definitions={definitions.filter((d) => d.group === g)}
          figures={figures}
          lng={lng}
          csvHref={csvHref}
        />
      ))}
    </div>
  )
}

function FigureGroup({
  group,
  definitions,
  figures,
  lng,
  csvHref,
}: {
  group: string
  definitions: Definition[]
  figures: Figures
  lng: Language
  csvHref: (figureId: string) => string
}) {
  const { t } = useTranslation('figures')
  const countish = definitions.filter((d) => d.unit !== 'fen')
  const money = definitions.filter((d) => d.unit === 'fen')
  const seriesOf = (list: Definition[]): ChartSeries[] =>
    list.map((d) => ({
      name: t(`figure.${d.id}.name`),
      kind: d.unit === 'ratio' ? 'line' : 'bar',
      data: (figures.byMonth[d.id] ?? []).map((m) => chartValue(m.value, d.unit)),
    }))
  const title = t(`group.${group}`)
  return (
    <Card>
      <h2 id={`group-${group}`} className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      <div className="mt-3 space-y-4">
        {countish.length ? (
          <FigureChart
            months={figures.months}
            series={seriesOf(countish)}
            percentAxis={countish.some((d) => d.unit === 'ratio')}
          />
        ) : null}
        {money.length ? (
          <FigureChart months={figures.months} series={seriesOf(money)} valueSuffix="¥" />
        ) : null}
      </div>
      <div className="mt-4 overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">{t('table.caption', { group: title })}</caption>
          <thead>
            <tr>
              <th scope="col" className={`${th} sticky left-0 bg-white`}>
                {t('table.month')}
              </th>
              {definitions.map((d) => (
                <th key={d.id} scope="col" className={th}>
                  {t(`figure.${d.id}.name`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {figures.months.map((m, i) => (
              <tr key={m}>
                <th
                  scope="row"
                  className={`${td} sticky left-0 bg-white font-normal text-slate-700`}
                >
                  {m}
                </th>
                {definitions.map((d) => {
                  const v = figures.byMonth[d.id]?.[i]
                  return (
                    <td key={d.id} className={td}>
                      <Cell definition={d} value={v} lng={lng} />
                    </td>
                  )
                })}
              </tr>
            ))}
            <tr className="bg-slate-50">
              <th scope="row" className={`${td} sticky left-0 bg-slate-50 font-semibold`}>
                {t('table.total')}
              </th>
              {definitions.map((d) => (
                <td key={d.id} className={`${td} font-semibold`}>
                  <Cell definition={d} value={figures.total[d.id]} lng={lng} />
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <div className="mt-4 space-y-2">
        {definitions.map((d) => (
          <details key={d.id} className="rounded-md border border-slate-200 px-3 py-2 text-sm">
            <summary className="cursor-pointer font-medium text-slate-800">
              {t('help.summary', { name: t(`figure.${d.id}.name`) })}
            </summary>
            <p className="mt-2 text-slate-700">{t(`figure.${d.id}.formula`)}</p>
            <p className="mt-1 text-xs text-slate-500">
              {t('help.tables', {
                tables: d.tables.filter((x, i, a) => a.indexOf(x) === i).join(', '),
              })}
            </p>
            <p className="mt-2">
              <a href={csvHref(d.id)} download>
                {t('dashboard.csv')}
              </a>
            </p>
          </details>
        ))}
      </div>
    </Card>
  )
}

function Cell({
  definition,
  value,
  lng,
}: {
  definition: Definition
  value: Value | undefined
  lng: Language
}) {
  const { t } = useTranslation('figures')
  if (!value) return <>—</>
  const parts = componentsTextFor(definition, value, lng, t)
  return (
    <>
      <span>{formatFigure(value.value, definition.unit, lng)}</span>
      {parts ? <span className="block text-xs font-normal text-slate-500">{parts}</span> : null}
    </>
  )
}
