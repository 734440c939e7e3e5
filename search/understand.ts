// Query understanding: a city, an industry segment or an equipment category named in the words
// of a search ("XRD 苏州", "中试 生物医药") is recognised, applied as a filter when other words
// are left to search for, and otherwise offered as one. Pure, so every caller reads a query alike.
import { segments, type Segment } from '../app/domains/spaces/segments.ts'
import { cities, cityNamed } from './cities.ts'
import { instrumentTypes, namesOf } from './vocabulary.ts'

export type ChipKind = 'city' | 'segment' | 'category'

export type Chip = {
  kind: ChipKind
  /** The filter's value: a city's stored name, a segment code, an equipment category. */
  value: string
  label: { zh: string; en: string }
  /** The words of the query that named it, as typed. */
  word: string
  /** Applied as a filter (shown with a remove link), or only offered (a link applying it). */
  applied: boolean
  /**
   * What the chip's link searches for: the query without these words, with the filter removed
   * (an applied chip) or set (an offered one). Without the words, a removed filter is not
   * applied again from the text.
   */
  link: { q: string; param: ChipKind; value: string | null }
}

export type Understanding = {
  /** The words left to search for once the applied filters are taken out. */
  q: string
  applied: { city?: string; segment?: string }
  chips: Chip[]
}

/** The filters a search already has: a filter chosen by the user is never overridden. */
export type CurrentFilters = {
  city?: string | undefined
  segment?: string | undefined
  category?: string | undefined
  kind?: string | undefined
}

type Term = { kind: ChipKind; value: string; label: { zh: string; en: string } }

/** The equipment categories' names, as chips show them. */
const categoryLabels: Record<string, { zh: string; en: string }> = {
  research: { zh: '科研仪器', en: 'Research instruments' },
  testing_inspection: { zh: '检验检测', en: 'Testing and inspection' },
  small_trial: { zh: '小试', en: 'Small-scale trials' },
  pilot_line: { zh: '中试', en: 'Pilot lines' },
  prototyping: { zh: '模型加工', en: 'Prototyping' },
}

// Equipment categories are offered, never applied: 中试 is as often a word of a listing's text
// as the category it belongs to.
const categoryWords: [string[], string][] = [
  [['中试', '中试线', 'pilot'], 'pilot_line'],
  [['小试'], 'small_trial'],
  [['检验检测', 'testing'], 'testing_inspection'],
]

/**
 * Common ways of naming a segment that are not its catalogue name, reviewed by hand: each maps
 * to the code people mean by it.
 */
const segmentAliases: Record<string, string> = {
  集成电路: '1.2',
  半导体: '1.2',
  芯片: '1.2',
  IC设计: '1.2',
  semiconductor: '1.2',
  semiconductors: '1.2',
  人工智能: '1.5',
  AI: '1.5',
  大数据: '1.4',
  云计算: '1.4',
  智能制造: '2.1',
  工业机器人: '2.1',
  航空航天: '2.2',
  医药: '4.1',
  创新药: '4.1',
  生物医药: '4.1',
  biopharma: '4.1',
  biomedicine: '4.1',
  医疗器械: '4.2',
  医疗设备: '4.2',
  'medical devices': '4.2',
  新能源车: '5',
  电动汽车: '5',
  NEV: '5',
  'new energy vehicles': '5',
  光伏: '6.3',
  风电: '6.2',
  氢能: '6.4',
  储能: '6.4',
  环保: '7.2',
  新材料: '3',
  'new materials': '3',
  工业设计: '8.3',
}

const segmentNodes: Segment[] = segments.flatMap((top) => [top, ...(top.children ?? [])])
const segmentByCode = new Map(segmentNodes.map((s) => [s.code, s]))

// Every name that means one thing, lower-cased, to what it means. Names are matched longest first.
const terms = new Map<string, Term>()
{
  const add = (name: string, term: Term) => {
    const key = name.toLowerCase()
    if (key.length >= 2 && !terms.has(key)) terms.set(key, term)
  }
  for (const c of cities) {
    const term: Term = { kind: 'city', value: c.zh, label: { zh: c.zh, en: c.en } }
    add(c.zh, term)
    add(`${c.zh}市`, term)
  }
  const segmentTerm = (code: string): Term | null => {
    const s = segmentByCode.get(code)
    return s ? { kind: 'segment', value: s.code, label: { zh: s.zh, en: s.en } } : null
  }
  // Catalogue names first (a second-level name wins over an alias), then the names without
  // 产业/业, then the reviewed aliases. "其他…" names are catch-alls nobody types.
  for (const s of segmentNodes) {
    if (s.zh.startsWith('其他')) continue
    const term = segmentTerm(s.code)
    if (!term) continue
    add(s.zh, term)
    add(s.en, term)
  }
  for (const s of segmentNodes) {
    if (s.zh.startsWith('其他')) continue
    const short = s.zh.replace(/产业$|业$/, '')
    const term = segmentTerm(s.code)
    if (term && short !== s.zh && short.length >= 2) add(short, term)
  }
  for (const [alias, code] of Object.entries(segmentAliases)) {
    const term = segmentTerm(code)
    if (term) add(alias, term)
  }
  for (const [names, value] of categoryWords) {
    const label = categoryLabels[value]
    if (label) for (const n of names) add(n, { kind: 'category', value, label })
  }
}
const hanTerms = [...terms.keys()].filter((k) => /^\p{Script=Han}+$/u.test(k))
hanTerms.sort((a, b) => b.length - a.length)

