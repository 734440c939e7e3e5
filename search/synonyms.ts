// Synonyms generated from the instrument vocabulary: every name of a type finds the others
// (SEM ↔ 扫描电镜 ↔ 扫描电子显微镜); a broader term finds every type under it, one way only
// (电镜 finds SEM and TEM; SEM does not find TEM).
import { instrumentTypes, namesOf, type VocabularyEntry } from './vocabulary.ts'

/** Meilisearch's synonyms setting: each key maps to the words it also finds. */
export function buildSynonyms(
  entries: readonly VocabularyEntry[] = instrumentTypes,
): Record<string, string[]> {
  const map = new Map<string, Set<string>>()
  const add = (from: string, to: string) => {
    if (from.toLowerCase() === to.toLowerCase()) return
    const set = map.get(from) ?? new Set<string>()
    set.add(to)
    map.set(from, set)
  }
  for (const entry of entries) {
    const names = namesOf(entry)
    for (const a of names) for (const b of names) add(a, b)
    for (const broader of entry.broader) for (const name of names) add(broader, name)
    for (const variant of entry.variants) for (const name of names) add(variant, name)
    for (const purpose of entry.purposes) for (const name of names) add(purpose, name)
  }
  return Object.fromEntries([...map].map(([k, v]) => [k, [...v]]))
}

/** For the Postgres fallback: the query word and every word it also finds. */
export function expandTerm(term: string, synonyms: Record<string, string[]>): string[] {
  const key = Object.keys(synonyms).find((k) => k.toLowerCase() === term.toLowerCase())
  return key ? [term, ...(synonyms[key] ?? [])] : [term]
}
