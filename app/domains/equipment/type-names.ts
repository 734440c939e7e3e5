// An instrument type's names as the listing form's picker knows them, and how typed text is
// matched back to a type. Pure and free of the vocabulary file itself: the browser gets the
// names through the loader, the server passes the vocabulary (search/type-match.ts), and both
// resolve with the same code.

/** What the picker needs of a vocabulary type (search/vocabulary.ts has the full entry). */
export type TypeNames = {
  id: string
  /** The parent group, an id from the vocabulary's groups. */
  group: string
  /** Canonical Chinese name. */
  zh: string
  en: string
  /** Latin-letter abbreviations that mean this type alone. */
  abbreviations: string[]
  /** Short and colloquial Chinese forms that mean this type alone. */
  short: string[]
}

export type TypeGroup = { id: string; zh: string; en: string }

/** Every name that means this type alone: canonical, English, abbreviations, short forms. */
export function namesOf(t: TypeNames): string[] {
  return [t.zh, t.en, ...t.abbreviations, ...t.short]
}

/** Width-folded (full-width letters and brackets become ASCII), lower-cased, spaces collapsed. */
export function nameKey(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()
}

/** The picker's label: 扫描电子显微镜（SEM） in Chinese, Scanning electron microscope (SEM) in English. */
export function typeLabel(t: Pick<TypeNames, 'zh' | 'en' | 'abbreviations'>, lng: string): string {
  const abbreviation = t.abbreviations[0]
  if (lng === 'en') {
    // English names are kept in running-text case; a label starts with a capital.
    const en = t.en.charAt(0).toUpperCase() + t.en.slice(1)
    return abbreviation ? `${en} (${abbreviation})` : en
  }
  return abbreviation ? `${t.zh}（${abbreviation}）` : t.zh
}

const resolvers = new WeakMap<readonly TypeNames[], Map<string, TypeNames | null>>()

function indexOf(types: readonly TypeNames[]): Map<string, TypeNames | null> {
  const cached = resolvers.get(types)
  if (cached) return cached
  const map = new Map<string, TypeNames | null>()
  for (const t of types)
    for (const name of namesOf(t)) {
      const key = nameKey(name)
      const seen = map.get(key)
      // A name two types share means neither: the vocabulary's check forbids it, this guards it.
      map.set(key, seen === undefined || seen?.id === t.id ? t : null)
    }
  resolvers.set(types, map)
  return map
}

/**
 * The type one of whose names (Chinese, English, abbreviation, short form) the text is, ignoring
 * case and width; a trailing bracketed part (the picker's "（SEM）") may be there or not.
 */
export function resolveIn<T extends TypeNames>(types: readonly T[], input: string): T | undefined {
  const index = indexOf(types)
  const text = input.normalize('NFKC').trim()
  const stripped = text.replace(/\s*\([^()]*\)$/, '')
  for (const candidate of [text, stripped]) {
    const found = index.get(nameKey(candidate))
    if (found) return found as T
  }
  return undefined
}

/**
 * The types a typed fragment matches, best first, at most `limit`: a name equal to it, then an
 * abbreviation or Chinese name beginning with it, then a whole word of the English name, then
 * an English word beginning with it, then a name containing it. Two or three Latin letters begin
 * or sit inside too many English words (SEM in semiconductor, semi-anechoic) to count there;
 * inside an abbreviation (FIB-SEM) they do. The picker and the search box's suggestions both
 * read types through this one function.
 */
export function matchTypes<T extends TypeNames>(
  types: readonly T[],
  typed: string,
  limit = Infinity,
): T[] {
  const q = nameKey(typed.normalize('NFKC').replace(/\s*[(（][^()（）]*[)）]\s*$/, ''))
  if (q === '') return types.slice(0, limit)
  const longEnough = q.length >= 4
  const rank = (t: T): number => {
    let best = Infinity
    const fields: [string[], 'abbreviation' | 'zh' | 'en'][] = [
      [t.abbreviations, 'abbreviation'],
      [[t.zh, ...t.short], 'zh'],
      [[t.en], 'en'],
    ]
    for (const [names, field] of fields)
      for (const raw of names) {
        const name = nameKey(raw)
        const words = name.split(/[\s/-]+/)
        if (name === q) best = Math.min(best, 0)
        else if (field !== 'en' && name.startsWith(q))
          best = Math.min(best, field === 'abbreviation' ? 1 : 2)
        else if (field === 'en' && words.includes(q)) best = Math.min(best, 3)
        else if (field === 'en' && longEnough && words.some((w) => w.startsWith(q)))
          best = Math.min(best, 4)
        else if (name.includes(q) && (field !== 'en' || longEnough))
          best = Math.min(best, field === 'abbreviation' ? 3.5 : 5)
      }
    return best
  }
  return types
    .map((t, order) => ({ t, order, rank: rank(t) }))
    .filter((r) => Number.isFinite(r.rank))
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .slice(0, limit)
    .map((r) => r.t)
}
