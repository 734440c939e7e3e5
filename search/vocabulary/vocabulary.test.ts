// Integrity checks for the controlled vocabulary of instrument and service types that search
// synonyms are generated from. Names (zh, en, abbreviations, short) are two-way synonyms within
// one entry and must never be shared; broader terms are one-way and must never be a name.
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'

interface InstrumentType {
  id: string
  group: string
  zh: string
  en: string
  abbreviations: string[]
  short: string[]
  broader: string[]
  segments: string[]
}

interface Segment {
  code: string
  children?: Segment[]
}

const vocabularyFile = JSON.parse(
  fs.readFileSync(new URL('./instrument-types.json', import.meta.url), 'utf8'),
) as { groups: { id: string; zh: string; en: string }[]; types: InstrumentType[] }
const types = vocabularyFile.types

const segmentFile = JSON.parse(
  fs.readFileSync(new URL('../../app/data/industry-segments.json', import.meta.url), 'utf8'),
) as { segments: Segment[] }

const secondLevelCodes = new Set(
  segmentFile.segments.flatMap((top) => (top.children ?? []).map((child) => child.code)),
)

const CJK = /[\u3400-\u9fff]/

function namesOf(t: InstrumentType): string[] {
  return [t.zh, t.en, ...t.abbreviations, ...t.short]
}

const key = (s: string) => s.trim().toLowerCase()

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

describe('instrument-types vocabulary', () => {
  it('has at least 60 entries', () => {
    expect(Array.isArray(types)).toBe(true)
    expect(types.length).toBeGreaterThanOrEqual(60)
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

  it('has no empty or padded names or broader terms', () => {
    for (const t of types) {
      for (const s of [...namesOf(t), ...t.broader]) {
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
      for (const word of ['ICP', '3D打印', '色谱', '质谱', '光谱仪', 'PCR', '测序', '光刻']) {
        expect(owners.has(key(word)), word).toBe(false)
        expect(
          types.filter((t) => t.broader.some((b) => key(b) === key(word))).length,
          word,
        ).toBeGreaterThanOrEqual(2)
      }
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
