import { describe, expect, it } from 'vitest'
import { resolveTypeName, typeSearchNames, typesMentionedIn } from './type-match.ts'
import { instrumentType, namesOf } from './vocabulary.ts'

const ids = (text: string, limit?: number) => typesMentionedIn(text, limit).map((t) => t.id)

describe('typesMentionedIn', () => {
  it('finds a type by its Chinese name, short form, English name and abbreviation', () => {
    expect(ids('场发射扫描电子显微镜')).toEqual(['sem'])
    expect(ids('需要扫描电镜表征断口形貌')).toEqual(['sem'])
    expect(ids('Access to a scanning electron microscope for fracture surfaces')).toEqual(['sem'])
    expect(ids('Two Scanning Electron Microscopes on site')).toEqual(['sem'])
    expect(ids('委托 SEM 观察')).toEqual(['sem'])
    expect(ids('hplc 方法开发')).toEqual(['hplc'])
  })

  it('takes an abbreviation only as a whole Latin token', () => {
    expect(ids('FE-SEM 与 EDS')).toEqual(['sem', 'eds'])
    expect(ids('SEM/EDS')).toEqual(['sem', 'eds'])
    expect(ids('SEM表征')).toEqual(['sem'])
    expect(ids('SEMI standard compliance')).toEqual([])
    expect(ids('final assembly of the gearbox')).toEqual([])
  })

  it('reads short abbreviations as written, so ordinary English words are not instruments', () => {
    expect(ids('a sem of the project')).toEqual([])
    expect(ids('Tem and Sem')).toEqual([])
    expect(ids('XRD and tem')).toEqual(['xrd'])
  })

  it('prefers the longest name where names overlap', () => {
    expect(ids('场发射扫描电镜')).toEqual(['sem'])
    expect(ids('X射线荧光光谱仪')).toEqual(['xrf'])
    expect(ids('原子荧光光谱仪')).toEqual(['afs'])
    expect(ids('FIB-SEM 双束系统')).toEqual(['fib'])
    expect(ids('TG-DSC 联用')).toEqual(['sta'])
    expect(ids('紫外老化试验箱')).toEqual(['uv-weathering'])
  })

  it('lists types in the order they occur, once each, up to the limit', () => {
    expect(ids('XRD 物相分析，SEM 形貌，再做一次 XRD')).toEqual(['xrd', 'sem'])
    expect(ids('透射电镜、扫描电镜、X射线衍射仪和高效液相色谱仪', 2)).toEqual(['tem', 'sem'])
  })

  it('does not count broader terms, which mean several types', () => {
    expect(ids('电镜')).toEqual([])
    expect(ids('')).toEqual([])
  })

  it('reads full-width letters as their ASCII forms', () => {
    expect(ids('ＳＥＭ 测试')).toEqual(['sem'])
  })
})

describe('resolveTypeName', () => {
  const sem = instrumentType('sem')

  it('maps every name of a type back to it, ignoring case, width and a bracketed part', () => {
    for (const name of namesOf(sem ?? ({} as never))) expect(resolveTypeName(name)?.id).toBe('sem')
    expect(resolveTypeName('扫描电子显微镜（SEM）')?.id).toBe('sem')
    expect(resolveTypeName('扫描电子显微镜 (SEM)')?.id).toBe('sem')
    expect(resolveTypeName('  sem ')?.id).toBe('sem')
    expect(resolveTypeName('Scanning Electron Microscope (SEM)')?.id).toBe('sem')
    expect(resolveTypeName('ｓｅｍ')?.id).toBe('sem')
    expect(resolveTypeName('x射线衍射仪（XRD）')?.id).toBe('xrd')
  })

  it('finds nothing for a broader term, a part of a name or unknown text', () => {
    expect(resolveTypeName('电镜')).toBeUndefined()
    expect(resolveTypeName('扫描')).toBeUndefined()
    expect(resolveTypeName('时光机')).toBeUndefined()
    expect(resolveTypeName('')).toBeUndefined()
  })
})

describe('typeSearchNames', () => {
  it('gives every name of the type', () => {
    const tem = instrumentType('tem')
    expect(tem && typeSearchNames(tem)).toEqual(
      expect.arrayContaining([
        '透射电子显微镜',
        'transmission electron microscope',
        'TEM',
        '透射电镜',
      ]),
    )
  })
})
