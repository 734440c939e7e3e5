// The fit score on fixtures computed by hand: every criterion scoring and not, first-level
// matches, partial ticket overlaps and their rounding, zero-width ranges, regions by city and by
// province, the reasons in both languages, and the ranking's tie-breaks.
import { describe, expect, it } from 'vitest'
import {
  byFit,
  fitScore,
  reasonLabels,
  REASON_SEPARATOR,
  type StartupSide,
  type Thesis,
} from './fit.ts'

/** ¥N万 in fen: 1万 yuan = 10,000 yuan = 1,000,000 fen. */
const wan = (n: number) => n * 1_000_000

const thesis = (t: Partial<Thesis> = {}): Thesis => ({
  segments: ['3.6'],
  stages: ['seed', 'angel'],
  ticketMinFen: wan(50),
  ticketMaxFen: wan(200),
  regions: [],
  ...t,
})
const startup = (s: Partial<StartupSide> = {}): StartupSide => ({
  segments: ['3.6'],
  stage: 'seed',
  city: '苏州',
  ticketMinFen: wan(10),
  ticketMaxFen: wan(500),
  ...s,
})
const zh = (t: Thesis, s: StartupSide) => {
  const fit = fitScore(t, s)
  return {
    score: fit.score,
    points: fit.points,
    text: reasonLabels(fit.reasons, 'zh-CN').join(REASON_SEPARATOR),
  }
}

