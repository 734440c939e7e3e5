// The offerings index's settings, in code and applied idempotently at start and on reindex.
import type { Settings } from 'meilisearch'
import { buildSynonyms } from './synonyms.ts'

/** The index's name: one per deployment; tests give each worker its own. */
export function offeringsIndex(): string {
  return process.env.MEILISEARCH_INDEX || 'offerings'
}

export function offeringsSettings(): Settings {
  return {
    // In order of importance: a match in the title outranks one in the description.
    searchableAttributes: ['title', 'types', 'titleEn', 'keywords', 'summary', 'city'],
    // Short Chinese text can otherwise be taken for Japanese.
    localizedAttributes: [
      {
        attributePatterns: ['title', 'types', 'summary', 'keywords', 'city'],
        locales: ['cmn', 'eng'],
      },
      { attributePatterns: ['titleEn'], locales: ['eng'] },
    ],
    filterableAttributes: [
      'kind',
      'typeIds',
      'segments1',
      'segments2',
      'city',
      'status',
      'spaces',
      'priceKind',
      'price',
      'category',
      'accredited',
      'serviceModes',
      'vouchersAccepted',
      'challengeType',
      'ipTerms',
      'awardMinFen',
      'awardMaxFen',
      'deadline',
      'stage',
    ],
    // priceKind sorts first under a price sort, so an hour is never ranked against a sample.
    sortableAttributes: ['createdAt', 'priceKind', 'price', 'deadline', 'awardMaxFen'],
    displayedAttributes: ['*'],
    faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'count' } },
    // Facet values are listed, never searched: not building their search index makes every
    // document write cheaper, which is what index lag is made of.
    facetSearch: false,
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 9 } },
    rankingRules: [
      'words',
      'typo',
      'proximity',
      'attribute',
      'sort',
      'exactness',
      'standing:desc',
      'createdAt:desc',
    ],
    synonyms: buildSynonyms(),
    pagination: { maxTotalHits: 5000 },
  }
}
