// Who may act as an investor, and whether they are a qualified investor (合格投资者) now. The
// one place the deals market asks "verified?": the data room, terms, commitments and the
// investor-only campaign setting all come through here.
import { and, desc, eq, gt, inArray, isNull, or } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import { investorProfiles, investorVerifications, orgMembers } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'

export type InvestorProfile = typeof investorProfiles.$inferSelect

/**
 * The investor profiles a person may act for: their own (individual), and those of investment
 * firms they own or administer (institution). Own profile first.
 */
export async function profilesActedBy(tx: Tx, userId: string): Promise<InvestorProfile[]> {
  const firms = tx
    .select({ orgId: orgMembers.orgId })
    .from(orgMembers)
    .where(
      and(
        eq(orgMembers.userId, userId),
        isNull(orgMembers.leftAt),
        inArray(orgMembers.role, ['owner', 'admin']),
      ),
    )
  const rows = await tx
    .select()
    .from(investorProfiles)
    .where(
      or(
        and(eq(investorProfiles.kind, 'individual'), eq(investorProfiles.userId, userId)),
        and(eq(investorProfiles.kind, 'institution'), inArray(investorProfiles.orgId, firms)),
      ),
    )
  return rows.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'individual' ? -1 : 1))
}

/** The profile acted for when the person acts for `actingOrgId` (a firm) or for themselves. */
export async function actingInvestorProfile(
  tx: Tx,
  userId: string,
  actingOrgId: string | null,
): Promise<InvestorProfile | null> {
  const profiles = await profilesActedBy(tx, userId)
  if (actingOrgId) return profiles.find((p) => p.orgId === actingOrgId) ?? null
  return profiles.find((p) => p.kind === 'individual') ?? null
}

export type Qualification = { verificationId: string; expiresAt: Date }

/** The profile's approval in force now (approved and not yet expired), or null. */
export async function qualificationOf(tx: Tx, profileId: string): Promise<Qualification | null> {
  const row = await tx
    .select({ id: investorVerifications.id, expiresAt: investorVerifications.expiresAt })
    .from(investorVerifications)
    .where(
      and(
        eq(investorVerifications.investorProfileId, profileId),
        eq(investorVerifications.status, 'approved'),
        gt(investorVerifications.expiresAt, now()),
      ),
    )
    .orderBy(desc(investorVerifications.expiresAt))
    .limit(1)
    .then((r) => r[0])
  return row?.expiresAt ? { verificationId: row.id, expiresAt: row.expiresAt } : null
}

/**
 * Whether the person is a qualified investor now, for themselves or for a firm they run: what
 * opens a campaign's terms and data room to them.
 */
export async function isVerifiedInvestor(tx: Tx, userId: string): Promise<boolean> {
  const profiles = await profilesActedBy(tx, userId)
  for (const profile of profiles) if (await qualificationOf(tx, profile.id)) return true
  return false
}
