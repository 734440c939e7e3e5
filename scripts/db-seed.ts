// `npm run db:seed`: demo data (embedded mode; `--if-empty` does nothing once seeded), and the
// configured admin from ADMIN_EMAIL / ADMIN_PASSWORD in any mode. Prints the demo accounts.
import { hashPassword } from '../app/domains/accounts/password.server.ts'
import { env } from '../app/env.server.ts'
import { closeDb, db } from '../db/client.server.ts'
import { demoPeople } from '../db/seed/demo-data.ts'
import { demoPassword, ensureConfiguredAdmin, isSeeded, seedDemo } from '../db/seed/seed.ts'

async function main() {
  const config = env()
  const ifEmpty = process.argv.includes('--if-empty')
  const lines: string[] = []
  if (config.ADMIN_EMAIL && config.ADMIN_PASSWORD) {
    await ensureConfiguredAdmin(db(), config.ADMIN_EMAIL, await hashPassword(config.ADMIN_PASSWORD))
    lines.push(`[zhongchuang] platform admin: ${config.ADMIN_EMAIL}`)
  }
  // Demo accounts exist only where the database is our own embedded one (or on request).
  const demo = process.env.EMBEDDED === '1' || !ifEmpty
  if (demo && config.APP_ENV !== 'production') {
    if (ifEmpty && (await isSeeded(db()))) {
      lines.push('[zhongchuang] demo data already present (not seeded again)')
    } else {
      await seedDemo(db())
      lines.push('[zhongchuang] demo data seeded')
    }
    lines.push(`[zhongchuang] demo accounts (password for all: ${demoPassword}):`)
    for (const p of demoPeople) lines.push(`  ${p.email.padEnd(36)} ${p.name} · ${p.roleHint}`)
  }
  process.stdout.write(lines.join('\n') + '\n')
  await closeDb()
}

main().catch(async (error: unknown) => {
  process.stderr.write(`seed failed: ${error instanceof Error ? error.stack : String(error)}\n`)
  await closeDb()
  process.exit(1)
})
