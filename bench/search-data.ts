// Deterministic, realistic offerings for the search benchmark: Chinese titles and descriptions
// drawn from the instrument vocabulary, every kind, segment and city; and a fixed mix of 50
// queries with filters.
import type { OfferingDoc } from '../search/document.ts'
import { instrumentTypes } from '../search/vocabulary.ts'
import { segments } from '../app/domains/spaces/segments.ts'

function prng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

const cities = [
  '北京',
  '上海',
  '深圳',
  '苏州',
  '合肥',
  '杭州',
  '武汉',
  '成都',
  '西安',
  '南京',
  '广州',
  '天津',
  '长沙',
  '青岛',
  '宁波',
]
const orgWords = [
  '检测技术',
  '新材料',
  '精密仪器',
  '生物医药',
  '智能装备',
  '光电',
  '微纳',
  '先进制造',
  '能源材料',
  '分析测试',
]
const suffixes = ['有限公司', '研究院', '检测中心', '重点实验室', '工程中心', '创新中心']
const services = [
  '开放共享',
  '委托检测',
  '样品测试',
  '小试验证',
  '中试放大',
  '操作培训',
  '数据分析',
]

export function generateOfferings(n: number): OfferingDoc[] {
  const rand = prng(20261122)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T
  const second = segments.flatMap((s) => (s.children ?? []).map((c) => c.code))
  const docs: OfferingDoc[] = []
  for (let i = 0; i < n; i++) {
    const type = pick(instrumentTypes)
    const city = pick(cities)
    const seg = rand() < 0.7 && type.segments.length ? pick(type.segments) : pick(second)
    const kind = rand() < 0.9 ? 'organisation' : 'space'
    const name = `${city}${pick(orgWords)}${pick(suffixes)}`
    docs.push({
      id: `${kind}-bench-${i}`,
      kind,
      rowId: `bench-${i}`,
      url: `/bench/${i}`,
      title: `${name}${type.zh}${pick(services)}`,
      titleEn: `${type.en} service ${i}`,
      summary: `${name}提供${type.zh}（${[...type.abbreviations, ...type.short].join('、')}）${pick(services)}服务，面向${city}及周边的创客和初创企业，预约后三个工作日内安排测试。`,
      keywords: [type.zh, ...type.short, ...type.abbreviations],
      segments1: [seg.split('.')[0] ?? seg],
      segments2: [seg],
      city,
      status: kind === 'space' ? 'incubator' : 'startup',
      spaces: [],
      createdAt: 1_700_000_000 + Math.floor(rand() * 60_000_000),
      facts: {},
      types: [],
      typeIds: [],
      standing: 1,
    })
  }
  return docs
}

export function queryMix(): { q: string; filter: string[]; qs: string }[] {
  const rand = prng(42)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T
  const mix: { q: string; filter: string[]; qs: string }[] = []
  for (let i = 0; i < 50; i++) {
    const type = pick(instrumentTypes)
    const q = pick([type.zh, ...type.short, ...type.abbreviations, type.broader[0] ?? type.zh])
    const params = new URLSearchParams({ q })
    const filter: string[] = []
    if (i % 3 === 0) {
      const city = pick(cities)
      filter.push(`city = "${city}"`)
      params.set('city', city)
    }
    if (i % 4 === 0 && type.segments[0]) {
      filter.push(`segments2 = "${type.segments[0]}"`)
      params.set('segment', type.segments[0])
    }
    if (i % 5 === 0) {
      filter.push('kind = "organisation"')
      params.set('kind', 'organisation')
    }
    mix.push({ q, filter, qs: params.toString() })
  }
  return mix
}
