// `npm run start:web` runs the web process exactly as `npm start` does.
import fs from 'node:fs'
import { expect, it } from 'vitest'
import { webArgs } from './processes.ts'

it('package.json starts the web process with the same flags as npm start', () => {
  const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as {
    scripts: Record<string, string>
  }
  expect(pkg.scripts['start:web']).toBe(`node ${webArgs().join(' ')}`)
})
