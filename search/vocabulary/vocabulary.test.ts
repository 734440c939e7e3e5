// Integrity checks for the controlled vocabulary of instrument and service types that search
// synonyms are generated from. Names (zh, en, abbreviations, short) are two-way synonyms within
// one entry and must never be shared; broader terms and variant writings are one-way and must
// never be a name. An abbreviation that several types use (ICP, EDM, CVD) is therefore never a
// name: the file marks it ambiguous by listing it as a broader term of each of those types.
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { nameKey } from '../../app/domains/equipment/type-names.ts'
import {
  instrumentGroups as groups,
  instrumentTypes as types,
  namesOf,
  type VocabularyEntry as InstrumentType,
} from '../vocabulary.ts'

interface Segment {
  code: string
  children?: Segment[]
}

const segmentFile = JSON.parse(
  fs.readFileSync(new URL('../../app/data/industry-segments.json', import.meta.url), 'utf8'),
) as { segments: Segment[] }

const secondLevelCodes = new Set(
  segmentFile.segments.flatMap((top) => (top.children ?? []).map((child) => child.code)),
)

const CJK = /[\u3400-\u9fff]/
/** Chinese characters, Latin letters, digits and the punctuation names are written with. */
const CHINESE_OR_LATIN = /^[\u3400-\u9fffA-Za-z0-9][\u3400-\u9fffA-Za-z0-9\-/. ]*$/

// Names are compared as the picker and search resolve them: width-folded, spaces collapsed,
// case ignored.
const key = nameKey

/** Every name, lower-cased, mapped to the ids of the entries that use it. */
const owners = new Map<string, Set<string>>()
for (const t of types) {
  for (const name of namesOf(t)) {
    const k = key(name)
    const ids = owners.get(k) ?? new Set<string>()
    ids.add(t.id)
    owners.set(k, ids)
  }
}

function entryNamed(name: string): InstrumentType | undefined {
  const ids = owners.get(key(name))
  if (!ids || ids.size !== 1) return undefined
  const [id] = [...ids]
  return types.find((t) => t.id === id)
}

/**
 * Words that on their own say nothing about what is needed; a purpose must be more specific
 * than any of them.
 */
const GENERIC_WORDS = ['测试', '检测', '分析', '试验', '实验', '加工', '服务', '研发', '样品']

/** The entries a word finds as one of their names or as one of their purposes. */
function entriesFoundBy(word: string): string[] {
  return types
    .filter((t) => [...namesOf(t), ...t.purposes].some((w) => key(w) === key(word)))
    .map((t) => t.id)
}

/** The entries a one-way word (broader term or variant) leads to. */
function entriesReachedBy(word: string, field: 'broader' | 'variants'): string[] {
  return types.filter((t) => t[field].some((w) => key(w) === key(word))).map((t) => t.id)
}