// Whole vocabulary names are instruments, never places or segments (常州 is no part of them,
// but 生物安全柜 starts with 生物): a token that is one is left alone.
const vocabularyNames = new Set(
  instrumentTypes
    .flatMap((t) => [...namesOf(t), ...t.broader, ...t.variants])
    .map((n) => n.toLowerCase()),
)

// A city at the start of a word followed by one of these is part of a name (苏州大学, 苏州纳米所,
// 杭州湾新区), not a filter.
const nameEndings =
  /(大学|学院|学校|研究院|研究所|所|研究中心|中心|实验室|医院|公司|集团|工厂|厂|园区|园|新区|区|县|镇|街道|路|湾|港|站|银行|基金|空间|孵化器)$/u

type Piece = { text: string; term?: Term }

const leadingRun = /^\p{Script=Han}+/u
const trailingRun = /\p{Script=Han}+$/u

/**
 * Splits a token into the names it starts or ends with and what is left between them: a name is
 * read at either end of a run of Chinese ("苏州XRD", "深圳盐雾试验", "生物医药中试"), never inside
 * one, and never where the rest makes it part of a proper name (苏州大学).
 */
function readToken(token: string): Piece[] {
  const whole = terms.get(token.toLowerCase())
  if (whole) return [{ text: token, term: whole }]
  if (vocabularyNames.has(token.toLowerCase())) return [{ text: token }]
  const head: Piece[] = []
  const tail: Piece[] = []
  let rest = token
  for (let guard = 0; guard < 4 && rest; guard++) {
    const exact = terms.get(rest.toLowerCase())
    if (exact && head.length + tail.length > 0) {
      head.push({ text: rest, term: exact })
      rest = ''
      break
    }
    const lead = leadingRun.exec(rest)?.[0]
    const atStart =
      lead && !vocabularyNames.has(lead)
        ? hanTerms.find((t) => lead.startsWith(t) && acceptsAtStart(t, lead.slice(t.length)))
        : undefined
    if (atStart) {
      head.push({ text: atStart, term: terms.get(atStart) })
      rest = rest.slice(atStart.length)
      continue
    }
    const trail = trailingRun.exec(rest)?.[0]
    const atEnd =
      trail && !vocabularyNames.has(trail)
        ? hanTerms.find((t) => trail.endsWith(t) && acceptsAtEnd(t, trail.slice(0, -t.length)))
        : undefined
    if (atEnd) {
      tail.unshift({ text: atEnd, term: terms.get(atEnd) })
      rest = rest.slice(0, -atEnd.length)
      continue
    }
    break
  }
  return [...head, ...(rest ? [{ text: rest }] : []), ...tail]
}

/** A name at the start of a run of Chinese, `after` being the rest of the run. */
function acceptsAtStart(name: string, after: string): boolean {
  const term = terms.get(name)
  if (!term) return false
  if (after === '' || vocabularyNames.has(after.toLowerCase())) return true
  if (nameEndings.test(after)) return false
  // A segment or category glued to other words must be long enough not to be a word's start.
  return term.kind === 'city' || name.length >= 4
}

/** A name at the end of a run of Chinese, `before` being the start of the run. */
function acceptsAtEnd(name: string, before: string): boolean {
  const term = terms.get(name)
  if (!term) return false
  if (before === '' || vocabularyNames.has(before.toLowerCase())) return true
  if (term.kind === 'city') return before.length >= 2
  return name.length >= 4 || term.kind === 'category'
}

const LATIN_PHRASE_WORDS = 3
// Phrase lengths of the vocabulary's names, longest first.
const VOCABULARY_PHRASE_WORDS = [
  ...new Set([...vocabularyNames].map((n) => n.split(/\s+/).length)),
].sort((a, b) => b - a)

