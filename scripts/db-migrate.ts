// `npm run db:migrate`: applies the committed migrations to DATABASE_URL.
import { runMigrations } from '../db/migrate.ts'

const url = process.env.DATABASE_URL
if (!url) {
  process.stderr.write('DATABASE_URL is not set\n')
  process.exit(2)
}
await runMigrations(url)
process.stdout.write('migrations applied\n')
