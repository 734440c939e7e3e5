// The controlled vocabulary of instrument and service types (search/vocabulary/
// instrument-types.json, reviewed data): what a listing chooses as its type, what search
// synonyms are generated from, and what query understanding and suggestions match against.
// Plain data and pure functions, so the browser may import it as well as the server.
import type { TypeGroup, TypeNames } from '../app/domains/equipment/type-names.ts'
import vocabulary from './vocabulary/instrument-types.json'

export type VocabularyGroup = TypeGroup

/** A type's names (TypeNames: what the picker in the browser knows of it) and the rest. */
export type VocabularyEntry = TypeNames & {
  /**
   * Broader terms, found one way: the term finds this type, this type's names do not find the
   * term's other types. Ambiguous abbreviations (ICP: ICP-OES or ICP-MS) are kept here.
   */
  broader: string[]
  /**
   * Variant and commonly mistyped writings (扫瞄电镜, 色普): found one way, like a broader term,
   * but never shown as a name.
   */
  variants: string[]
  /**
   * What people say they want done when they mean this type: measurands, tests and sample work
   * (比表面积, 拉伸试验, 物相分析). One way, like a broader term, and shared freely between types.
   */
  purposes: string[]
  /** Second-level industry segment codes the type serves. */
  segments: string[]
}

export const instrumentGroups: VocabularyGroup[] = vocabulary.groups
export const instrumentTypes: VocabularyEntry[] = vocabulary.types

const byId = new Map(instrumentTypes.map((t) => [t.id, t]))

export function instrumentType(id: string | null | undefined): VocabularyEntry | undefined {
  return id ? byId.get(id) : undefined
}

export function instrumentGroup(id: string): VocabularyGroup | undefined {
  return instrumentGroups.find((g) => g.id === id)
}

export { namesOf } from '../app/domains/equipment/type-names.ts'
