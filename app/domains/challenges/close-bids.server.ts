// The bid-deadline timer: scheduled when a challenge is published, re-timed when an amendment
// moves the deadline, and fired by the sweeper, which moves an open challenge to reviewing.
import { eq } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import { challenges } from '../../../db/schema/index.ts'
import { indexLater } from '../../../search/index-later.server.ts'
import { now } from '../../clock.server.ts'
import { cancelTimers, registerTimer, scheduleTimer } from '../timers/timers.server.ts'
import { moveChallenge } from './transitions.server.ts'

export const CLOSE_BIDS_TIMER = 'challenge.close-bids'

export async function scheduleCloseBids(
  tx: Tx,
  challenge: { id: string; bidDeadline: Date },
): Promise<void> {
  await cancelTimers(tx, CLOSE_BIDS_TIMER, challenge.id)
  await scheduleTimer(tx, {
    kind: CLOSE_BIDS_TIMER,
    subjectId: challenge.id,
    dueAt: challenge.bidDeadline,
  })
}

export async function closeBids(tx: Tx, challengeId: string): Promise<void> {
  const challenge = await tx
    .select({ status: challenges.status, bidDeadline: challenges.bidDeadline })
    .from(challenges)
    .where(eq(challenges.id, challengeId))
    .for('update')
    .then((r) => r[0])
  // Cancelled, or already moved on: nothing to close. A deadline moved later has its own timer.
  if (!challenge || challenge.status !== 'open' || challenge.bidDeadline > now()) return
  await moveChallenge(tx, {
    challengeId,
    action: 'close-bids',
    actorRoles: ['system'],
    actorUserId: null,
  })
  await indexLater(tx, 'challenge', challengeId)
}

registerTimer(CLOSE_BIDS_TIMER, closeBids)
