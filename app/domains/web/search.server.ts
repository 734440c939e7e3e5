// Directory search over verified organisations and spaces, on Postgres.
import { and, eq, ilike, or } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import { organisations, spaces } from '../../../db/schema/index.ts'

export async function searchDirectory(q: string) {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  const [orgs, spaceRows] = await Promise.all([
    db()
      .select({
        slug: organisations.slug,
        name: organisations.name,
        nameEn: organisations.nameEn,
        city: organisations.city,
      })
      .from(organisations)
      .where(
        and(
          eq(organisations.status, 'verified'),
          or(
            ilike(organisations.name, pattern),
            ilike(organisations.nameEn, pattern),
            ilike(organisations.city, pattern),
            ilike(organisations.description, pattern),
          ),
        ),
      )
      .limit(50),
    db()
      .select({ slug: spaces.slug, name: spaces.name, nameEn: spaces.nameEn, city: spaces.city })
      .from(spaces)
      .where(
        or(
          ilike(spaces.name, pattern),
          ilike(spaces.nameEn, pattern),
          ilike(spaces.city, pattern),
          ilike(spaces.description, pattern),
        ),
      )
      .limit(50),
  ])
  return { orgs, spaces: spaceRows }
}
