// Recognising the vocabulary's instrument types: in free text (a listing's title, a challenge's
// summary) and in what an owner typed into the type picker. Also the one place that says which
// words of a type go into a document's `types` field.
import {
  nameKey,
  resolveIn,
  type TypeGroup,
  type TypeNames,
} from '../app/domains/equipment/type-names.ts'
import { instrumentGroups, instrumentTypes, namesOf, type VocabularyEntry } from './vocabulary.ts'

/**
 * The words a listing of this type is found by, in its document's `types` field: its names and
 * the one-way words (broader terms, variant writings, purposes). Carried by the document rather
 * than expanded as synonyms, they match however Meilisearch cuts the query into words.
 */
export function typeSearchNames(entry: VocabularyEntry): string[] {
  return [...namesOf(entry), ...entry.broader, ...entry.variants, ...entry.purposes]
}

/**
 * A document's `types` and `typeIds` for the types it is of or mentions, each type's words
 * chosen by `words` (typeSearchNames for a listing of the type, mentionSearchNames otherwise).
 */
export function typeFields(
  types: readonly VocabularyEntry[],
  words: (entry: VocabularyEntry) => string[],
): { types: string[]; typeIds: string[] } {
  return { types: [...new Set(types.flatMap(words))], typeIds: types.map((t) => t.id) }
}

/** At most this many types per text that mentions them, the first named: a text is mostly about those. */
export const MAX_MENTIONED_TYPES = 8

/**
 * The words an offering that mentions a type (a challenge needing 扫描电镜) is found by: the
 * type's names and broader terms, not its purposes, which describe what the instrument does
 * rather than what the challenge is about.
 */
export function mentionSearchNames(entry: VocabularyEntry): string[] {
  return [...namesOf(entry), ...entry.broader]
}

/** The type whose name (any of them, ignoring case, width and a trailing "（…）") the input is. */
export function resolveTypeName(input: string): VocabularyEntry | undefined {
  return resolveIn(instrumentTypes, input)
}

/**
 * What the type picker needs, for a loader to hand to the browser: the names and the group of
 * each type, nothing else of the vocabulary (broader terms, variants and segments stay here).
 */
export function pickerTypes(): { types: TypeNames[]; groups: TypeGroup[] } {
  return {
    types: instrumentTypes.map((t) => ({
      id: t.id,
      group: t.group,
      zh: t.zh,
      en: t.en,
      abbreviations: t.abbreviations,
      short: t.short,
    })),
    groups: instrumentGroups.map((g) => ({ id: g.id, zh: g.zh, en: g.en })),
  }
}

type Matcher = { entry: VocabularyEntry; pattern: RegExp }

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
const han = /\p{Script=Han}/u
const latinEdge = /[A-Za-z0-9]/
// A Latin name must not run on into more letters or digits: SEM is not in SEMI or assembly.
const before = '(?<![A-Za-z0-9])'
const after = '(?![A-Za-z0-9])'

function matcherFor(entry: VocabularyEntry, name: string, kind: 'name' | 'abbreviation'): Matcher {
  const body = escape(name.normalize('NFKC')).replace(/\s+/g, '\\s+')
  if (han.test(name)) {
    // Chinese has no spaces, so a Chinese name is found anywhere; only a Latin end of it
    // (X射线衍射仪, PCR仪) must stand clear of other Latin letters.
    const start = latinEdge.test(name.slice(0, 1)) ? before : ''
    const end = latinEdge.test(name.slice(-1)) ? after : ''
    return { entry, pattern: new RegExp(`${start}${body}${end}`, 'giu') }
  }
  if (kind === 'abbreviation') {
    // Short abbreviations are matched as written: "sem" or "Tem" in running English is a word,
    // not an instrument. Longer ones (HPLC, qPCR) are unmistakable in any case.
    const letters = (name.match(/[A-Za-z]/g) ?? []).length
    return { entry, pattern: new RegExp(`${before}${body}${after}`, letters <= 3 ? 'gu' : 'giu') }
  }
  // An English name is a phrase, in any case, singular or plural.
  return { entry, pattern: new RegExp(`${before}${body}(?:e?s)?${after}`, 'giu') }
}

let matchers: Matcher[] | null = null

function allMatchers(): Matcher[] {
  matchers ??= instrumentTypes.flatMap((entry) => [
    matcherFor(entry, entry.zh, 'name'),
    matcherFor(entry, entry.en, 'name'),
    ...entry.short.map((s) => matcherFor(entry, s, 'name')),
    ...entry.abbreviations.map((a) => matcherFor(entry, a, 'abbreviation')),
  ])
  return matchers
}

type Span = { start: number; end: number; entry: VocabularyEntry }

/**
 * The types whose names occur in the text, in the order they first occur. Where names overlap,
 * the longest wins: 场发射扫描电镜 is SEM alone, X射线荧光光谱仪 is XRF and not also 荧光光谱仪,
 * FIB-SEM is the FIB. Broader terms (电镜) and variant writings are not names and find nothing.
 */
export function typesMentionedIn(text: string, limit = Infinity): VocabularyEntry[] {
  // Every pattern of the vocabulary runs over the text: a page showing a challenge or a
  // campaign would pay for that on each view of the same words. The answer depends on the
  // text alone (the vocabulary is fixed), so recent answers are kept.
  const key = `${limit}\u0000${text}`
  const known = recentMentions.get(key)
  if (known) return [...known]
  const found = findMentions(text, limit)
  if (recentMentions.size >= RECENT_MENTIONS) {
    const oldest = recentMentions.keys().next().value
    if (oldest !== undefined) recentMentions.delete(oldest)
  }
  recentMentions.set(key, found)
  return [...found]
}

const RECENT_MENTIONS = 500
const recentMentions = new Map<string, VocabularyEntry[]>()

function findMentions(text: string, limit: number): VocabularyEntry[] {
  const folded = text.normalize('NFKC')
  if (folded.trim() === '') return []
  const spans: Span[] = []
  for (const { entry, pattern } of allMatchers()) {
    pattern.lastIndex = 0
    for (const m of folded.matchAll(pattern))
      spans.push({ start: m.index, end: m.index + m[0].length, entry })
  }
  spans.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)
  const kept: Span[] = []
  for (const span of spans)
    if (!kept.some((k) => span.start < k.end && k.start < span.end)) kept.push(span)
  kept.sort((a, b) => a.start - b.start)
  const found: VocabularyEntry[] = []
  for (const { entry } of kept) {
    if (found.length >= limit) break
    if (!found.includes(entry)) found.push(entry)
  }
  return found
}

const variantOwner = new Map<string, VocabularyEntry>(
  instrumentTypes.flatMap((t) => t.variants.map((v) => [nameKey(v), t] as const)),
)

/**
 * The types a query names outright: the whole query, or a run of its space-separated words, is
 * a name or a variant writing of the type (SEM, 扫描电镜, scanning electron microscope, 扫瞄电镜).
 * Broader terms (电镜) name no type. Longer runs are read first, so "scanning electron
 * microscope" is one name, not three words.
 */
export function typesNamedBy(q: string): VocabularyEntry[] {
  const words = q.trim().split(/\s+/).filter(Boolean)
  const found: VocabularyEntry[] = []
  for (let i = 0; i < words.length; i++) {
    for (let j = words.length; j > i; j--) {
      const run = words.slice(i, j).join(' ')
      const entry = resolveTypeName(run) ?? variantOwner.get(nameKey(run))
      if (!entry) continue
      if (!found.includes(entry)) found.push(entry)
      i = j - 1
      break
    }
  }
  return found
}
