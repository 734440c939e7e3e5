// Splits text into words for the Postgres fallback: Chinese has no spaces, so it is segmented
// with Intl.Segmenter; Latin words are lower-cased. The same function serves documents and
// queries, so both sides agree on what a word is.
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' })

export function words(text: string, options: { characters?: boolean } = {}): string[] {
  const out: string[] = []
  for (const part of segmenter.segment(text.normalize('NFKC'))) {
    if (!part.isWordLike) continue
    const w = part.segment.toLowerCase()
    out.push(w)
    // Documents also carry the single Han characters of longer words, so that a query word
    // the segmenter cut differently from the document's text can still meet it.
    if (options.characters && /^\p{Script=Han}{3,}$/u.test(w)) for (const ch of w) out.push(ch)
  }
  return out
}
