// JavaScript a page ships, from the production build: the client entry, then for the page's
// route and each of its parents their module and its static imports (what Remix preloads with
// modulepreload), each file gzipped, summed. A route whose chain pulls the ECharts chunk is a
// dashboard, held to its own budget.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { namespacesElementId } from '../app/i18n/config.ts'
import { namespaceChunksOf } from '../scripts/lib/namespace-chunks.ts'

type ManifestRoute = {
  id: string
  parentId?: string
  path?: string
  module: string
  imports?: string[]
}
type Manifest = {
  entry: { module: string; imports: string[] }
  routes: Record<string, ManifestRoute>
}

export type RouteJs = { route: string; kb: number; dashboard: boolean; files: number }

function readManifest(clientDir: string): Manifest {
  const assets = path.join(clientDir, 'assets')
  const file = fs.readdirSync(assets).find((f) => /^manifest-[\w-]+\.js$/.test(f))
  if (!file) throw new Error(`no Remix manifest in ${assets}`)
  const text = fs.readFileSync(path.join(assets, file), 'utf8')
  const json = text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)
  return JSON.parse(json) as Manifest
}

const gzSizes = new Map<string, number>()

/** A built file's size gzipped at level 9, each file compressed once. */
function gzBytes(clientDir: string, url: string): number {
  const file = path.join(clientDir, url)
  let size = gzSizes.get(file)
  if (size === undefined) {
    size = zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length
    gzSizes.set(file, size)
  }
  return size
}

export function routeJs(clientDir: string): RouteJs[] {
  const manifest = readManifest(clientDir)
  const gz = (url: string) => gzBytes(clientDir, url)
  return Object.values(manifest.routes).map((route) => {
    const files = new Set<string>([manifest.entry.module, ...manifest.entry.imports])
    for (
      let r: ManifestRoute | undefined = route;
      r;
      r = r.parentId ? manifest.routes[r.parentId] : undefined
    ) {
      files.add(r.module)
      for (const i of r.imports ?? []) files.add(i)
    }
    // Charts are imported on demand by the dashboards that draw them: counted there.
    const charts = [...files].flatMap((f) =>
      [...fs.readFileSync(path.join(clientDir, f), 'utf8').matchAll(/echarts[\w-]*\.js/g)].map(
        (m) => `/assets/${m[0]}`,
      ),
    )
    for (const c of charts) files.add(c)
    const bytes = [...files].reduce((sum, f) => sum + gz(f), 0)
    return {
      route: route.id,
      kb: Math.round((bytes / 1024) * 10) / 10,
      dashboard: charts.length > 0,
      files: files.size,
    }
  })
}

// The language strings a page loads: one chunk per language and namespace (the client entry's
// `import.meta.glob` of app/i18n/locales); the namespaces its render uses load before it hydrates.
// Which namespaces: those the route chain's client code names — `useTranslation(…)` (no argument:
// common) and every 'namespace:key' literal (a key a component reads from another namespace, or
// takes from a list) — in the route modules of the chain and every module they import,
// transitively, except `.server` modules (not in the browser's code) and packages; plus common,
// which every page loads. Literals in schemas (`*.schema.ts`) are left out: they are error
// messages, whose namespace loads when an error is shown, not with the page. A bound from above
// for a page's first load (branches not rendered this time count too); `observed` adds what a
// running server listed for a page (keys the loader's data carries, from server modules).

const sourceExtensions = ['', '.tsx', '.ts', '/index.tsx', '/index.ts']

function resolveImport(appSrc: string, from: string, spec: string): string | null {
  const base = spec.startsWith('~/')
    ? path.join(appSrc, spec.slice(2))
    : path.resolve(path.dirname(from), spec)
  for (const ext of sourceExtensions) {
    const file = base + ext
    if (/\.(ts|tsx)$/.test(file) && fs.existsSync(file) && fs.statSync(file).isFile()) return file
  }
  return null
}

function routeSource(appSrc: string, id: string): string | null {
  for (const candidate of [`${id}.tsx`, `${id}.ts`, `${id}/route.tsx`, `${id}/route.ts`]) {
    const file = path.join(appSrc, candidate)
    if (fs.existsSync(file)) return file
  }
  return null
}

