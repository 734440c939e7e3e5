// Every word of the vocabulary finds its type in the real Meilisearch, with the product's
// settings. Meilisearch cuts Chinese into words and applies a synonym only to runs of up to three
// of them, so a long variant (扫描电子显微境) or a word inside a longer one (色谱 in 气相色谱) can
// miss a title; a listing's document therefore carries its type's every word (types field).
// This check asks for each word with every query word required, the strictest reading.
import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { meili } from '../../search/client.server.ts'
import { confirm } from '../../search/sync.server.ts'
import { offeringsSettings } from '../../search/settings.ts'
import { typeSearchNames } from '../../search/type-match.ts'
import { instrumentTypes, namesOf } from '../../search/vocabulary.ts'
import { must } from '../support/must.ts'

const uid = `vocabulary-${crypto.randomUUID()}`
const client = () => must(meili(), 'the Meilisearch binary ships for linux-x64: tests need it')

beforeAll(async () => {
  await confirm(client().createIndex(uid, { primaryKey: 'id' }))
  // Without the names' synonyms, which only add matches: what is checked is that the document
  // alone carries every word, and a query without synonyms to expand is ten times quicker.
  await confirm(
    client()
      .index(uid)
      .updateSettings({ ...offeringsSettings(), synonyms: {} }),
  )
  // One listing per type, titled with its canonical name, as the equipment builder makes it.
  await confirm(
    client()
      .index(uid)
      .addDocuments(
        instrumentTypes.map((t) => ({
          id: t.id,
          kind: 'equipment',
          title: t.zh,
          titleEn: null,
          summary: '',
          types: typeSearchNames(t),
          typeIds: [t.id],
          keywords: [],
          city: '',
          standing: 1,
          createdAt: 0,
        })),
      ),
  )
}, 120_000)

afterAll(async () => {
  await confirm(client().deleteIndex(uid))
})

async function findAll(queries: { q: string }[]): Promise<string[][]> {
  const found: string[][] = []
  for (let i = 0; i < queries.length; i += 100) {
    const { results } = await client().multiSearch({
      queries: queries.slice(i, i + 100).map(({ q }) => ({
        indexUid: uid,
        q,
        matchingStrategy: 'all' as const,
        limit: 1000,
        attributesToRetrieve: ['id'],
      })),
    })
    found.push(...results.map((r) => r.hits.map((h) => String(h.id))))
  }
  return found
}

describe('the vocabulary in the index', () => {
  it('finds each type by each of its names, broader terms, variant writings and purposes', async () => {
    const asked = instrumentTypes.flatMap((t) =>
      [...namesOf(t), ...t.broader, ...t.variants, ...t.purposes].map((q) => ({ q, id: t.id })),
    )
    expect(asked.length).toBeGreaterThan(3000)
    const found = await findAll(asked)
    const missed = asked.filter((a, i) => !found[i]?.includes(a.id)).map((a) => `${a.id} «${a.q}»`)
    expect(missed).toEqual([])
  }, 120_000)

  it('keeps narrower names one way: 电镜 finds SEM and TEM, SEM does not find TEM', async () => {
    const [broad, sem, tem] = await findAll([{ q: '电镜' }, { q: 'SEM' }, { q: '透射电镜' }])
    expect(broad).toEqual(expect.arrayContaining(['sem', 'tem']))
    expect(sem).toContain('sem')
    expect(sem).not.toContain('tem')
    expect(tem).toContain('tem')
    expect(tem).not.toContain('sem')
  })
})
