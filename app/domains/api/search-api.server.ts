// The public search API's parameters and answer. Parameters are strict here (unlike the page,
// which forgives): a bad one is a 400 naming it.
import { z } from 'zod'
import { offeringKinds } from '../../../search/document.ts'
import type { SearchResult } from '../../../search/query.server.ts'

export const ApiSearchSchema = z
  .object({
    q: z.string().trim().max(100).default(''),
    kind: z.enum(offeringKinds).optional(),
    segment: z
      .string()
      .regex(/^\d{1,2}(\.\d{1,2})?$/, { message: 'a segment code such as 3 or 3.6' })
      .optional(),
    city: z.string().trim().min(1).max(30).optional(),
    space: z.string().trim().min(1).max(60).optional(),
    sort: z.enum(['relevance', 'newest']).default('relevance'),
    page: z.coerce.number().int().min(1).max(100).default(1),
    per_page: z.coerce.number().int().min(1).max(50).default(20),
  })
  .strict()

export function toApiAnswer(result: SearchResult, origin: string) {
  const plain = (parts: { text: string }[]) => parts.map((p) => p.text).join('')
  const marked = (parts: { text: string; mark: boolean }[]) =>
    parts.filter((p) => p.mark).map((p) => p.text)
  return {
    hits: result.hits.map((h) => ({
      kind: h.kind,
      id: h.id,
      title: plain(h.title),
      title_en: h.titleEn,
      url: `${origin}${h.url}`,
      summary: plain(h.summary),
      highlights: { title: marked(h.title), summary: marked(h.summary) },
      facts: { ...h.facts, city: h.city, segments: h.segments2 },
    })),
    facets: result.facets,
    total: result.total,
    page: result.page,
    total_pages: result.totalPages,
    degraded: result.degraded,
  }
}
