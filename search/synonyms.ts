// Synonyms generated from the instrument vocabulary: every name of a type finds the others
// (SEM ↔ 扫描电镜 ↔ 扫描电子显微镜), in documents of every kind. The one-way words (broader
// terms such as 电镜, variant writings, purposes) are not synonyms: a listing's document carries
// them (search/type-match.ts, typeSearchNames), so 电镜 finds SEM and TEM while SEM never
// reaches TEM, a word of four or more Chinese words still matches (Meilisearch applies a synonym
// only to runs of up to three), and queries stay fast (each synonym is expanded at query time;
// measured in bench/relevance.ts).
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
  }
  return Object.fromEntries([...map].map(([k, v]) => [k, [...v]]))
}

/** For the Postgres fallback: the query word and every word it also finds. */
export function expandTerm(term: string, synonyms: Record<string, string[]>): string[] {
  const key = Object.keys(synonyms).find((k) => k.toLowerCase() === term.toLowerCase())
  return key ? [term, ...(synonyms[key] ?? [])] : [term]
}
