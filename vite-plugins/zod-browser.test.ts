// The browser build of a page that validates with zod: validation and the readings of a schema's
// checks still work, the JSON Schema generator is not shipped, and asking for JSON Schema says so.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { zodBrowser } from './zod-browser.ts'

const root = path.resolve(import.meta.dirname, '..')
let dir: string
let bundle: string
type Entry = {
  parse: (value: unknown) => { success: boolean; messages: string[] }
  minLength: number | null
  toJsonSchema: () => unknown
}
let entry: Entry

async function buildEntry(plugins: ReturnType<typeof zodBrowser>[]) {
  const out = fs.mkdtempSync(path.join(dir, 'out-'))
  await build({
    root,
    configFile: false,
    logLevel: 'silent',
    plugins,
    build: {
      outDir: out,
      emptyOutDir: true,
      minify: true,
      target: 'es2022',
      lib: { entry: path.join(dir, 'entry.ts'), formats: ['cjs'], fileName: 'entry' },
    },
  })
  const file = fs.readdirSync(out).find((f) => f.startsWith('entry'))
  if (!file) throw new Error(`no bundle in ${out}`)
  return path.join(out, file)
}

// Through Node's own loader, as the browser would run it: not through the test runner's transform.
const load = (file: string) => createRequire(import.meta.url)(file) as Entry

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zod-browser-'))
  fs.writeFileSync(
    path.join(dir, 'entry.ts'),
    `import { z } from ${JSON.stringify(path.join(root, 'node_modules/zod/index.js'))}
const Name = z.string().trim().min(2, { error: 'orgs:errors.nameRequired' })
const Form = z.object({ name: Name, seats: z.number({ error: 'spaces:errors.seats' }).int() })
export const parse = (value) => {
  const r = Form.safeParse(value)
  return { success: r.success, messages: r.success ? [] : r.error.issues.map((i) => i.message) }
}
export const minLength = Name.minLength
export const toJsonSchema = () => Form.toJSONSchema()
`,
  )
  bundle = await buildEntry([zodBrowser()])
  entry = load(bundle)
}, 60_000)

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('zod in the browser build', () => {
  it('still validates, with our messages', () => {
    expect(entry.parse({ name: ' 众创 ', seats: 4 })).toEqual({ success: true, messages: [] })
    expect(entry.parse({ name: 'x', seats: 1.5 })).toEqual({
      success: false,
      messages: ['orgs:errors.nameRequired', expect.any(String)],
    })
    expect(entry.parse({ name: '众创空间', seats: 'four' }).messages).toEqual([
      'spaces:errors.seats',
    ])
  })

  it('still reads a schema’s checks', () => {
    expect(entry.minLength).toBe(2)
  })

  it('ships no JSON Schema generator, and says so when asked for one', async () => {
    expect(() => entry.toJsonSchema()).toThrow('JSON Schema is not built into the browser bundle')
    const withGenerator = await buildEntry([])
    const full = load(withGenerator)
    expect(full.toJsonSchema()).toMatchObject({ type: 'object' })
    // The generator names the draft it writes; the browser build must not carry it.
    expect(fs.readFileSync(withGenerator, 'utf8')).toContain('draft-2020-12')
    expect(fs.readFileSync(bundle, 'utf8')).not.toContain('draft-2020-12')
    expect(fs.statSync(bundle).size).toBeLessThan(fs.statSync(withGenerator).size - 10_000)
  }, 60_000)
})