describe('fit score', () => {
  it('scores 100 when every criterion fits, with every reason', () => {
    // segment 3.6 = 3.6: 40; seed in [seed, angel]: 25; [50万, 200万] wholly inside [10万, 500万]:
    // 25; 苏州 is in 江苏: 10.
    expect(zh(thesis({ regions: ['江苏'] }), startup())).toEqual({
      score: 100,
      points: { segment: 40, stage: 25, ticket: 25, region: 10 },
      text: '前沿新材料 · 种子轮 · ¥50万–200万 · 江苏',
    })
  })

  it('gives 20 for the same first level and half-up rounds a partial ticket overlap', () => {
    // 3.1 vs 3.6 share 3 (新材料产业): 20. Stage angel only, startup seed: 0.
    // Investor [100万, 300万], startup [50万, 200万]: overlap [100万, 200万] = 100万 of 200万
    // = 0.5 × 25 = 12.5 → 13. Regions [上海], city 苏州: 0. Total 33.
    expect(
      zh(
        thesis({
          segments: ['3.1'],
          stages: ['angel'],
          ticketMinFen: wan(100),
          ticketMaxFen: wan(300),
          regions: ['上海'],
        }),
        startup({ ticketMinFen: wan(50), ticketMaxFen: wan(200) }),
      ),
    ).toEqual({
      score: 33,
      points: { segment: 20, stage: 0, ticket: 13, region: 0 },
      text: '新材料产业 · ¥100万–200万',
    })
  })

  it('matches a first-level thesis code at 20 and rounds two thirds up', () => {
    // Thesis 4, startup 4.1: 20 (生物产业). Stage a: 25. Investor [10万, 40万], startup
    // [20万, 100万]: overlap 20万 of 30万 = 16.67 → 17. No regions: 10, 不限地区. Total 72.
    expect(
      zh(
        thesis({ segments: ['4'], stages: ['a'], ticketMinFen: wan(10), ticketMaxFen: wan(40) }),
        startup({
          segments: ['4.1'],
          stage: 'a',
          city: '成都',
          ticketMinFen: wan(20),
          ticketMaxFen: wan(100),
        }),
      ),
    ).toEqual({
      score: 72,
      points: { segment: 20, stage: 25, ticket: 17, region: 10 },
      text: '生物产业 · A 轮 · ¥20万–40万 · 不限地区',
    })
  })

  it('scores a zero-width ticket range all or nothing, and a region by its province', () => {
    // 1.5 vs 3.6: no segment; stage a not in thesis; ¥30万 inside [10万, 100万]: 25;
    // 广东省 holds 深圳市 (suffixes ignored): 10. Total 35.
    const inside = thesis({
      segments: ['1.5'],
      stages: ['a'],
      ticketMinFen: wan(30),
      ticketMaxFen: wan(30),
      regions: ['广东省'],
    })
    const shenzhen = startup({ city: '深圳市', ticketMinFen: wan(10), ticketMaxFen: wan(100) })
    expect(zh(inside, shenzhen)).toEqual({
      score: 35,
      points: { segment: 0, stage: 0, ticket: 25, region: 10 },
      text: '¥30万 · 广东省',
    })
    // ¥200万 outside [10万, 100万]: 0.
    const outside = { ...inside, ticketMinFen: wan(200), ticketMaxFen: wan(200) }
    expect(zh(outside, shenzhen)).toMatchObject({ score: 10, text: '广东省' })
  })

  it('scores no ticket without a startup range, and matches a region by its city', () => {
    // 3.6: 40; seed: 25; no range: 0; 苏州市 names 苏州: 10. Total 75.
    expect(
      zh(
        thesis({ regions: ['杭州', '苏州市'] }),
        startup({ ticketMinFen: null, ticketMaxFen: wan(100) }),
      ),
    ).toEqual({
      score: 75,
      points: { segment: 40, stage: 25, ticket: 0, region: 10 },
      text: '前沿新材料 · 种子轮 · 苏州市',
    })
  })

  it('leaves out a ticket overlap that rounds to nothing, and keeps one that rounds to 1', () => {
    // Investor [1万, 101万], startup [100万, 200万]: overlap 1万 of 100万 = 0.25 → 0.
    const tiny = zh(
      thesis({ ticketMinFen: wan(1), ticketMaxFen: wan(101), regions: ['北京'] }),
      startup({ ticketMinFen: wan(100), ticketMaxFen: wan(200) }),
    )
    expect(tiny).toEqual({
      score: 65,
      points: { segment: 40, stage: 25, ticket: 0, region: 0 },
      text: '前沿新材料 · 种子轮',
    })
    // Investor [100万, 500万], startup [10万, 110万]: 10万 of 400万 = 0.625 → 1.
    const one = zh(
      thesis({
        segments: [],
        stages: [],
        ticketMinFen: wan(100),
        ticketMaxFen: wan(500),
        regions: ['北京'],
      }),
      startup({ ticketMinFen: wan(10), ticketMaxFen: wan(110) }),
    )
    expect(one).toEqual({
      score: 1,
      points: { segment: 0, stage: 0, ticket: 1, region: 0 },
      text: '¥100万–110万',
    })
  })

  it('gives the reasons in English for English readers', () => {
    const fit = fitScore(thesis({ regions: [] }), startup())
    expect(reasonLabels(fit.reasons, 'en').join(REASON_SEPARATOR)).toBe(
      'Frontier new materials · Seed · ¥500K–2M · Any region',
    )
  })
})

describe('ranking', () => {
  it('orders by score, then the most recent activity, then id', () => {
    const t = thesis()
    const day = (d: number) => new Date(Date.UTC(2026, 10, d))
    const rows = [
      { id: 'c', fit: fitScore(t, startup({ stage: 'a' })), lastActiveAt: day(20) }, // 75
      { id: 'b', fit: fitScore(t, startup()), lastActiveAt: day(10) }, // 100, older
      { id: 'd', fit: fitScore(t, startup()), lastActiveAt: day(21) }, // 100, newest
      { id: 'a', fit: fitScore(t, startup()), lastActiveAt: day(10) }, // 100, older, smaller id
    ]
    expect(rows.map((r) => r.fit.score)).toEqual([75, 100, 100, 100])
    expect([...rows].sort(byFit).map((r) => r.id)).toEqual(['d', 'a', 'b', 'c'])
  })
})