function namespacesIn(text: string, known: Set<string>, literals: boolean): Set<string> {
  const found = new Set<string>()
  for (const m of text.matchAll(/useTranslation\(\s*([^)]*)\)/g)) {
    const args = m[1] ?? ''
    const named = [...args.matchAll(/['"]([\w-]+)['"]/g)].map((n) => n[1] ?? '')
    if (named.length === 0) found.add('common')
    for (const ns of named) if (known.has(ns)) found.add(ns)
  }
  if (literals)
    for (const m of text.matchAll(/['"`]([\w-]+):[\w.${}]/g))
      if (known.has(m[1] ?? '')) found.add(m[1] ?? '')
  return found
}

export type RouteStrings = { route: string; namespaces: string[]; kb: number }

/**
 * For each route of the build: the namespaces its page loads (see above) and their chunks' weight
 * in `language`, gzip -9 each, summed. `appSrc` is the app/ folder the build was made from.
 */
export function routeStrings(
  clientDir: string,
  appSrc: string,
  language = 'zh-CN',
  observed: Record<string, string[]> = {},
): RouteStrings[] {
  const manifest = readManifest(clientDir)
  // Chunk file (under /assets) of each language's namespace, read from the client entry's map.
  const chunks = namespaceChunksOf(
    fs.readFileSync(path.join(clientDir, manifest.entry.module), 'utf8'),
  )
  if (chunks.size === 0) throw new Error('no namespace chunks in the client entry')
  const known = new Set([...chunks.keys()].map((k) => k.slice(k.indexOf('/') + 1)))
  const perFile = new Map<string, Set<string>>()
  const importsOf = new Map<string, string[]>()
  const visit = (file: string, into: Set<string>, seen: Set<string>) => {
    if (seen.has(file)) return
    seen.add(file)
    let text = ''
    let found = perFile.get(file)
    let imports = importsOf.get(file)
    if (!found || !imports) {
      text = fs.readFileSync(file, 'utf8')
      found = namespacesIn(text, known, !/\.schema\.ts$/.test(file))
      imports = [
        ...text.matchAll(
          /(?:^|\n)\s*(?:import|export)\s+(?!type\b)(?:[^'"]*?\sfrom\s*)?['"]([^'"]+)['"]/g,
        ),
      ]
        .map((m) => m[1] ?? '')
        .filter((spec) => spec.startsWith('.') || spec.startsWith('~/'))
        .map((spec) => resolveImport(appSrc, file, spec))
        .filter((f): f is string => f !== null && !/\.server\.tsx?$/.test(f))
      perFile.set(file, found)
      importsOf.set(file, imports)
    }
    for (const ns of found) into.add(ns)
    for (const i of imports) visit(i, into, seen)
  }
  const size = (url: string) => gzBytes(clientDir, url)
  return Object.values(manifest.routes).map((route) => {
    const used = new Set<string>(['common', ...(observed[route.id] ?? [])])
    const seen = new Set<string>()
    for (
      let r: ManifestRoute | undefined = route;
      r;
      r = r.parentId ? manifest.routes[r.parentId] : undefined
    ) {
      const file = routeSource(appSrc, r.id)
      if (!file) throw new Error(`no source for route ${r.id} in ${appSrc}`)
      visit(file, used, seen)
    }
    const bytes = [...used].reduce((sum, ns) => {
      const chunk = chunks.get(`${language}/${ns}`)
      if (!chunk) throw new Error(`no chunk for ${language}/${ns}`)
      return sum + size(chunk)
    }, 0)
    return {
      route: route.id,
      namespaces: [...used].sort(),
      kb: Math.round((bytes / 1024) * 10) / 10,
    }
  })
}

/** The namespaces a served document lists for the browser to load before it hydrates. */
export function listedNamespaces(html: string): string[] {
  const start = html.lastIndexOf(`id="${namespacesElementId}"`)
  if (start < 0) return []
  const open = html.indexOf('>', start) + 1
  return JSON.parse(html.slice(open, html.indexOf('</script>', open))) as string[]
}
