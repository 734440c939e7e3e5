// Zero-result help: the closest vocabulary types to a query and the broader queries to try, and
// the prefix match behind the header's suggestions.
import { describe, expect, it } from 'vitest'
import { bigramDice, broaderQueries, closestTypes, editDistance } from './closest.ts'

const ids = (entries: { id: string }[]) => entries.map((e) => e.id)

describe('similarity', () => {
  it('counts shared bigrams and neighbour swaps', () => {
    expect(bigramDice('扫描电镜', '扫描电镜')).toBe(1)
    expect(bigramDice('扫描电镜', '透射电镜')).toBeCloseTo(2 / 6)
    expect(editDistance('SME', 'SEM')).toBe(1)
    expect(editDistance('microscpe', 'microscope')).toBe(1)
  })
})

describe('closestTypes', () => {
  it('finds the type behind a typo in Chinese or Latin letters', () => {
    expect(ids(closestTypes('扫瞄电境'))[0]).toBe('sem')
    expect(ids(closestTypes('SME'))[0]).toBe('sem')
    expect(ids(closestTypes('scaning electron microscop'))[0]).toBe('sem')
    expect(ids(closestTypes('液象色谱'))[0]).toBe('hplc')
    expect(ids(closestTypes('XRDD'))[0]).toBe('xrd')
  })

  it('lists every type under a broader term, at most five', () => {
    const found = ids(closestTypes('电镜'))
    expect(found).toEqual(expect.arrayContaining(['sem', 'tem']))
    expect(found.length).toBeLessThanOrEqual(5)
  })

  it('keeps to the exact type when the query names one', () => {
    expect(ids(closestTypes('SEM'))).toEqual(['sem'])
  })

  it('finds nothing for words that are no instrument', () => {
    expect(closestTypes('qwerty')).toEqual([])
    expect(closestTypes('  ')).toEqual([])
  })
})

describe('broaderQueries', () => {
  it('tries the known part of a longer query, then the broader term and group', () => {
    const q = '场发射扫描电镜 Gemini 999'
    expect(broaderQueries(q, closestTypes(q))).toEqual(['场发射扫描电镜', '电镜', '显微分析'])
  })

  it('does not offer the query itself', () => {
    expect(broaderQueries('电镜', closestTypes('电镜'))).not.toContain('电镜')
  })
})
