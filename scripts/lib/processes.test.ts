// `npm run start:web` / `start:workers` run the processes exactly as `npm start` does.
import fs from 'node:fs'
import { expect, it } from 'vitest'
import { webArgs, workerArgs } from './processes.ts'

const scripts = () =>
  (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> })
    .scripts

// `exec`: npm's shell is replaced by the process, so a SIGTERM sent to npm (a supervisor
// stopping the service) reaches the process itself instead of orphaning it.
it('package.json starts the web process and the workers with the same flags as npm start', () => {
  expect(scripts()['start:web']).toBe(`exec node ${webArgs().join(' ')}`)
  expect(scripts()['start:workers']).toBe(`exec node ${workerArgs().join(' ')}`)
})

it('every long-running script replaces the shell npm starts it in', () => {
  for (const name of ['start', 'dev', 'start:web', 'start:workers'])
    expect(scripts()[name]).toMatch(/^exec node /)
})
