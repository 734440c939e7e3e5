// The public members page of a space: active members by stage and the graduates, each with
// what a visitor may see. Startups with a public profile link to it; makers (people) are shown
// by name only.
import { and, asc, eq, inArray } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import {
  organisations,
  spaceMemberships,
  startupProfiles,
  users,
} from '../../../db/schema/index.ts'
import { memberBadgesOf } from './member-badges.server.ts'

export async function publicSpaceMembers(spaceId: string) {
  const rows = await db()
    .select({
      id: spaceMemberships.id,
      stage: spaceMemberships.stage,
      status: spaceMemberships.status,
      admittedOn: spaceMemberships.admittedOn,
      endedOn: spaceMemberships.endedOn,
      orgId: organisations.id,
      orgName: organisations.name,
      orgNameEn: organisations.nameEn,
      orgSlug: organisations.slug,
      orgStatus: organisations.status,
      orgSegments: organisations.segments,
      oneLiner: startupProfiles.oneLiner,
      personName: users.name,
    })
    .from(spaceMemberships)
    .leftJoin(organisations, eq(organisations.id, spaceMemberships.memberOrgId))
    .leftJoin(startupProfiles, eq(startupProfiles.orgId, spaceMemberships.memberOrgId))
    .leftJoin(users, eq(users.id, spaceMemberships.memberUserId))
    .where(
      and(
        eq(spaceMemberships.spaceId, spaceId),
        inArray(spaceMemberships.status, ['active', 'graduated']),
      ),
    )
    .orderBy(asc(spaceMemberships.admittedOn), asc(spaceMemberships.id))
  const badges = await memberBadgesOf({ orgIds: rows.map((r) => r.orgId) })
  const members = rows.map((r) => {
    // A startup's page is public once it has a profile and is verified (startupPage).
    const hasProfile = r.oneLiner !== null && r.orgStatus === 'verified'
    return {
      id: r.id,
      stage: r.stage,
      status: r.status,
      admittedOn: r.admittedOn,
      endedOn: r.endedOn,
      kind: r.orgId ? ('org' as const) : ('person' as const),
      name: r.orgName ?? r.personName ?? '',
      nameEn: r.orgNameEn,
      href: r.orgSlug ? (hasProfile ? `/startups/${r.orgSlug}` : `/orgs/${r.orgSlug}`) : null,
      oneLiner: hasProfile ? r.oneLiner : null,
      segments: hasProfile ? (r.orgSegments ?? []).slice(0, 2) : [],
      badges: r.orgId ? (badges.orgs[r.orgId] ?? []) : [],
    }
  })
  return {
    active: members.filter((m) => m.status === 'active'),
    graduated: members
      .filter((m) => m.status === 'graduated')
      .sort((a, b) => (b.endedOn ?? '').localeCompare(a.endedOn ?? '')),
  }
}
