import { describe, expect, it } from 'vitest'
import { pickerTypes } from '../../search/type-match.ts'
import { filterTypes } from './type-picker.tsx'
import { matchTypes } from '../domains/equipment/type-names.ts'
import { instrumentTypes } from '../../search/vocabulary.ts'

const { types } = pickerTypes()
const ids = (query: string) => filterTypes(types, query).map((t) => t.id)

describe('filterTypes', () => {
  it('puts the type a query names exactly first, whatever name was typed', () => {
    expect(ids('SEM')[0]).toBe('sem')
    expect(ids('sem')[0]).toBe('sem')
    expect(ids('扫描')[0]).toBe('sem')
    expect(ids('透射电镜')[0]).toBe('tem')
    expect(ids('X射线衍射仪（XRD）')[0]).toBe('xrd')
  })

  it('finds an abbreviation inside another (FIB-SEM) but not an English word that starts alike', () => {
    const found = ids('SEM')
    expect(found.indexOf('fib')).toBeGreaterThan(0)
    const semiconductor = types.find((t) => /^semiconductor/i.test(t.en))
    expect(semiconductor).toBeDefined()
    expect(found).not.toContain(semiconductor?.id)
  })

  it('finds by a word of the English name, and lists everything for an empty query', () => {
    expect(ids('electron')).toEqual(expect.arrayContaining(['sem', 'tem']))
    expect(ids('')).toHaveLength(types.length)
    expect(ids('时光机')).toEqual([])
  })
})

const idsOf = (entries: { id: string }[]) => entries.map((e) => e.id)

describe('matchTypes, as the search box suggests', () => {
  it('puts the type an abbreviation names first', () => {
    expect(idsOf(matchTypes(instrumentTypes, 'SEM', 3))[0]).toBe('sem')
    expect(idsOf(matchTypes(instrumentTypes, 'sem'))[0]).toBe('sem')
    expect(idsOf(matchTypes(instrumentTypes, 'hplc'))[0]).toBe('hplc')
  })

  it('does not read two or three letters inside an English word', () => {
    // "semi-anechoic" holds SEM; the EMC chamber is not what SEM means.
    expect(idsOf(matchTypes(instrumentTypes, 'SEM', 3))).not.toContain('emc-chamber')
    expect(idsOf(matchTypes(instrumentTypes, 'SEM', 3))).toContain('fib')
  })

  it('matches the start of Chinese and English names', () => {
    expect(idsOf(matchTypes(instrumentTypes, '扫描'))[0]).toBe('sem')
    expect(idsOf(matchTypes(instrumentTypes, '透射'))[0]).toBe('tem')
    expect(idsOf(matchTypes(instrumentTypes, 'X射线衍'))[0]).toBe('xrd')
    expect(idsOf(matchTypes(instrumentTypes, 'transmission electron'))[0]).toBe('tem')
  })

  it('gives at most the number asked for', () => {
    expect(matchTypes(instrumentTypes, '色谱', 3).length).toBeLessThanOrEqual(3)
    expect(matchTypes(instrumentTypes, '', 0)).toEqual([])
  })
})
