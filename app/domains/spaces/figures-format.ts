// How a figure's value reads: on pages in the reader's language (money through formatMoney, a
// ratio as a percentage), and in CSV as plain numbers a spreadsheet can sum.
import type { Language } from '../../i18n/config.ts'
import { cached, formatMoney, formatNumber } from '../../i18n/format.ts'

export type Unit = 'count' | 'ratio' | 'fen' | 'hours'

export function formatFigure(value: number | null, unit: Unit, lng: Language): string {
  if (value === null) return '—'
  switch (unit) {
    case 'ratio':
      return cached(
        `percent-1:${lng}`,
        () =>
          new Intl.NumberFormat(lng, {
            style: 'percent',
            minimumFractionDigits: 1,
            maximumFractionDigits: 1,
          }),
      ).format(value)
    case 'fen':
      return formatMoney(Math.round(value), lng)
    case 'hours':
      return cached(
        `decimal-1:${lng}`,
        () => new Intl.NumberFormat(lng, { maximumFractionDigits: 1 }),
      ).format(value)
    default:
      return formatNumber(value, lng)
  }
}

/** CSV: counts as integers, money in yuan with two decimals, ratios as percentages, hours to 0.01. */
export function csvFigure(value: number | null, unit: Unit): string {
  if (value === null) return ''
  switch (unit) {
    case 'ratio':
      return `${(value * 100).toFixed(1)}%`
    case 'fen': {
      const fen = Math.round(value)
      const sign = fen < 0 ? '-' : ''
      const abs = Math.abs(fen)
      return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
    }
    case 'hours':
      return String(Math.round(value * 100) / 100)
    default:
      return String(value)
  }
}

/** A chart axis' value: money in yuan, ratios in percent. */
export const chartValue = (value: number | null, unit: Unit): number | null =>
  value === null
    ? null
    : unit === 'fen'
      ? value / 100
      : unit === 'ratio'
        ? Math.round(value * 1000) / 10
        : value

type Described = {
  id: string
  unit: Unit
  components: readonly { id: string; unit: Unit }[]
}

/** A figure's parts in words: "4 / 5" for survival, "苗圃 3 · 孵化器 1" otherwise. */
export function componentsTextFor(
  d: Described,
  v: { components: Record<string, number> },
  lng: Language,
  t: (key: string) => string,
): string {
  if (d.components.length === 0) return ''
  if (d.id.startsWith('survival'))
    return `${formatFigure(v.components.surviving ?? 0, 'count', lng)} / ${formatFigure(v.components.base ?? 0, 'count', lng)}`
  return d.components
    .map(
      (c) =>
        `${t(`figures:component.${c.id}`)} ${formatFigure(v.components[c.id] ?? 0, c.unit, lng)}`,
    )
    .join(' · ')
}
