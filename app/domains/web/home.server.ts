// Figures for the home page, read live from the database in one round trip.
import { sql } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'

export async function homeCounts() {
  const rows = await db().execute<{
    orgs: number
    spaces: number
    startups: number
    members: number
  }>(sql`
    select
      (select count(*)::int from organisations where status = 'verified') as orgs,
      (select count(*)::int from spaces) as spaces,
      (select count(distinct member_org_id)::int from space_memberships where status = 'active' and member_org_id is not null) as startups,
      (select count(*)::int from users where deleted_at is null and email_verified_at is not null) as members
  `)
  const r = rows[0]
  return {
    orgs: r?.orgs ?? 0,
    spaces: r?.spaces ?? 0,
    startups: r?.startups ?? 0,
    members: r?.members ?? 0,
  }
}
