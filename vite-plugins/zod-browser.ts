// What the browser build takes of zod, so a page ships validation without what it never runs
// (docs/decisions/0024). Validation itself is untouched; the server build is left alone.
//
// Zod's classic API attaches `.toJSONSchema()` to every schema, so each page that validates a form
// shipped zod's JSON Schema generator too (about 5 KB gzip of the 28 KB zod chunk), though the
// browser never asks for JSON Schema. The two modules behind that method are replaced: every
// export of theirs stays (generated from the real module, so a zod update cannot leave one out)
// but throws when called, except `aggregateChecks`, which schemas read for `.minLength`,
// `.format` and the like and which is taken from the real module.
import fs from 'node:fs'
import type { Plugin } from 'vite'

const STUB = '\0zod-browser:'
// As classic zod's schemas.js imports them: '../core/json-schema-processors.js' and so on.
const replaced = ['/core/json-schema-processors.js', '/core/to-json-schema.js']
const kept = new Set(['aggregateChecks'])

/** The names a zod ES module exports: `export const|function|class name` and `export { a as b }`. */
export function exportedNames(source: string): string[] {
  const names = new Set<string>()
  for (const [, name = ''] of source.matchAll(
    /^export\s+(?:const|let|function\*?|class)\s+([\w$]+)/gm,
  ))
    names.add(name)
  for (const [, list = ''] of source.matchAll(/^export\s*\{([^}]*)\}\s*;?\s*$/gm))
    for (const part of list.split(',')) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .pop()
      if (name) names.add(name)
    }
  return [...names]
}

/** The stand-in for one of zod's JSON Schema modules, at `realPath`. */
export function stubFor(realPath: string, source: string): string {
  const lines = [
    `const unavailable = () => { throw new Error('JSON Schema is not built into the browser bundle') }`,
  ]
  for (const name of exportedNames(source)) {
    if (kept.has(name)) lines.push(`export { ${name} } from ${JSON.stringify(realPath)}`)
    // The method factories run when a schema is built; the methods they return throw when called.
    else if (name.startsWith('create')) lines.push(`export const ${name} = () => unavailable`)
    else lines.push(`export const ${name} = unavailable`)
  }
  return lines.join('\n')
}

export function zodBrowser(): Plugin {
  return {
    name: 'zod-browser',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (options?.ssr || !importer) return null
      const from = importer.replaceAll('\\', '/')
      if (!/\/zod\/v4\/classic\/schemas\.js$/.test(from)) return null
      if (!replaced.some((r) => source.endsWith(r))) return null
      const real = await this.resolve(source, importer, { skipSelf: true })
      return real ? STUB + real.id : null
    },
    load(id) {
      if (!id.startsWith(STUB)) return null
      const real = id.slice(STUB.length)
      return stubFor(real, fs.readFileSync(real, 'utf8'))
    },
  }
}
