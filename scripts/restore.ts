// `npm run restore -- --from <backup> [--data-dir <fresh folder>]`: a backup into an empty
// DATA_DIR; the next `npm start` rebuilds the search index from the database. See ADR 0022.
import path from 'node:path'
import { parseArgs } from 'node:util'
import { EnvError, parseEnv } from '../app/env.server.ts'
import { RestoreError, restoreBackup } from './lib/restore.ts'

const say = (line: string) => process.stdout.write(`[restore] ${line}\n`)

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { from: { type: 'string' }, 'data-dir': { type: 'string' } },
  })
  if (!values.from) {
    process.stderr.write('usage: npm run restore -- --from <backup folder> [--data-dir <folder>]\n')
    return 2
  }
  const config = parseEnv()
  const dataDir = path.resolve(values['data-dir'] ?? config.DATA_DIR)
  const result = await restoreBackup({ from: values.from, dataDir, log: say })
  const rows = Object.values(result.tables).reduce((sum, n) => sum + n, 0)
  say(
    `done: ${dataDir} holds the backup of ${result.manifest.createdAt} ` +
      `(${Object.keys(result.tables).length} tables, ${rows} rows, ` +
      `${result.manifest.counts.uploads} uploads)`,
  )
  say(
    `the search index is rebuilt when the workers start: ${result.searchDocumentsOwed} ` +
      `documents to send (DATA_DIR=${dataDir} npm start)`,
  )
  return 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof RestoreError || error instanceof EnvError
    process.stderr.write(
      `restore failed: ${error instanceof Error ? error.message : String(error)}\n`,
    )
    process.exit(known ? 2 : 1)
  },
)