/** Reads a query into pieces: the words as typed, each name recognised marked with its meaning. */
function readQuery(q: string): Piece[][] {
  const tokens = q.split(/\s+/).filter(Boolean)
  const out: Piece[][] = []
  for (let i = 0; i < tokens.length; i++) {
    // English names of segments have several words ("medical devices").
    // An instrument's name of several words ("semiconductor parameter analyzer") is kept whole.
    const instrument = VOCABULARY_PHRASE_WORDS.find(
      (n) =>
        n > 1 &&
        vocabularyNames.has(
          tokens
            .slice(i, i + n)
            .join(' ')
            .toLowerCase(),
        ),
    )
    if (instrument) {
      out.push([{ text: tokens.slice(i, i + instrument).join(' ') }])
      i += instrument - 1
      continue
    }
    let phrase: Piece[] | null = null
    for (let n = LATIN_PHRASE_WORDS; n >= 2; n--) {
      const words = tokens.slice(i, i + n)
      if (words.length < n || !words.every((w) => /^[\p{Script=Latin}'-]+$/u.test(w))) continue
      const term = terms.get(words.join(' ').toLowerCase())
      if (term) {
        phrase = [{ text: words.join(' '), term }]
        i += n - 1
        break
      }
    }
    if (phrase) {
      out.push(phrase)
      continue
    }
    const token = tokens[i] ?? ''
    const city = /\p{Script=Han}/u.test(token) ? undefined : cityNamed(token)
    if (city)
      out.push([
        {
          text: token,
          term: { kind: 'city', value: city.zh, label: { zh: city.zh, en: city.en } },
        },
      ])
    else out.push(readToken(token))
  }
  return out
}

function join(tokens: Piece[][], skip: (p: Piece) => boolean): string {
  return tokens
    .map((pieces) =>
      pieces
        .filter((p) => !skip(p))
        .map((p) => p.text)
        .join(' ')
        .trim(),
    )
    .filter(Boolean)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * Understands a query against the filters the search already has. A city or segment is applied
 * when the query names exactly one of its kind, the user has not chosen that filter, and other
 * words are left to search for; a query that is only names stays a text search with the filters
 * offered. Category words are only ever offered.
 */
export function understand(q: string, current: CurrentFilters = {}): Understanding {
  const tokens = readQuery(q)
  const named = tokens.flat().filter((p): p is Piece & { term: Term } => p.term !== undefined)
  const typed = q.trim().replace(/\s+/g, ' ')
  if (named.length === 0) return { q: typed, applied: {}, chips: [] }

  const valuesOf = (kind: ChipKind) => [
    ...new Set(named.filter((p) => p.term.kind === kind).map((p) => p.term.value)),
  ]
  const applying = new Set<ChipKind>()
  for (const kind of ['city', 'segment'] as const)
    if (!current[kind] && valuesOf(kind).length === 1) applying.add(kind)
  const left = join(tokens, (p) => p.term !== undefined && applying.has(p.term.kind))
  if (left === '') applying.clear()
  const effectiveQ = applying.size ? left : typed

  const chips: Chip[] = []
  const seen = new Set<string>()
  for (const piece of named) {
    const { term } = piece
    const key = `${term.kind}:${term.value}`
    if (seen.has(key)) continue
    seen.add(key)
    const applied = applying.has(term.kind)
    // Offering a filter the search already has, or a category to a search of another kind,
    // would change nothing.
    if (!applied && term.kind !== 'category' && current[term.kind]) continue
    if (
      term.kind === 'category' &&
      (current.category || (current.kind && current.kind !== 'equipment'))
    )
      continue
    const sameTerm = (p: Piece) => p.term?.kind === term.kind && p.term.value === term.value
    chips.push({
      kind: term.kind,
      value: term.value,
      label: term.label,
      word: piece.text,
      applied,
      link: {
        q: applied
          ? effectiveQ
          : join(tokens, (p) => sameTerm(p) || (p.term !== undefined && applying.has(p.term.kind))),
        param: term.kind,
        value: applied ? null : term.value,
      },
    })
  }
  const applied: Understanding['applied'] = {}
  const city = applying.has('city') ? valuesOf('city')[0] : undefined
  const segment = applying.has('segment') ? valuesOf('segment')[0] : undefined
  if (city) applied.city = city
  if (segment) applied.segment = segment
  return { q: effectiveQ, applied, chips }
}

/**
 * A search's parameters with its query understood: the applied filters set and their words
 * taken out of the text. The one entry point of the search page, a space's search and the API.
 */
export function withUnderstanding<P extends CurrentFilters & { q: string }>(
  params: P,
): { params: P; understanding: Understanding } {
  const understanding = understand(params.q, params)
  return {
    params: { ...params, q: understanding.q, ...understanding.applied },
    understanding,
  }
}
