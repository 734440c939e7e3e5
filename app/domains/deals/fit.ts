// The fit between an investor's thesis and a startup, out of 100, with the reasons that scored:
// segment 40, stage 25, ticket 25, region 10. Pure: the matching pages and the deal feed rank
// with it, and its fixtures are computed by hand in fit.test.ts.
import enTexts from '../../i18n/locales/en/intros.json'
import zhTexts from '../../i18n/locales/zh-CN/intros.json'
import type { Language } from '../../i18n/config.ts'
import { segmentName } from '../spaces/segments.ts'
import type { StartupStage } from './deals.schema.ts'

export const FIT_POINTS = { segment: 40, stage: 25, ticket: 25, region: 10 } as const

export type Thesis = {
  segments: readonly string[]
  stages: readonly string[]
  ticketMinFen: number
  ticketMaxFen: number
  /** Cities or provinces; empty: anywhere. */
  regions: readonly string[]
}

export type StartupSide = {
  segments: readonly string[]
  stage: StartupStage
  city: string
  /** The startup's range: its live campaign's (minimum ticket, target), else its profile's. */
  ticketMinFen: number | null
  ticketMaxFen: number | null
}

export type FitReason =
  | { kind: 'segment'; code: string }
  | { kind: 'stage'; stage: StartupStage }
  | { kind: 'ticket'; fromFen: number; toFen: number }
  | { kind: 'region'; region: string | null }

export type Fit = {
  score: number
  points: { segment: number; stage: number; ticket: number; region: number }
  /** Exactly the criteria that scored, in the order segment · stage · ticket · region. */
  reasons: FitReason[]
}

const firstLevel = (code: string) => code.split('.')[0] ?? code
const isSecondLevel = (code: string) => code.includes('.')

function segmentFit(thesis: readonly string[], startup: readonly string[]) {
  const exact = startup.find((s) => isSecondLevel(s) && thesis.includes(s))
  if (exact) return { points: FIT_POINTS.segment, code: exact }
  const thesisTops = new Set(thesis.map(firstLevel))
  const shared = startup.map(firstLevel).find((top) => thesisTops.has(top))
  if (shared) return { points: FIT_POINTS.segment / 2, code: shared }
  return { points: 0, code: null }
}

/**
 * The share of the investor's range [min, max] inside the startup's, times 25, rounded to the
 * nearest whole point (halves up). A zero-width investor range scores all or nothing.
 */
function ticketFit(thesis: Thesis, startup: StartupSide) {
  const { ticketMinFen: sMin, ticketMaxFen: sMax } = startup
  if (sMin === null || sMax === null || sMax < sMin) return { points: 0, from: 0, to: 0 }
  const from = Math.max(thesis.ticketMinFen, sMin)
  const to = Math.min(thesis.ticketMaxFen, sMax)
  if (to < from) return { points: 0, from, to }
  const width = thesis.ticketMaxFen - thesis.ticketMinFen
  if (width === 0) return { points: FIT_POINTS.ticket, from, to }
  // Half up in integers: floor((2·25·overlap + width) / (2·width)), no float ties.
  const points = Math.floor((2 * FIT_POINTS.ticket * (to - from) + width) / (2 * width))
  return { points, from, to }
}

export function fitScore(thesis: Thesis, startup: StartupSide): Fit {
  const reasons: FitReason[] = []
  const segment = segmentFit(thesis.segments, startup.segments)
  if (segment.code) reasons.push({ kind: 'segment', code: segment.code })
  const stage = thesis.stages.includes(startup.stage) ? FIT_POINTS.stage : 0
  if (stage) reasons.push({ kind: 'stage', stage: startup.stage })
  const ticket = ticketFit(thesis, startup)
  if (ticket.points > 0) reasons.push({ kind: 'ticket', fromFen: ticket.from, toFen: ticket.to })
  const region = regionFit(thesis.regions, startup.city)
  if (region.points > 0) reasons.push({ kind: 'region', region: region.region })
  const points = {
    segment: segment.points,
    stage,
    ticket: ticket.points,
    region: region.points,
  }
  return {
    score: points.segment + points.stage + points.ticket + points.region,
    points,
    reasons,
  }
}

