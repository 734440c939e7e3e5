// Creates a database on a server if it does not exist yet (optionally as a copy of a template).
import postgres from 'postgres'

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`

export async function ensureDatabase(
  adminUrl: string,
  name: string,
  template?: string,
): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} })
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`
    if (rows.length === 0) {
      await sql.unsafe(
        `create database ${quote(name)}${template ? ` template ${quote(template)}` : ''}`,
      )
    }
  } finally {
    await sql.end({ timeout: 5 })
  }
}
