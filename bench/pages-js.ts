// JavaScript a page ships, from the production build: the client entry, then for the page's
// route and each of its parents their module and its static imports (what Remix preloads with
// modulepreload), each file gzipped, summed. A route whose chain pulls the ECharts chunk is a
// dashboard, held to its own budget.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

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

export function routeJs(clientDir: string): RouteJs[] {
  const manifest = readManifest(clientDir)
  const sizes = new Map<string, number>()
  const gz = (url: string) => {
    let size = sizes.get(url)
    if (size === undefined) {
      size = zlib.gzipSync(fs.readFileSync(path.join(clientDir, url)), { level: 9 }).length
      sizes.set(url, size)
    }
    return size
  }
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

/** The default language's message catalogue, which every page imports before hydrating. */
export function catalogueKb(clientDir: string, language = 'zh-CN'): number {
  const assets = path.join(clientDir, 'assets')
  const file = fs.readdirSync(assets).find((f) => f.startsWith(`catalogue.${language}-`))
  if (!file) return 0
  const bytes = zlib.gzipSync(fs.readFileSync(path.join(assets, file)), { level: 9 }).length
  return Math.round((bytes / 1024) * 10) / 10
}
