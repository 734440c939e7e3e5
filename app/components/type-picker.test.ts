import { describe, expect, it } from 'vitest'
import { pickerTypes } from '../../search/type-match.ts'
import { filterTypes } from './type-picker.tsx'

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

  it('ranks an abbreviation inside another (FIB-SEM) above a word that merely starts alike', () => {
    const found = ids('SEM')
    expect(found.indexOf('fib')).toBeGreaterThan(0)
    const semiconductor = types.find((t) => /^semiconductor/i.test(t.en))
    if (semiconductor) expect(found.indexOf('fib')).toBeLessThan(found.indexOf(semiconductor.id))
  })

  it('finds by a word of the English name, and lists everything for an empty query', () => {
    expect(ids('electron')).toEqual(expect.arrayContaining(['sem', 'tem']))
    expect(ids('')).toHaveLength(types.length)
    expect(ids('时光机')).toEqual([])
  })
})
