// The printable statistics report (运行情况统计报表) an operator hands to its science bureau: the
// space's particulars, the period's key figures with their definitions, the month-by-month
// numbers, and lines for who filled it in and the organisation's seal. It is a Chinese document
// whatever the reader's language, so its texts come from the Chinese catalogue.
import { chineseDate } from '../../shanghai-time.server.ts'
import { now } from '../../clock.server.ts'
import { fixedT } from '../../i18n/fixed-t.server.ts'
import { componentsTextFor, formatFigure } from './figures-format.ts'
import { figureDefinitions, spaceFigures } from './figures.server.ts'
import { segmentName } from './segments.ts'
import type { FilingStatus } from './space.schema.ts'

/** Months per table of the month-by-month section, so each fits the width of an A4 page. */
const MONTHS_PER_TABLE = 6

export async function figuresReport(input: {
  space: {
    id: string
    name: string
    city: string
    segments: string[]
    filing: FilingStatus
    filingReference: string | null
  }
  operatorName: string
  from: string
  to: string
}) {
  const t = fixedT('zh-CN', 'figures')
  const figures = await spaceFigures({
    spaceId: input.space.id,
    fromMonth: input.from,
    toMonth: input.to,
  })
  const value = (id: string, v: { value: number | null; components: Record<string, number> }) => {
    const d = figureDefinitions.find((x) => x.id === id)
    if (!d) return ''
    const parts = componentsTextFor(d, v, 'zh-CN', (k) => t(k))
    return parts
      ? `${formatFigure(v.value, d.unit, 'zh-CN')}（${parts}）`
      : formatFigure(v.value, d.unit, 'zh-CN')
  }
  const chunks: string[][] = []
  for (let i = 0; i < figures.months.length; i += MONTHS_PER_TABLE)
    chunks.push(figures.months.slice(i, i + MONTHS_PER_TABLE))
  return {
    title: t('report.title', { space: input.space.name }),
    particulars: [
      { label: t('report.space'), value: input.space.name },
      { label: t('report.operator'), value: input.operatorName },
      { label: t('report.filing'), value: t(`report.filingLevel.${input.space.filing}`) },
      {
        label: t('report.filingReference'),
        value: input.space.filingReference || t('report.none'),
      },
      { label: t('report.city'), value: input.space.city },
      {
        label: t('report.segments'),
        value: input.space.segments.map((s) => segmentName(s, 'zh-CN')).join('、'),
      },
      {
        label: t('report.period'),
        value: t('report.periodValue', { from: input.from, to: input.to }),
      },
    ],
    headings: {
      indicators: t('report.indicators'),
      monthly: t('report.monthly'),
      no: t('report.no'),
      name: t('report.name'),
      value: t('report.value'),
      formula: t('report.formula'),
      month: t('table.month'),
    },
    indicators: figureDefinitions.map((d, i) => ({
      no: i + 1,
      name: t(`figure.${d.id}.name`),
      value: value(d.id, figures.total[d.id]),
      formula: t(`figure.${d.id}.formula`),
    })),
    monthly: chunks.map((months) => ({
      months,
      rows: figureDefinitions.map((d) => ({
        name: t(`figure.${d.id}.name`),
        values: months.map((m) => {
          const v = figures.byMonth[d.id].find((x) => x.month === m)
          return v ? formatFigure(v.value, d.unit, 'zh-CN') : '—'
        }),
      })),
    })),
    signature: [t('report.filledBy'), t('report.phone'), t('report.filledOn'), t('report.stamp')],
    generated: t('report.generated', { date: chineseDate(now()) }),
  }
}

export type FiguresReport = Awaited<ReturnType<typeof figuresReport>>
