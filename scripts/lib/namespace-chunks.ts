// Where the production build put each language × namespace of the catalogue: the client entry
// maps `./i18n/locales/<lng>/<ns>.json` to a chunk it imports on demand (import.meta.glob). Read
// from the entry's source by the page benchmark and by the string-loading browser test.
const ENTRY_MAP =
  /"\.\/i18n\/locales\/([\w-]+)\/([\w-]+)\.json":\s*\(\)\s*=>[^"]*?import\("\.\/([^"]+\.js)"\)/g

/** `lng/ns` → the chunk's URL (`/assets/…js`), from the client entry's source. */
export function namespaceChunksOf(entrySource: string): Map<string, string> {
  const chunks = new Map<string, string>()
  for (const m of entrySource.matchAll(ENTRY_MAP)) chunks.set(`${m[1]}/${m[2]}`, `/assets/${m[3]}`)
  return chunks
}
