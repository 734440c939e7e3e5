// What may still be committed to a campaign, and by whom: the room under the cap, the holder
// limit of the company form (or of the 有限合伙 vehicle), and the investor's own declared annual
// limit. Read under the campaign's (and the investor profile's) row lock, so the answers hold
// until the caller's transaction commits.
import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import { commitments, type campaigns, type investorProfiles } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { countedCommitmentStates } from './deal.machine.ts'
import { HOLDER_LIMIT, LP_INVESTOR_LIMIT } from './deals.schema.ts'

type Campaign = typeof campaigns.$inferSelect
type Profile = typeof investorProfiles.$inferSelect

const HOUR = 3_600_000

/** The counted total and the distinct investors whose commitments count. */
export async function campaignTotals(
  tx: Tx,
  campaignId: string,
): Promise<{ totalFen: number; investors: number }> {
  const [row] = await tx
    .select({
      total: sql<string>`coalesce(sum(${commitments.amountFen}), 0)`,
      investors: sql<number>`count(distinct ${commitments.investorProfileId})::int`,
    })
    .from(commitments)
    .where(
      and(
        eq(commitments.campaignId, campaignId),
        inArray(commitments.status, [...countedCommitmentStates]),
      ),
    )
  return { totalFen: Number(row?.total ?? 0), investors: row?.investors ?? 0 }
}

/** How much more the cap allows. */
export async function roomUnderCap(tx: Tx, campaign: Campaign): Promise<number> {
  const { totalFen } = await campaignTotals(tx, campaign.id)
  return Math.max(0, campaign.maxFen - totalFen)
}

/**
 * Whether one more investor fits. Direct: the company's existing holders plus every counting
 * investor plus the new one, within the company form's limit (50 / 200). Through a 有限合伙
 * vehicle: the vehicle is one holder of the company, and its partners other than the general
 * partner (49) are the investors.
 */
export function holderRoom(campaign: Campaign, investors: number): number {
  if (campaign.vehicle === 'lp') {
    const companyHasRoom = campaign.existingHolders + 1 <= HOLDER_LIMIT[campaign.companyForm]
    return companyHasRoom ? Math.max(0, LP_INVESTOR_LIMIT - investors) : 0
  }
  return Math.max(0, HOLDER_LIMIT[campaign.companyForm] - campaign.existingHolders - investors)
}

/** The calendar year in Beijing time that `at` falls in, as [start, end). */
export function beijingYear(at: Date = now()): { start: Date; end: Date; year: number } {
  const year = new Date(at.getTime() + 8 * HOUR).getUTCFullYear()
  return {
    year,
    start: new Date(Date.UTC(year, 0, 1) - 8 * HOUR),
    end: new Date(Date.UTC(year + 1, 0, 1) - 8 * HOUR),
  }
}

/**
 * What the investor may still commit this calendar year under their own declared limit, or
 * null when they declared none. Commitments that count or completed are what they spent.
 */
export async function annualRoom(tx: Tx, profile: Profile): Promise<number | null> {
  if (profile.annualLimitFen === null) return null
  const { start, end } = beijingYear()
  const [row] = await tx
    .select({ total: sql<string>`coalesce(sum(${commitments.amountFen}), 0)` })
    .from(commitments)
    .where(
      and(
        eq(commitments.investorProfileId, profile.id),
        inArray(commitments.status, [...countedCommitmentStates]),
        gte(commitments.createdAt, start),
        lt(commitments.createdAt, end),
      ),
    )
  return Math.max(0, profile.annualLimitFen - Number(row?.total ?? 0))
}
