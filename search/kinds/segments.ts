// Segment codes of a document at both levels, and their names as search words.
import { segmentName } from '../../app/domains/spaces/segments.ts'

export function segmentFields(codes: readonly string[]) {
  const segments2 = [...new Set(codes.filter((c) => c.includes('.')))]
  const segments1 = [...new Set(codes.map((c) => c.split('.')[0] ?? c))]
  const names = [...segments1, ...segments2].flatMap((c) => [
    segmentName(c, 'zh-CN'),
    segmentName(c, 'en'),
  ])
  return { segments1, segments2, names }
}
