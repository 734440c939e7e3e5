// `npm run backup [-- --to <folder>]`: a consistent copy of the embedded setup's PostgreSQL,
// uploads and keys in a new timestamped folder, while `npm start` runs or not. See ADR 0022.
import path from 'node:path'
import { parseArgs } from 'node:util'
import { EnvError, parseEnv } from '../app/env.server.ts'
import { BackupError, takeBackup } from './lib/backup.ts'

const say = (line: string) => process.stdout.write(`[backup] ${line}\n`)

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { to: { type: 'string' } } })
  const config = parseEnv()
  if (config.DATABASE_URL) {
    process.stderr.write(
      'DATABASE_URL is set: this copies only the embedded PostgreSQL under DATA_DIR. Back up an ' +
        "external database with its service's backups and point-in-time recovery.\n",
    )
    return 2
  }
  const dataDir = path.resolve(config.DATA_DIR)
  const parentDir = path.resolve(
    values.to ?? config.BACKUP_DIR ?? path.join(path.dirname(dataDir), 'backups'),
  )
  const { dir, manifest } = await takeBackup({ dataDir, parentDir, log: say })
  const mb = (manifest.counts.bytes / 1024 / 1024).toFixed(1)
  say(
    `done: ${dir} (${manifest.counts.files} files, ${mb} MB, ${manifest.counts.uploads} uploads, ` +
      `WAL ${manifest.postgres.startLsn}…${manifest.postgres.stopLsn})`,
  )
  return 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof BackupError || error instanceof EnvError
    process.stderr.write(
      `backup failed: ${error instanceof Error ? error.message : String(error)}\n`,
    )
    process.exit(known ? 2 : 1)
  },
)