/**
 * Regions are matched by name: an investor's region matches a startup's city when it names the
 * city itself or the province (or municipality) the city is in. The map covers the demo data's
 * cities and the country's main startup cities; a city not in it matches only by its own name.
 * Suffixes such as 市 and 省 are ignored on both sides.
 */
const PROVINCE_OF: Record<string, string> = {
  北京: '北京',
  上海: '上海',
  天津: '天津',
  重庆: '重庆',
  苏州: '江苏',
  南京: '江苏',
  无锡: '江苏',
  常州: '江苏',
  南通: '江苏',
  杭州: '浙江',
  宁波: '浙江',
  温州: '浙江',
  嘉兴: '浙江',
  绍兴: '浙江',
  深圳: '广东',
  广州: '广东',
  东莞: '广东',
  佛山: '广东',
  珠海: '广东',
  合肥: '安徽',
  芜湖: '安徽',
  武汉: '湖北',
  长沙: '湖南',
  成都: '四川',
  西安: '陕西',
  郑州: '河南',
  济南: '山东',
  青岛: '山东',
  福州: '福建',
  厦门: '福建',
  南昌: '江西',
  沈阳: '辽宁',
  大连: '辽宁',
  长春: '吉林',
  哈尔滨: '黑龙江',
  石家庄: '河北',
  太原: '山西',
  昆明: '云南',
  贵阳: '贵州',
  南宁: '广西',
  海口: '海南',
  兰州: '甘肃',
}

export function normalizePlace(name: string): string {
  return name.trim().replace(/(特别行政区|壮族自治区|回族自治区|维吾尔自治区|自治区|省|市)$/u, '')
}

function regionFit(regions: readonly string[], city: string) {
  if (regions.length === 0) return { points: FIT_POINTS.region, region: null }
  const place = normalizePlace(city)
  const province = PROVINCE_OF[place]
  const match = regions.find((r) => {
    const n = normalizePlace(r)
    return n === place || (province !== undefined && n === province)
  })
  return match ? { points: FIT_POINTS.region, region: match } : { points: 0, region: null }
}

/**
 * Ranking: the higher score first, then the more recently active, then the smaller id, so the
 * order is total and stable across pages.
 */
export function byFit<T extends { fit: Fit; lastActiveAt: Date; id: string }>(a: T, b: T): number {
  if (a.fit.score !== b.fit.score) return b.fit.score - a.fit.score
  const active = b.lastActiveAt.getTime() - a.lastActiveAt.getTime()
  if (active !== 0) return active
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

const texts = { 'zh-CN': zhTexts, en: enTexts } as const

/**
 * A sum in the reasons' compact form: 万 for Chinese readers (¥50万), thousands and millions for
 * English ones (¥500K, ¥2M); up to two decimals, trailing zeros dropped.
 */
export function compactYuan(fen: number, lng: Language): string {
  const yuan = fen / 100
  const n = (v: number) => String(Math.round(v * 100) / 100)
  if (lng === 'zh-CN') return yuan >= 10_000 ? `${n(yuan / 10_000)}万` : n(yuan)
  if (yuan >= 1_000_000) return `${n(yuan / 1_000_000)}M`
  if (yuan >= 1_000) return `${n(yuan / 1_000)}K`
  return n(yuan)
}

/** The reasons as the reader sees them: "新材料产业 · 种子轮 · ¥50万–200万". */
export function reasonLabels(reasons: readonly FitReason[], lng: Language): string[] {
  const m = texts[lng].matching
  return reasons.map((r) => {
    switch (r.kind) {
      case 'segment':
        return segmentName(r.code, lng)
      case 'stage':
        return m.stages[r.stage]
      case 'ticket':
        return r.fromFen === r.toFen
          ? `¥${compactYuan(r.fromFen, lng)}`
          : `¥${compactYuan(r.fromFen, lng)}–${compactYuan(r.toFen, lng)}`
      case 'region':
        return r.region ?? m.anywhere
    }
  })
}

export const REASON_SEPARATOR = ' · '
