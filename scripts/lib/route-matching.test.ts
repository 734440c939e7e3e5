// The web process matches routes with @remix-run/router's CommonJS build, patched
// (patches/@remix-run+router+1.23.3.patch, applied by `npm install`) to keep each route array's
// ranked branches and each pattern's compiled expression instead of rebuilding them for every
// match. Matching must answer exactly as the unpatched build (its ES module, which the browser
// uses) for every route of the product, including when the same arrays are matched again.
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { flatRoutes } from '@remix-run/dev/dist/config/flat-routes.js'
import type * as Router from '@remix-run/router'
import * as unpatchedBuild from '@remix-run/router/dist/router.js'
import { describe, expect, it } from 'vitest'

const require = createRequire(import.meta.url)
const patchedFile = require.resolve('@remix-run/router')
const patched = require(patchedFile) as typeof Router
const unpatched = unpatchedBuild as unknown as typeof Router

type Route = Router.AgnosticRouteObject

const manifest = Object.values(flatRoutes(path.resolve('app'))) as {
  id: string
  parentId?: string
  path?: string
  index?: boolean
  caseSensitive?: boolean
}[]

/** The product's route tree as the server builds it: a fresh copy each call, as per request. */
function tree(): Route[] {
  const build = (parentId: string): Route[] =>
    manifest
      .filter((r) => (r.parentId ?? 'root') === parentId && r.id !== 'root')
      .map((r): Route =>
        r.index
          ? { id: r.id, path: r.path, index: true, caseSensitive: r.caseSensitive }
          : { id: r.id, path: r.path, caseSensitive: r.caseSensitive, children: build(r.id) },
      )
  return [{ id: 'root', path: '', children: build('root') }]
}

/** A path for every route (parameters filled in), and the awkward ones around them. */
function paths(): string[] {
  const full = new Map<string, string>()
  const fullPath = (id: string): string => {
    const known = full.get(id)
    if (known !== undefined) return known
    const r = manifest.find((m) => m.id === id)
    const parent = r?.parentId && r.parentId !== 'root' ? fullPath(r.parentId) : ''
    const own = r?.path ? `/${r.path}` : ''
    const value = `${parent}${own}`
    full.set(id, value)
    return value
  }
  const filled = manifest
    .filter((r) => r.id !== 'root')
    .map((r) =>
      (fullPath(r.id) || '/')
        .replace(/:[\w-]+\?/g, '')
        .replace(/:[\w-]+/g, 'a-1')
        .replace(/\*$/, 'deep/er'),
    )
  const extra = filled.flatMap((p) => [`${p}/`, p.toUpperCase(), `${p}/nope`, `${p}%20x`])
  return [...new Set(['/', '', '/nope', '//', '/a/b/c/d/e', ...filled, ...extra])]
}

const shape = (m: ReturnType<typeof unpatched.matchRoutes>) =>
  m?.map((x) => ({ id: x.route.id, params: x.params, pathname: x.pathname, base: x.pathnameBase }))

describe('route matching (patched @remix-run/router)', () => {
  it('is the patched build that the server loads', () => {
    // When this fails, `npm install` did not run the postinstall step (patch-package).
    expect(fs.readFileSync(patchedFile, 'utf8')).toContain('rankedBranchesOf')
    expect(manifest.length).toBeGreaterThan(100)
  })

  it('matches every route of the product as the unpatched build does, again and again', () => {
    const kept = tree()
    const list = paths()
    expect(list.length).toBeGreaterThan(400)
    for (let round = 0; round < 3; round++) {
      const fresh = tree()
      for (const p of list) {
        const expected = shape(unpatched.matchRoutes(tree(), p))
        expect(shape(patched.matchRoutes(kept, p)), p).toEqual(expected)
        expect(shape(patched.matchRoutes(fresh, p)), p).toEqual(expected)
      }
    }
  })

  it('matches patterns with and without an end as the unpatched build does', () => {
    const cases: [string, boolean, boolean, string][] = [
      ['/spaces/:slug', false, true, '/spaces/x'],
      ['/spaces/:slug', false, false, '/spaces/x/members'],
      ['/spaces/:slug', true, true, '/SPACES/x'],
      ['/spaces/:slug', false, true, '/SPACES/x'],
      ['/files/*', false, true, '/files/a/b'],
      ['/a/:b?', false, true, '/a'],
    ]
    for (let round = 0; round < 2; round++)
      for (const [pattern, caseSensitive, end, pathname] of cases)
        expect(patched.matchPath({ path: pattern, caseSensitive, end }, pathname)).toEqual(
          unpatched.matchPath({ path: pattern, caseSensitive, end }, pathname),
        )
  })
})
