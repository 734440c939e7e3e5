// Every key exists in both languages, and no value is left empty.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { flattenCatalogue as flatten, withoutPluralSuffix as base } from './catalogue-keys.ts'
import { namespaces, supportedLanguages } from './config.ts'

function keys(lng: string, ns: string): Set<string> {
  const file = path.join(__dirname, 'locales', lng, `${ns}.json`)
  return new Set(Object.keys(flatten(JSON.parse(fs.readFileSync(file, 'utf8')))).map(base))
}

describe('catalogues', () => {
  for (const ns of namespaces) {
    it(`${ns}: the same keys in every language`, () => {
      const [first, ...rest] = supportedLanguages
      const reference = keys(first, ns)
      for (const lng of rest) {
        const other = keys(lng, ns)
        expect(
          [...reference].filter((k) => !other.has(k)),
          `in ${first} only`,
        ).toEqual([])
        expect(
          [...other].filter((k) => !reference.has(k)),
          `in ${lng} only`,
        ).toEqual([])
      }
    })
    it(`${ns}: no empty strings`, () => {
      for (const lng of supportedLanguages) {
        const file = path.join(__dirname, 'locales', lng, `${ns}.json`)
        const empty = Object.entries(flatten(JSON.parse(fs.readFileSync(file, 'utf8')))).filter(
          ([, v]) => v === '',
        )
        expect(empty.map(([k]) => `${lng}:${k}`)).toEqual([])
      }
    })
  }

  it('every catalogue key used in a zod schema or use case exists', () => {
    const used = new Set<string>()
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name)
        if (entry.isDirectory()) walk(p)
        else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
          for (const m of fs
            .readFileSync(p, 'utf8')
            .matchAll(
              /'((?:common|auth|orgs|spaces|admin|settings|notifications|equipment):[a-zA-Z0-9_.]+)/g,
            ))
            used.add(m[1] ?? '')
        }
      }
    }
    walk(path.join(__dirname, '..'))
    const missing = [...used].filter((full) => {
      const [ns, key] = full.split(':')
      const all = keys('zh-CN', ns ?? '')
      return !all.has(key ?? '') && ![...all].some((k) => k.startsWith(`${key}.`))
    })
    expect(missing).toEqual([])
  })
})