describe('instrument-types vocabulary', () => {
  it('has at least 150 entries', () => {
    expect(Array.isArray(types)).toBe(true)
    expect(types.length).toBeGreaterThanOrEqual(150)
  })

  it('has unique groups, each with a Chinese and an English name', () => {
    const ids = groups.map((g) => g.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const g of groups) {
      expect(g.id).toMatch(/^[a-z]+(-[a-z]+)*$/)
      expect(g.zh, g.id).toMatch(CJK)
      expect(g.en.trim(), g.id).not.toBe('')
      expect(g.en, g.id).not.toMatch(CJK)
    }
  })

  it('puts every entry in a declared group and leaves no group empty', () => {
    const ids = new Set(groups.map((g) => g.id))
    for (const t of types) expect(ids.has(t.group), `${t.id}: ${t.group}`).toBe(true)
    for (const g of groups) {
      expect(
        types.some((t) => t.group === g.id),
        g.id,
      ).toBe(true)
    }
  })

  it('has unique kebab-case ids', () => {
    const ids = types.map((t) => t.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  })

  it('gives every entry a group, zh, en and at least one abbreviation or short form', () => {
    for (const t of types) {
      expect(t.group, t.id).toMatch(/^[a-z]+(-[a-z]+)*$/)
      expect(typeof t.zh, t.id).toBe('string')
      expect(t.zh.trim(), t.id).not.toBe('')
      expect(t.zh, t.id).toMatch(CJK)
      expect(typeof t.en, t.id).toBe('string')
      expect(t.en.trim(), t.id).not.toBe('')
      expect(t.en, t.id).not.toMatch(CJK)
      expect(Array.isArray(t.abbreviations), t.id).toBe(true)
      expect(Array.isArray(t.short), t.id).toBe(true)
      expect(Array.isArray(t.broader), t.id).toBe(true)
      expect(Array.isArray(t.variants), t.id).toBe(true)
      expect(t.abbreviations.length + t.short.length, t.id).toBeGreaterThan(0)
    }
  })

  it('writes abbreviations in Latin letters and short forms in Chinese', () => {
    for (const t of types) {
      for (const a of t.abbreviations) {
        expect(a, t.id).toMatch(/^[A-Za-z][A-Za-z0-9\-/ ]*$/)
      }
      for (const s of t.short) expect(s, t.id).toMatch(CJK)
    }
  })

  it('has no empty or padded names, broader terms or variants', () => {
    for (const t of types) {
      for (const s of [...namesOf(t), ...t.broader, ...t.variants]) {
        expect(s, t.id).toBe(s.trim())
        expect(s.length, t.id).toBeGreaterThan(0)
      }
    }
  })

  it('shares no name between entries (case-insensitive)', () => {
    const shared = [...owners]
      .filter(([, ids]) => ids.size > 1)
      .map(([n, ids]) => `${n}: ${[...ids]}`)
    expect(shared).toEqual([])
  })

  it('repeats no name within an entry', () => {
    for (const t of types) {
      const keys = namesOf(t).map(key)
      expect(new Set(keys).size, t.id).toBe(keys.length)
    }
  })

  it('never uses a name as a broader term', () => {
    const clashes = types.flatMap((t) =>
      t.broader.filter((b) => owners.has(key(b))).map((b) => `${t.id} → ${b}`),
    )
    expect(clashes).toEqual([])
  })

  it('repeats no broader term within an entry', () => {
    for (const t of types) {
      const keys = t.broader.map(key)
      expect(new Set(keys).size, t.id).toBe(keys.length)
    }
  })

  it('writes variants in Chinese or Latin script, at most four per entry', () => {
    for (const t of types) {
      expect(t.variants.length, t.id).toBeLessThanOrEqual(4)
      for (const v of t.variants) expect(v, t.id).toMatch(CHINESE_OR_LATIN)
    }
  })

  it('never uses a name or a broader term as a variant', () => {
    const broaderTerms = new Set(types.flatMap((t) => t.broader.map(key)))
    const clashes = types.flatMap((t) =>
      t.variants
        .filter((v) => owners.has(key(v)) || broaderTerms.has(key(v)))
        .map((v) => `${t.id} → ${v}`),
    )
    expect(clashes).toEqual([])
  })

  it('gives every variant to one entry only, once', () => {
    const all = types.flatMap((t) => t.variants.map(key))
    const repeated = all.filter((v, i) => all.indexOf(v) !== i)
    expect(repeated).toEqual([])
  })

  it('lists at most eight purposes per entry, each 2–8 characters of Chinese or Latin script', () => {
    for (const t of types) {
      expect(Array.isArray(t.purposes), t.id).toBe(true)
      expect(t.purposes.length, t.id).toBeLessThanOrEqual(8)
      for (const p of t.purposes) {
        expect(p, t.id).toBe(p.trim())
        expect([...p].length, `${t.id}: ${p}`).toBeGreaterThanOrEqual(2)
        expect([...p].length, `${t.id}: ${p}`).toBeLessThanOrEqual(8)
        expect(p, t.id).toMatch(CHINESE_OR_LATIN)
      }
    }
  })

  it('says what most entries are for', () => {
    expect(types.filter((t) => t.purposes.length > 0).length).toBeGreaterThanOrEqual(150)
  })

  it('repeats no purpose within an entry', () => {
    for (const t of types) {
      const keys = t.purposes.map(key)
      expect(new Set(keys).size, t.id).toBe(keys.length)
    }
  })

  it('never uses a name or a variant as a purpose', () => {
    const variants = new Set(types.flatMap((t) => t.variants.map(key)))
    const clashes = types.flatMap((t) =>
      t.purposes
        .filter((p) => owners.has(key(p)) || variants.has(key(p)))
        .map((p) => `${t.id} → ${p}`),
    )
    expect(clashes).toEqual([])
  })

  it('never uses a generic word alone as a purpose', () => {
    const generic = types.flatMap((t) =>
      t.purposes.filter((p) => GENERIC_WORDS.includes(p)).map((p) => `${t.id} → ${p}`),
    )
    expect(generic).toEqual([])
  })

  it('shares a purpose between at most ten entries', () => {
    const users = new Map<string, string[]>()
    for (const t of types)
      for (const p of t.purposes) users.set(key(p), [...(users.get(key(p)) ?? []), t.id])
    const overshared = [...users]
      .filter(([, ids]) => ids.length > 10)
      .map(([p, ids]) => `${p}: ${ids.length}`)
    expect(overshared).toEqual([])
  })

  it('uses 1–3 existing second-level industry segment codes', () => {
    expect(secondLevelCodes.size).toBeGreaterThan(0)
    for (const t of types) {
      expect(t.segments.length, t.id).toBeGreaterThanOrEqual(1)
      expect(t.segments.length, t.id).toBeLessThanOrEqual(3)
      expect(new Set(t.segments).size, t.id).toBe(t.segments.length)
      for (const code of t.segments) {
        expect(secondLevelCodes.has(code), `${t.id}: ${code}`).toBe(true)
      }
    }
  })

  describe('spot checks', () => {
    it('puts SEM and 扫描电镜 in the same entry, 扫描电子显微镜', () => {
      const bySem = entryNamed('SEM')
      expect(bySem?.zh).toBe('扫描电子显微镜')
      expect(entryNamed('扫描电镜')?.id).toBe(bySem?.id)
      expect(entryNamed('sem')?.id).toBe(bySem?.id)
    })

    it('puts TEM and 透射电镜 together', () => {
      const byTem = entryNamed('TEM')
      expect(byTem).toBeDefined()
      expect(byTem?.zh).toBe('透射电子显微镜')
      expect(entryNamed('透射电镜')?.id).toBe(byTem?.id)
    })

    it('keeps SEM and TEM apart', () => {
      expect(entryNamed('SEM')?.id).not.toBe(entryNamed('TEM')?.id)
    })

    it('makes 电镜 a broader term of both SEM and TEM and a name of neither', () => {
      expect(entryNamed('SEM')?.broader).toContain('电镜')
      expect(entryNamed('TEM')?.broader).toContain('电镜')
      expect(owners.has('电镜')).toBe(false)
    })

    it('keeps shared colloquial words under broader, not as names', () => {
      // ICP alone means either ICP-OES or ICP-MS; 3D打印 covers every additive process.
      for (const word of [
        'ICP',
        '3D打印',
        '色谱',
        '质谱',
        '光谱仪',
        'PCR',
        '测序',
        '光刻',
        '热分析',
        '力学测试',
        '键合机',
        '老化箱',
        '离心机',
      ]) {
        expect(owners.has(key(word)), word).toBe(false)
        expect(
          types.filter((t) => t.broader.some((b) => key(b) === key(word))).length,
          word,
        ).toBeGreaterThanOrEqual(2)
      }
    })

    it('marks abbreviations shared by several types as ambiguous: a broader term of each', () => {
      // ICP: ICP-OES or ICP-MS; OES: ICP-OES or spark OES; EDM: sinker or wire EDM.
      const ambiguous: Record<string, string[]> = {
        ICP: ['icp-oes', 'icp-ms'],
        OES: ['icp-oes', 'spark-oes'],
        EDM: ['edm', 'wire-edm'],
        CVD: ['pecvd', 'tube-cvd'],
        PVD: ['magnetron-sputtering', 'evaporator'],
      }
      for (const [abbreviation, ids] of Object.entries(ambiguous)) {
        expect(owners.has(key(abbreviation)), abbreviation).toBe(false)
        expect(entriesReachedBy(abbreviation, 'broader'), abbreviation).toEqual(
          expect.arrayContaining(ids),
        )
      }
    })

    it('keeps confusable neighbours apart, each with its own names', () => {
      const pairs: [string, string][] = [
        ['HPLC', 'UPLC'],
        ['高效液相', '制备液相'],
        ['高低温箱', '湿热箱'],
        ['SLA', 'DLP'],
        ['电火花成型机', '线切割'],
        ['生物反应器', '中试生物反应器'],
        ['发酵罐', '中试发酵罐'],
        ['TGA', 'TMA'],
        ['晶圆键合机', '引线键合机'],
        ['凝胶成像系统', '化学发光成像系统'],
        ['共聚焦', '荧光显微镜'],
      ]
      for (const [a, b] of pairs) {
        expect(entryNamed(a), a).toBeDefined()
        expect(entryNamed(b), b).toBeDefined()
        expect(entryNamed(a)?.id, `${a} / ${b}`).not.toBe(entryNamed(b)?.id)
      }
    })

    it('resolves new colloquial forms to the right entry', () => {
      const expected: Record<string, string> = {
        超高效液相: 'uplc',
        制备液相: 'prep-hplc',
        高低温箱: 'temperature-chamber',
        恒温恒湿箱: 'climate-chamber',
        老化房: 'thermal-aging-oven',
        静电枪: 'esd-generator',
        浪涌发生器: 'surge-generator',
        内阻仪: 'battery-resistance',
        慢走丝: 'wire-edm',
        层析系统: 'protein-purification',
        超滤: 'tff',
        灌装线: 'filling-line',
        划片机: 'dicing-saw',
        匀胶机: 'spin-coater',
        直读光谱: 'spark-oes',
        喷金仪: 'sputter-coater',
        旋蒸: 'rotary-evaporator',
        网分: 'vna',
        箱式炉: 'muffle-furnace',
      }
      for (const [name, id] of Object.entries(expected)) {
        expect(entryNamed(name)?.id, name).toBe(id)
      }
    })

    it('leads common mistypes one way to the right entry', () => {
      const expected: Record<string, string> = {
        扫瞄电镜: 'sem',
        液相色普: 'hplc',
        原子力显微境: 'afm',
        马福炉: 'muffle-furnace',
        震动台: 'vibration-table',
        三座标: 'cmm',
      }
      for (const [variant, id] of Object.entries(expected)) {
        expect(owners.has(key(variant)), variant).toBe(false)
        expect(entriesReachedBy(variant, 'variants'), variant).toEqual([id])
      }
    })

    it('finds the right entry by what people need done', () => {
      // 比表面积 is a name of the BET analyser; the others are purposes.
      expect(entriesFoundBy('比表面积')).toEqual(['bet'])
      expect(entriesFoundBy('拉伸试验')).toContain('universal-testing-machine')
      expect(entriesFoundBy('物相分析')).toContain('xrd')
      expect(entriesFoundBy('孔径分布')).toContain('bet')
      expect(entriesFoundBy('循环寿命')).toContain('battery-cycler')
      expect(entriesFoundBy('耐盐雾')).toContain('salt-spray')
    })

    it('shares a purpose between the types that all do it', () => {
      expect(entriesFoundBy('元素分析')).toEqual(
        expect.arrayContaining(['icp-oes', 'icp-ms', 'xrf', 'eds', 'aas']),
      )
      expect(entriesFoundBy('元素分析')).not.toContain('sem')
    })

    it('resolves common colloquial forms to the right entry', () => {
      const expected: Record<string, string> = {
        核磁: '核磁共振波谱仪',
        液相: '高效液相色谱仪',
        气相: '气相色谱仪',
        气质: '气相色谱-质谱联用仪',
        液质: '液相色谱-质谱联用仪',
        三坐标: '三坐标测量机',
        万能机: '万能材料试验机',
        'GC-MS': '气相色谱-质谱联用仪',
        'ICP-MS': '电感耦合等离子体质谱仪',
        XRD: 'X射线衍射仪',
        HPLC: '高效液相色谱仪',
        CNC: '数控加工中心',
      }
      for (const [name, zh] of Object.entries(expected)) {
        expect(entryNamed(name)?.zh, name).toBe(zh)
      }
    })
  })
})
