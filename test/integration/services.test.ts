// The embedded services the tests run on are the real ones.
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'

describe('embedded services', () => {
  it('PostgreSQL is version 18 with the extensions later issues rely on available', async () => {
    const rows = await db().execute<{ v: string }>(
      sql`select current_setting('server_version_num') as v`,
    )
    expect(Number(rows[0]?.v)).toBeGreaterThanOrEqual(180000)
    const ext = await db().execute<{ name: string }>(
      sql`select name from pg_available_extensions where name in ('btree_gist', 'pg_trgm') order by name`,
    )
    expect(ext.map((e) => e.name)).toEqual(['btree_gist', 'pg_trgm'])
  })

  it('Meilisearch answers, and only with the master key', async () => {
    const url = process.env.MEILISEARCH_URL
    expect(url, 'the Meilisearch binary ships for linux-x64').toBeTruthy()
    expect((await fetch(`${url}/health`)).ok).toBe(true)
    expect((await fetch(`${url}/indexes`)).status).toBe(401)
    const res = await fetch(`${url}/version`, {
      headers: { Authorization: `Bearer ${process.env.MEILISEARCH_KEY}` },
    })
    expect(((await res.json()) as { pkgVersion: string }).pkgVersion).toBe('1.21.0')
  })
})
