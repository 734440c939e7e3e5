// Query understanding: which words of a query are read as a city, a segment or a category, when
// they are applied, and what the chips' links search for.
import { describe, expect, it } from 'vitest'
import { cityLabel, cityNamed, normaliseCity } from './cities.ts'
import { understand, withUnderstanding } from './understand.ts'
import { instrumentTypes, namesOf } from './vocabulary.ts'

const chip = (u: ReturnType<typeof understand>, kind: string) =>
  u.chips.find((c) => c.kind === kind)

describe('cities', () => {
  it('knows a city by its short name, with 市, and in pinyin', () => {
    expect(cityNamed('苏州')?.zh).toBe('苏州')
    expect(cityNamed('苏州市')?.zh).toBe('苏州')
    expect(cityNamed('Suzhou')?.zh).toBe('苏州')
    expect(cityNamed("xi'an")?.zh).toBe('西安')
    expect(cityNamed('Xian')?.zh).toBe('西安')
    // Two Taizhous: the bare name means neither.
    expect(cityNamed('Taizhou')).toBeUndefined()
    expect(normaliseCity('深圳市')).toBe('深圳')
    expect(normaliseCity('某某市')).toBe('某某')
    expect(cityLabel('苏州', 'en')).toBe('Suzhou')
    expect(cityLabel('苏州', 'zh-CN')).toBe('苏州')
  })
})

describe('understand', () => {
  it('applies a city named as a word of its own, leaving the rest to search', () => {
    const u = understand('XRD 苏州')
    expect(u.q).toBe('XRD')
    expect(u.applied).toEqual({ city: '苏州' })
    expect(chip(u, 'city')).toMatchObject({
      value: '苏州',
      applied: true,
      word: '苏州',
      link: { q: 'XRD', param: 'city', value: null },
    })
  })

  it('reads a city at either end of a run of Chinese, and in pinyin', () => {
    expect(understand('苏州XRD')).toMatchObject({ q: 'XRD', applied: { city: '苏州' } })
    expect(understand('深圳盐雾试验')).toMatchObject({ q: '盐雾试验', applied: { city: '深圳' } })
    expect(understand('盐雾试验深圳')).toMatchObject({ q: '盐雾试验', applied: { city: '深圳' } })
    expect(understand('苏州市 SEM')).toMatchObject({ q: 'SEM', applied: { city: '苏州' } })
    expect(understand('SEM Suzhou')).toMatchObject({ q: 'SEM', applied: { city: '苏州' } })
  })

  it('leaves a city that is part of a name', () => {
    for (const q of ['苏州大学 XRD', '苏州纳米所', '上海交通大学 SEM', '杭州湾新区 检测']) {
      const u = understand(q)
      expect(u.applied, q).toEqual({})
      expect(
        u.chips.filter((c) => c.kind === 'city'),
        q,
      ).toEqual([])
      expect(u.q, q).toBe(q)
    }
  })

  it('applies a segment by its name, its short name or a reviewed alias', () => {
    expect(understand('中试 生物医药')).toMatchObject({ q: '中试', applied: { segment: '4.1' } })
    expect(understand('检测 生物医药产业')).toMatchObject({ applied: { segment: '4.1' } })
    expect(understand('探针台 集成电路')).toMatchObject({
      q: '探针台',
      applied: { segment: '1.2' },
    })
    expect(understand('医疗器械 灭菌')).toMatchObject({ q: '灭菌', applied: { segment: '4.2' } })
    expect(understand('SEM medical devices')).toMatchObject({
      q: 'SEM',
      applied: { segment: '4.2' },
    })
  })

  it('offers, never applies, an equipment category', () => {
    const u = understand('中试 生物医药')
    expect(chip(u, 'category')).toMatchObject({
      value: 'pilot_line',
      applied: false,
      // The link drops the word and keeps the applied segment's words out.
      link: { q: '', param: 'category', value: 'pilot_line' },
    })
    expect(understand('pilot').chips[0]).toMatchObject({ kind: 'category', applied: false })
    // A search of another kind, or one with a category already, is offered none.
    expect(understand('中试', { kind: 'challenge' }).chips).toEqual([])
    expect(understand('中试', { category: 'small_trial' }).chips).toEqual([])
  })

  it('keeps a query that is only a city or only a segment as text, offering the filter', () => {
    for (const [q, kind, value] of [
      ['苏州', 'city', '苏州'],
      ['生物医药', 'segment', '4.1'],
    ] as const) {
      const u = understand(q)
      expect(u.q).toBe(q)
      expect(u.applied).toEqual({})
      expect(chip(u, kind)).toMatchObject({ value, applied: false, link: { q: '', value } })
    }
    // A city and a segment with nothing else: both offered, neither applied.
    const both = understand('苏州 生物医药')
    expect(both.applied).toEqual({})
    expect(chip(both, 'city')?.link).toEqual({ q: '生物医药', param: 'city', value: '苏州' })
  })

  it('never overrides a filter the user chose', () => {
    const u = understand('XRD 苏州', { city: '深圳' })
    expect(u).toEqual({ q: 'XRD 苏州', applied: {}, chips: [] })
    expect(understand('中试 生物医药', { segment: '3' }).applied).toEqual({})
  })

  it('offers two cities rather than choose between them', () => {
    const u = understand('XRD 苏州 深圳')
    expect(u.applied).toEqual({})
    expect(u.chips.map((c) => [c.value, c.link.q])).toEqual([
      ['苏州', 'XRD 深圳'],
      ['深圳', 'XRD 苏州'],
    ])
  })

  it('reads no city, segment or category inside an instrument name', () => {
    for (const entry of instrumentTypes)
      for (const name of [...namesOf(entry), ...entry.variants]) {
        const u = understand(`${name} 测试`)
        expect(
          u.chips.filter((c) => c.kind !== 'category'),
          name,
        ).toEqual([])
      }
  })

  it('gives the search its parameters with the applied filters in', () => {
    const { params } = withUnderstanding({ q: 'XRD 苏州', kind: 'equipment' as const })
    expect(params).toEqual({ q: 'XRD', kind: 'equipment', city: '苏州' })
  })
})
