// An instrument type's names as the listing form's picker knows them, and how typed text is
// matched back to a type. Pure and free of the vocabulary file itself: the browser gets the
// names through the loader, the server passes the vocabulary (search/type-match.ts), and both
// resolve with the same code.

/** What the picker needs of a vocabulary type (search/vocabulary.ts has the full entry). */
export type TypeNames = {
  id: string
  group: string
  zh: string
  en: string
  abbreviations: string[]
  short: string[]
}

export type TypeGroup = { id: string; zh: string; en: string }

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
    for (const name of [t.zh, t.en, ...t.abbreviations, ...t.short]) {
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
