// Who sees what of a campaign. Everyone sees the teaser of a published campaign, unless the
// deployment shows campaigns only to verified investors (CAMPAIGN_VISIBILITY=investors-only:
// public promotion can count as 公开宣传). The terms, valuation, data room and Q&A are shown
// only to qualified investors who accepted the campaign's NDA, and to the startup's own people.
import { and, eq } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import { campaignNdaAcceptances, type campaigns } from '../../../db/schema/index.ts'
import { env } from '../../env.server.ts'
import type { Auth } from '../accounts/auth.server.ts'
import { adminRolesAllow } from '../accounts/permissions.ts'
import { activeHoldIn } from '../moderation/active-hold.server.ts'
import { roleInOrg } from '../orgs/org-role.server.ts'
import { isVerifiedInvestor } from './investor-standing.server.ts'

type Campaign = Pick<typeof campaigns.$inferSelect, 'id' | 'orgId' | 'status'>

export type CampaignAccess = {
  /** Owner or admin of the startup: edits, answers, posts updates, sees the logs. */
  manages: boolean
  /** Any member of the startup. */
  member: boolean
  /** A platform admin who verifies campaigns. */
  admin: boolean
  verifiedInvestor: boolean
  ndaAccepted: boolean
  /** The teaser: name, one-liner, segment, stage, progress, days left. */
  seesTeaser: boolean
  /** Terms, valuation, data room, Q&A. */
  seesTerms: boolean
  /** The platform hid the campaign and this reader is neither its startup's nor an admin. */
  hiddenFromReader: boolean
}

export async function campaignAccess(
  tx: Tx,
  campaign: Campaign,
  auth: Pick<Auth, 'user' | 'adminRoles'> | null,
): Promise<CampaignAccess> {
  const userId = auth?.user.id ?? null
  const role = userId ? await roleInOrg(tx, campaign.orgId, userId) : undefined
  const member = role !== undefined
  const manages = role === 'owner' || role === 'admin'
  const admin = auth ? adminRolesAllow(auth.adminRoles, 'verify:campaign:any') : false
  const verifiedInvestor = userId ? await isVerifiedInvestor(tx, userId) : false
  const ndaAccepted = userId
    ? await tx
        .select({ id: campaignNdaAcceptances.id })
        .from(campaignNdaAcceptances)
        .where(
          and(
            eq(campaignNdaAcceptances.campaignId, campaign.id),
            eq(campaignNdaAcceptances.userId, userId),
          ),
        )
        .limit(1)
        .then((r) => r.length > 0)
    : false
  const published = campaign.status !== 'draft'
  const publicTeaser = env().CAMPAIGN_VISIBILITY === 'teaser'
  // A campaign the platform hid is gone for everyone but its startup and the platform's admins,
  // on every path that asks here: the page, the pitch deck, the data room, questions.
  const insider = member || (auth ? adminRolesAllow(auth.adminRoles, 'view:admin:any') : false)
  const hiddenFromReader =
    published && !insider && (await activeHoldIn(tx, 'campaign', campaign.id)) !== null
  const seesTeaser =
    !hiddenFromReader && (member || admin || (published && (publicTeaser || verifiedInvestor)))
  const seesTerms =
    !hiddenFromReader && (member || admin || (published && verifiedInvestor && ndaAccepted))
  return {
    manages,
    member,
    admin,
    verifiedInvestor,
    ndaAccepted,
    seesTeaser,
    seesTerms,
    hiddenFromReader,
  }
}
