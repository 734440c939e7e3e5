// The industry segments of 战略性新兴产业分类 (2018), first and second level, as shipped in
// app/data. Every offering and space is tied to these codes.
import data from '../../data/industry-segments.json'
import type { Language } from '../../i18n/config.ts'

export type Segment = { code: string; zh: string; en: string; children?: Segment[] }

export const segments: Segment[] = data.segments

const byCode = new Map<string, Segment>()
for (const top of segments) {
  byCode.set(top.code, top)
  for (const child of top.children ?? []) byCode.set(child.code, child)
}

export const segmentCodes: ReadonlySet<string> = new Set(byCode.keys())

export function segmentName(code: string, lng: Language): string {
  const s = byCode.get(code)
  if (!s) return code
  return lng === 'en' ? s.en : s.zh
}

export function segmentOptions(lng: Language): { value: string; label: string; group: string }[] {
  return segments.flatMap((top) =>
    (top.children ?? []).map((c) => ({
      value: c.code,
      label: lng === 'en' ? c.en : c.zh,
      group: lng === 'en' ? top.en : top.zh,
    })),
  )
}
