// How the product's processes are started, in one place: `npm start`, the drills and the page
// benchmark start them the same way production does (`npm run start:web` spells the same command
// out in package.json; processes.test.ts keeps the two in step).
import fs from 'node:fs'
import path from 'node:path'

// V8 sizes the young generation from the machine's memory (128 MB on a 24 GiB host), and a
// process keeps what it has grown to: a web process idling at 300 MB. 16 MB semi-spaces cost a
// few more scavenges and keep it near 170 MB. See docs/decisions/0018.
const V8_FLAGS = ['--max-semi-space-size=16', '--max-old-space-size=256']

/** The compiled web process (`npm run build`); development runs the source under tsx. */
const WEB_BUNDLE = 'build/web.js'

export function webArgs(options: { dev?: boolean } = {}): string[] {
  return options.dev
    ? [...V8_FLAGS, '--import', 'tsx', 'server.ts', '--dev']
    : [...V8_FLAGS, WEB_BUNDLE]
}

export function workerArgs(): string[] {
  return [...V8_FLAGS, '--import', 'tsx', 'workers/main.ts']
}

/** Whether `root` has a complete production build (the Remix build and the web bundle). */
export function hasBuild(root: string): boolean {
  return (
    fs.existsSync(path.join(root, 'build/server/index.js')) &&
    fs.existsSync(path.join(root, WEB_BUNDLE))
  )
}
