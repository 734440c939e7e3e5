// Help for a search that found nothing: the vocabulary types whose names come closest to the
// query (character bigrams for Chinese, edit distance for Latin letters, variant and broader
// terms as well), and broader queries worth trying instead. Pure, so it can be tested alone.
import { nameKey } from '../app/domains/equipment/type-names.ts'
import {
  instrumentGroup,
  instrumentGroups,
  instrumentTypes,
  namesOf,
  type VocabularyEntry,
} from './vocabulary.ts'

const MIN_SCORE = 0.4
const EXACT_FLOOR = 0.75

const latinWords = (s: string) => s.match(/[a-z0-9][a-z0-9+/-]*/g) ?? []

function grams(s: string): string[] {
  if (s.length < 2) return s ? [s] : []
  const out: string[] = []
  for (let i = 0; i < s.length - 1; i++) out.push(s.slice(i, i + 2))
  return out
}

/** Sørensen–Dice similarity of two Chinese strings over character bigrams (0 to 1). */
export function bigramDice(a: string, b: string): number {
  return dice(grams(a), grams(b))
}

function dice(ga: string[], gb: string[]): number {
  if (ga.length === 0 || gb.length === 0) return 0
  const pool = new Map<string, number>()
  for (const g of gb) pool.set(g, (pool.get(g) ?? 0) + 1)
  let shared = 0
  for (const g of ga) {
    const n = pool.get(g) ?? 0
    if (n > 0) {
      shared++
      pool.set(g, n - 1)
    }
  }
  return (2 * shared) / (ga.length + gb.length)
}

/** Sørensen–Dice similarity over single characters, for typos that break every bigram. */
function charDice(a: string, b: string): number {
  return dice([...a], [...b])
}

/** Edit distance counting a swap of neighbours as one edit (SME → SEM is one typo). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  const at = (i: number, j: number) => d[i]?.[j] ?? Number.POSITIVE_INFINITY
  for (let i = 1; i <= a.length; i++) {
    const row = d[i]
    if (!row) continue
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1)
      row[j] = best
    }
  }
  return at(a.length, b.length)
}

function latinSimilarity(a: string, b: string): number {
  if (!a || !b) return 0
  const longest = Math.max(a.length, b.length)
  // A short abbreviation one letter off is a different abbreviation as often as a typo (SEM,
  // TEM): below four letters only a swap or a single edit of three letters counts.
  const d = editDistance(a, b)
  if (longest <= 3) return d === 0 ? 1 : d === 1 && longest === 3 ? 0.6 : 0
  return 1 - d / longest
}

/** How close a query comes to one name of a type, 0 to 1. */
function nameScore(query: string, name: string): number {
  const q = nameKey(query)
  const n = nameKey(name)
  if (!q || !n) return 0
  if (q === n) return 1
  let best = 0
  if (/\p{Script=Han}/u.test(q) && /\p{Script=Han}/u.test(n)) {
    const qs = q.replace(/\s+/g, '')
    const ns = n.replace(/\s+/g, '')
    // Bigrams see word order; single characters catch a typo in every other character
    // (扫瞄电境 for 扫描电镜), at a discount since they also meet unrelated names.
    best = Math.max(best, bigramDice(qs, ns), 0.85 * charDice(qs, ns))
    // One contains the other: a name typed in part (扫描), or a name inside a longer query
    // (场发射扫描电镜 Gemini 999). A name typed from its start comes before one met inside.
    const shorter = Math.min(qs.length, ns.length)
    const ratio = shorter / Math.max(qs.length, ns.length)
    if (shorter >= 2 && (ns.startsWith(qs) || qs.startsWith(ns)))
      best = Math.max(best, 0.65 + 0.35 * ratio)
    else if (shorter >= 2 && (ns.includes(qs) || qs.includes(ns)))
      best = Math.max(best, 0.6 + 0.3 * ratio)
  }
  const qw = latinWords(q)
  const nw = latinWords(n)
  if (qw.length && nw.length) {
    best = Math.max(best, latinSimilarity(qw.join(' '), nw.join(' ')))
    // A word of the query against a one-word name (an abbreviation), and a typed word against
    // the words of an English name, worth less than the whole name.
    for (const w of qw) {
      if (nw.length === 1) best = Math.max(best, latinSimilarity(w, nw[0] ?? '') * 0.95)
      else if (w.length >= 5)
        for (const x of nw) if (x.length >= 5) best = Math.max(best, latinSimilarity(w, x) * 0.7)
    }
  }
  return best
}

/** How close a query comes to a type: its own names, its variant writings, its broader terms. */
export function typeScore(query: string, entry: VocabularyEntry): number {
  let best = 0
  for (const name of namesOf(entry)) best = Math.max(best, nameScore(query, name))
  // A variant writing is itself a slip (气象色谱 for 气相色谱): a query near it comes second to
  // one as near a real name (液象色谱 is the HPLC, not the GC).
  for (const variant of entry.variants) best = Math.max(best, nameScore(query, variant) * 0.9)
  // A broader term finds every type under it, none of them first.
  for (const term of entry.broader) best = Math.max(best, nameScore(query, term) * 0.8)
  return best
}

/** Up to `limit` vocabulary types closest to the query, closest first. */
export function closestTypes(
  query: string,
  limit = 5,
  entries: readonly VocabularyEntry[] = instrumentTypes,
): VocabularyEntry[] {
  if (!nameKey(query)) return []
  const scored = entries.map((entry, order) => ({ entry, order, score: typeScore(query, entry) }))
  // A query that is a type's name exactly wants that type, not the names that look like it.
  const floor = scored.some((s) => s.score === 1) ? EXACT_FLOOR : MIN_SCORE
  return scored
    .filter((s) => s.score >= floor)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, limit)
    .map((s) => s.entry)
}

// Every word the vocabulary knows, longest first, for finding the known part of a longer query.
const knownWords = [
  ...new Set(
    [
      ...instrumentTypes.flatMap((t) => [...namesOf(t), ...t.broader]),
      ...instrumentGroups.flatMap((g) => [g.zh, g.en]),
    ].filter((w) => w.length >= 2),
  ),
].sort((a, b) => b.length - a.length)

/**
 * Broader queries to try when a query found nothing, most specific first: the longest word of
 * the query the vocabulary knows (场发射扫描电镜 in "场发射扫描电镜 Gemini 999"), then the broader
 * term and the group of the closest type (电镜, 显微分析).
 */
export function broaderQueries(query: string, closest: readonly VocabularyEntry[]): string[] {
  const q = nameKey(query)
  const out: string[] = []
  const known = knownWords.find((w) => {
    const k = nameKey(w)
    if (k === q || !q.includes(k)) return false
    // A Latin word must stand alone in the query: SEM is not a word of "SEMIcon".
    return (
      /\p{Script=Han}/u.test(k) ||
      new RegExp(`(^|[^a-z0-9])${k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^a-z0-9])`).test(q)
    )
  })
  if (known) out.push(known)
  const first = closest[0]
  if (first) {
    const broader = first.broader[0]
    if (broader) out.push(broader)
    const group = instrumentGroup(first.group)
    if (group) out.push(group.zh)
  }
  return [...new Set(out)].filter((w) => nameKey(w) !== q)
}
