// The figures as CSV for spreadsheets (the shared writer, app/domains/exports/csv.ts), headers in
// the reader's language.
import type { Language } from '../../i18n/config.ts'
import { csvDocument } from '../exports/csv.ts'
import { fixedT } from '../../i18n/fixed-t.server.ts'
import { csvFigure } from './figures-format.ts'
import {
  figureDefinition,
  figureDefinitions,
  type FigureDefinition,
  type FigureId,
  type FigureValue,
  type SpaceFigures,
} from './figures.server.ts'

type T = (key: string, values?: Record<string, string>) => string

const componentsText = (d: FigureDefinition, v: FigureValue, t: T) =>
  d.components
    .map((c) => `${t(`component.${c.id}`)}=${csvFigure(v.components[c.id] ?? 0, c.unit)}`)
    .join('; ')

const longRows = (figures: SpaceFigures, t: T, lead: string[] = []) =>
  figureDefinitions.flatMap((d) => [
    ...(figures.byMonth[d.id] ?? []).map((m) => [
      ...lead,
      m.month,
      t(`figure.${d.id}.name`),
      csvFigure(m.value, d.unit),
      t(`unit.${d.unit}`),
      componentsText(d, m, t),
    ]),
    [
      ...lead,
      t('csv.total'),
      t(`figure.${d.id}.name`),
      csvFigure(figures.total[d.id].value, d.unit),
      t(`unit.${d.unit}`),
      componentsText(d, figures.total[d.id], t),
    ],
  ])

/**
 * One figure: month, value and a column per component, the period total last. All figures
 * (`all`): long format, one row per month and figure.
 */
export function spaceFiguresCsv(input: {
  figures: SpaceFigures
  figure: FigureId | 'all'
  lng: Language
}): string {
  const t = fixedT(input.lng, 'figures')
  if (input.figure === 'all') {
    const header = ['month', 'figure', 'value', 'unit', 'components'].map((k) => t(`csv.${k}`))
    return csvDocument([header, ...longRows(input.figures, t)])
  }
  const d = figureDefinition(input.figure)
  const header = [
    t('csv.month'),
    `${t('csv.value')} (${t(`unit.${d.unit}`)})`,
    ...d.components.map((c) => t(`component.${c.id}`)),
  ]
  const row = (label: string, v: FigureValue) => [
    label,
    csvFigure(v.value, d.unit),
    ...d.components.map((c) => csvFigure(v.components[c.id] ?? 0, c.unit)),
  ]
  return csvDocument([
    header,
    ...(input.figures.byMonth[d.id] ?? []).map((m) => row(m.month, m)),
    row(t('csv.total'), input.figures.total[d.id]),
  ])
}

/** The platform view: every space's rows, then the platform's (computed over all spaces). */
export function platformFiguresCsv(input: {
  spaces: { name: string; figures: SpaceFigures }[]
  platform: SpaceFigures
  lng: Language
}): string {
  const t = fixedT(input.lng, 'figures')
  const header = ['space', 'month', 'figure', 'value', 'unit', 'components'].map((k) =>
    t(`csv.${k}`),
  )
  return csvDocument([
    header,
    ...input.spaces.flatMap((s) => longRows(s.figures, t, [s.name])),
    ...longRows(input.platform, t, [t('csv.platform')]),
  ])
}

/** The file's name in the reader's language, e.g. 统计监测-某空间-2026-01至2026-11.csv. */
export function csvName(lng: Language, parts: string[]): string {
  const t = fixedT(lng, 'figures')
  return `${[t('csv.filename'), ...parts].join('-')}.csv`
}
