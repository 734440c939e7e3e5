// Puts a draft campaign live through the campaign machine: the deadline must be ahead and at most
// 90 days away (the product clock), version 1 of the terms is recorded, the deadline timer is
// scheduled (its handler lives with the deadline's use case) and the index told, in one
// transaction with an audit row.
import { db } from '../../../db/client.server.ts'
import { campaignVersions } from '../../../db/schema/index.ts'
import { indexLater } from '../../../search/index-later.server.ts'
import { now } from '../../clock.server.ts'
import { audit } from '../admin/audit.server.ts'
import { TransitionError } from '../lifecycle/machine.ts'
import { UserError } from '../problems.ts'
import { scheduleTimer } from '../timers/timers.server.ts'
import { CAMPAIGN_MAX_DAYS } from './deals.schema.ts'
import {
  draftDeadlineProblem,
  loadCampaignForStartup,
  termsOf,
  type Campaign,
} from './save-campaign.server.ts'
import { dealTimers } from './timer-kinds.ts'
import { moveCampaign } from './transitions.server.ts'

/** What keeps a draft from going live, as catalogue keys; empty when it may. */
export function publishBlockers(c: Campaign, at: Date): string[] {
  const problem = draftDeadlineProblem(c.deadline, at)
  const blockers = problem ? [problem] : []
  if (c.riskDisclosure.trim() === '') blockers.push('campaigns:errors.riskRequired')
  return blockers
}

export async function publishCampaign(input: {
  campaignId: string
  actorUserId: string
  ip: string
}): Promise<Campaign> {
  return db().transaction(async (tx) => {
    const current = await loadCampaignForStartup(tx, input.campaignId, input.actorUserId)
    const at = now()
    const [blocker] = publishBlockers(current, at)
    if (blocker) throw new UserError(blocker, undefined, { days: CAMPAIGN_MAX_DAYS })
    let published: Campaign
    try {
      published = await moveCampaign(tx, {
        campaignId: current.id,
        action: 'publish',
        actorRoles: ['startup'],
        actorUserId: input.actorUserId,
        set: { publishedAt: at, version: 1 },
      })
    } catch (error) {
      if (error instanceof TransitionError) throw new UserError('campaigns:errors.cannotPublish')
      throw error
    }
    await tx.insert(campaignVersions).values({
      campaignId: published.id,
      version: 1,
      terms: termsOf(published),
      createdByUserId: input.actorUserId,
      createdAt: at,
    })
    await scheduleTimer(tx, {
      kind: dealTimers.campaignDeadline,
      subjectId: published.id,
      dueAt: published.deadline,
    })
    await indexLater(tx, 'campaign', published.id)
    await audit(tx, {
      actorUserId: input.actorUserId,
      actingOrgId: published.orgId,
      action: 'publish-campaign',
      entity: 'campaign',
      entityId: published.id,
      ip: input.ip,
    })
    return published
  })
}
