// Member badges: which spaces an organisation or a person is an active member of now, and at
// which stage. Pages that list many parties (bids, members) ask once for all of them.
import { and, asc, eq, inArray, or } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import { organisations, spaceMemberships, spaces } from '../../../db/schema/index.ts'
import type { Stage } from './membership.machine.ts'

export type MemberBadge = {
  spaceSlug: string
  spaceName: string
  spaceNameEn: string | null
  stage: Stage
}

export type MemberBadges = {
  orgs: Record<string, MemberBadge[]>
  users: Record<string, MemberBadge[]>
}

/** Active memberships of the given organisations and people, keyed by member id. */
export async function memberBadgesOf(
  input: {
    orgIds?: readonly (string | null | undefined)[]
    userIds?: readonly (string | null | undefined)[]
  },
  tx: Tx = db(),
): Promise<MemberBadges> {
  const orgIds = [...new Set((input.orgIds ?? []).filter((id): id is string => !!id))]
  const userIds = [...new Set((input.userIds ?? []).filter((id): id is string => !!id))]
  const result: MemberBadges = { orgs: {}, users: {} }
  if (orgIds.length === 0 && userIds.length === 0) return result
  const who = or(
    orgIds.length ? inArray(spaceMemberships.memberOrgId, orgIds) : undefined,
    userIds.length ? inArray(spaceMemberships.memberUserId, userIds) : undefined,
  )
  const rows = await tx
    .select({
      orgId: spaceMemberships.memberOrgId,
      userId: spaceMemberships.memberUserId,
      stage: spaceMemberships.stage,
      spaceSlug: spaces.slug,
      spaceName: spaces.name,
      spaceNameEn: spaces.nameEn,
    })
    .from(spaceMemberships)
    .innerJoin(spaces, eq(spaces.id, spaceMemberships.spaceId))
    .where(and(eq(spaceMemberships.status, 'active'), who))
    .orderBy(asc(spaces.name))
  for (const r of rows) {
    const badge: MemberBadge = {
      spaceSlug: r.spaceSlug,
      spaceName: r.spaceName,
      spaceNameEn: r.spaceNameEn,
      stage: r.stage,
    }
    if (r.orgId) (result.orgs[r.orgId] ??= []).push(badge)
    if (r.userId) (result.users[r.userId] ??= []).push(badge)
  }
  return result
}

/** The badges of one party: the organisation acted for, else the person. */
export function badgesFor(
  badges: MemberBadges,
  party: { orgId?: string | null; userId?: string | null },
): MemberBadge[] {
  if (party.orgId) return badges.orgs[party.orgId] ?? []
  if (party.userId) return badges.users[party.userId] ?? []
  return []
}

/** Badges of one organisation (a profile, a listing's lab, a campaign's startup). */
export async function orgMemberBadges(orgId: string): Promise<MemberBadge[]> {
  const badges = await memberBadgesOf({ orgIds: [orgId] })
  return badges.orgs[orgId] ?? []
}

/** Badges of an organisation known by its slug (a page that carries only the slug). */
export async function orgMemberBadgesBySlug(slug: string): Promise<MemberBadge[]> {
  const org = await db()
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.slug, slug))
    .then((r) => r[0])
  return org ? orgMemberBadges(org.id) : []
}
