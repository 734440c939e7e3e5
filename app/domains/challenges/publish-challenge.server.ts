// Puts a draft challenge up for bids through the challenge machine: the bid deadline must still be
// ahead (the product clock's "now"), version 1 is recorded, the bid-deadline timer scheduled and
// the search index told, all in one transaction with an audit row.
import { challengeVersions } from '../../../db/schema/index.ts'
import { db } from '../../../db/client.server.ts'
import { indexLater } from '../../../search/index-later.server.ts'
import { now } from '../../clock.server.ts'
import { audit } from '../admin/audit.server.ts'
import { TransitionError } from '../lifecycle/machine.ts'
import { UserError } from '../problems.ts'
import { scheduleCloseBids } from './close-bids.server.ts'
import { loadChallengeForPoster, snapshotOf, type Challenge } from './save-challenge.server.ts'
import { moveChallenge } from './transitions.server.ts'

/** What keeps a draft from going up, as catalogue keys; empty when it may. */
export function publishBlockers(c: Challenge, at: Date): string[] {
  const blockers: string[] = []
  if (c.bidDeadline <= at) blockers.push('challenges:errors.bidDeadlinePast')
  if (c.confidentiality === 'nda' && !c.ndaTextId) blockers.push('challenges:errors.ndaRequired')
  if (c.confidentiality === 'nda' && c.details.trim() === '')
    blockers.push('challenges:errors.detailsRequired')
  return blockers
}

export async function publishChallenge(input: {
  challengeId: string
  actorUserId: string
  ip: string
}): Promise<Challenge> {
  return db().transaction(async (tx) => {
    const current = await loadChallengeForPoster(tx, input.challengeId, input.actorUserId)
    const at = now()
    const [blocker] = publishBlockers(current, at)
    if (blocker) throw new UserError(blocker)
    let published: Challenge
    try {
      published = await moveChallenge(tx, {
        challengeId: current.id,
        action: 'publish',
        actorRoles: ['poster'],
        actorUserId: input.actorUserId,
        set: { publishedAt: at, version: 1 },
      })
    } catch (error) {
      if (error instanceof TransitionError) throw new UserError('challenges:errors.cannotPublish')
      throw error
    }
    await tx.insert(challengeVersions).values({
      challengeId: published.id,
      version: 1,
      snapshot: snapshotOf(published),
      createdByUserId: input.actorUserId,
      createdAt: at,
    })
    await scheduleCloseBids(tx, published)
    await indexLater(tx, 'challenge', published.id)
    await audit(tx, {
      actorUserId: input.actorUserId,
      actingOrgId: published.orgId,
      action: 'publish-challenge',
      entity: 'challenge',
      entityId: published.id,
      ip: input.ip,
    })
    return published
  })
}
