// The funded work, milestone by milestone: the winner hands in a deliverable (files and notes);
// the poster accepts it, releasing that milestone's amount less its fee share to the winner, or
// asks for a revision; silence for 14 days accepts it. Either side may dispute a milestone (an
// admin decides on /admin/disputes), and both together, or an admin, may cancel the funded
// challenge, refunding what was not released. When every milestone is settled it is complete.
import { and, asc, eq, inArray, like, sql } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import { challengeEvents, challenges, deliverables, milestones } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { audit } from '../admin/audit.server.ts'
import { onDisputeResolved, openDispute } from '../disputes/disputes.server.ts'
import { TransitionError } from '../lifecycle/machine.ts'
import { notifyParty } from '../notifications/notify.server.ts'
import { formatMoney } from '../payments/money.ts'
import { releasePayment } from '../payments/release-payment.server.ts'
import { UserError } from '../problems.ts'
import { cancelTimers, registerTimer, scheduleTimer } from '../timers/timers.server.ts'
import { checkUpload, storeUpload } from '../uploads/store-upload.server.ts'
import {
  actingSide,
  loadAward,
  partyOf,
  standingIn,
  workLink,
  type Bid,
  type Challenge,
  type Side,
} from './award-parties.server.ts'
import { AUTO_RELEASE_DAYS } from './challenge.schema.ts'
import { awardPayment, cancelUnpaid, refundRest } from './funding.server.ts'
import { moveChallenge, moveMilestone } from './transitions.server.ts'

type Milestone = typeof milestones.$inferSelect
type Award = { challenge: Challenge; bid: Bid }

const DAY = 86_400_000
export const AUTO_RELEASE_TIMER = 'challenge.auto-release'
export const MILESTONE_DISPUTE = 'challenge-milestone'
/** Each side's request to end a funded challenge, kept in the challenge's history. */
const cancelRequest = (side: Side) => `cancel-request:${side}`
/** Files per deliverable. */
export const MAX_DELIVERABLE_FILES = 10

const underWay = ['funded', 'in_delivery'] as const

function asUserError(key: string) {
  return (error: unknown): never => {
    if (error instanceof TransitionError) throw new UserError(key)
    throw error
  }
}

/** The milestone of this challenge, row-locked (after the challenge, always in that order). */
async function lockMilestone(tx: Tx, challengeId: string, milestoneId: string) {
  const row = await tx
    .select()
    .from(milestones)
    .where(and(eq(milestones.id, milestoneId), eq(milestones.challengeId, challengeId)))
    .for('update')
    .then((r) => r[0])
  if (!row) throw new UserError('challenge-work:errors.notFound')
  return row
}

function assertUnderWay(challenge: Challenge) {
  if (!(underWay as readonly string[]).includes(challenge.status))
    throw new UserError('challenge-work:errors.notUnderWay')
}

async function fundingPaymentId(tx: Tx, challengeId: string): Promise<string> {
  const owed = await awardPayment(tx, challengeId)
  if (!owed || !['held', 'settled'].includes(owed.payment.status))
    throw new UserError('challenge-work:errors.notUnderWay')
  return owed.payment.id
}

const paramsOf = (challenge: Challenge, milestone: Milestone) => ({
  title: challenge.title,
  milestone: `${milestone.seq}. ${milestone.title}`,
})

export async function submitDeliverable(input: {
  challengeId: string
  milestoneId: string
  actorUserId: string
  notes: string
  files: File[]
}) {
  return db().transaction(async (tx) => {
    const award = await actingSide(tx, input.challengeId, input.actorUserId)
    const { challenge, bid, side } = award
    if (side !== 'winner') throw new UserError('challenge-work:errors.notYours')
    assertUnderWay(challenge)
    const milestone = await lockMilestone(tx, challenge.id, input.milestoneId)
    const files = input.files.filter((f) => f.size > 0)
    if (files.length === 0 && input.notes.trim().length < 2)
      throw new UserError('challenge-work:errors.emptyDeliverable', 'notes')
    if (files.length > MAX_DELIVERABLE_FILES)
      throw new UserError('challenge-work:errors.tooManyFiles', 'files', {
        n: MAX_DELIVERABLE_FILES,
      })
    const at = now()
    const submitted = await moveMilestone(tx, {
      milestoneId: milestone.id,
      action: 'submit',
      actorRoles: ['winner'],
      actorUserId: input.actorUserId,
      set: { submittedAt: at },
    }).catch(asUserError('challenge-work:errors.cannotSubmit'))
    const uploadIds: string[] = []
    for (const file of files) {
      const checked = await checkUpload(file, 'attachment', 'files')
      const stored = await storeUpload(tx, {
        file: checked,
        purpose: 'attachment',
        ownerUserId: input.actorUserId,
        ownerOrgId: bid.bidderOrgId,
      })
      uploadIds.push(stored.id)
    }
    await tx.insert(deliverables).values({
      milestoneId: milestone.id,
      submittedByUserId: input.actorUserId,
      notes: input.notes.trim(),
      uploadIds,
      createdAt: at,
    })
    if (challenge.status === 'funded')
      await moveChallenge(tx, {
        challengeId: challenge.id,
        action: 'start-delivery',
        actorRoles: ['system'],
        actorUserId: input.actorUserId,
      })
    await scheduleTimer(tx, {
      kind: AUTO_RELEASE_TIMER,
      subjectId: milestone.id,
      dueAt: new Date(at.getTime() + AUTO_RELEASE_DAYS * DAY),
    })
    await notifyParty(tx, {
      ...partyOf('poster', award),
      kind: 'challenge.deliverable',
      params: paramsOf(challenge, milestone),
      link: workLink(challenge),
    })
    return submitted
  })
}

/**
 * Pays a milestone out of escrow to the winner, less its share of the fee. The operation key
 * is the milestone's, so however many accepts race (the poster twice, the poster and the
 * timer) the money moves once; the milestone's transition refuses all but the first anyway.
 */
async function releaseMilestone(
  tx: Tx,
  award: Award,
  milestone: Milestone,
  actor: { userId: string | null; roles: readonly ('poster' | 'system')[] },
) {
  const { challenge } = award
  await moveMilestone(tx, {
    milestoneId: milestone.id,
    action: 'accept',
    actorRoles: actor.roles,
    actorUserId: actor.userId,
    note: actor.userId ? null : `${AUTO_RELEASE_DAYS} 天未答复，自动验收`,
    set: { acceptedAt: now() },
  }).catch(asUserError('challenge-work:errors.alreadyAnswered'))
  await cancelTimers(tx, AUTO_RELEASE_TIMER, milestone.id)
  const paymentId = await fundingPaymentId(tx, challenge.id)
  const released = await releasePayment(tx, {
    paymentId,
    priceFen: milestone.amountFen,
    operationKey: `challenge-milestone:${milestone.id}`,
    actorUserId: actor.userId,
    memo: `${challenge.title} · ${milestone.seq}. ${milestone.title}`,
  })
  await notifyParty(tx, {
    ...partyOf('winner', award),
    kind: 'challenge.released',
    params: { ...paramsOf(challenge, milestone), amount: formatMoney(released.payeeFen) },
    link: workLink(challenge),
  })
  await completeIfSettled(tx, challenge.id)
}

export async function acceptMilestone(input: {
  challengeId: string
  milestoneId: string
  actorUserId: string
}) {
  return db().transaction(async (tx) => {
    const award = await actingSide(tx, input.challengeId, input.actorUserId)
    if (award.side !== 'poster') throw new UserError('challenge-work:errors.notYours')
    assertUnderWay(award.challenge)
    const milestone = await lockMilestone(tx, award.challenge.id, input.milestoneId)
    await releaseMilestone(tx, award, milestone, { userId: input.actorUserId, roles: ['poster'] })
  })
}

export async function requestRevision(input: {
  challengeId: string
  milestoneId: string
  actorUserId: string
  reason: string
}) {
  return db().transaction(async (tx) => {
    const award = await actingSide(tx, input.challengeId, input.actorUserId)
    const { challenge, side } = award
    if (side !== 'poster') throw new UserError('challenge-work:errors.notYours')
    assertUnderWay(challenge)
    const milestone = await lockMilestone(tx, challenge.id, input.milestoneId)
    await moveMilestone(tx, {
      milestoneId: milestone.id,
      action: 'request-revision',
      actorRoles: ['poster'],
      actorUserId: input.actorUserId,
      note: input.reason,
    }).catch(asUserError('challenge-work:errors.alreadyAnswered'))
    await cancelTimers(tx, AUTO_RELEASE_TIMER, milestone.id)
    // The answer belongs to the deliverable it answers: the latest one.
    await tx
      .update(deliverables)
      .set({ revisionReason: input.reason })
      .where(
        eq(
          deliverables.id,
          sql`(select id from ${deliverables} where ${deliverables.milestoneId} = ${milestone.id} order by ${deliverables.createdAt} desc, ${deliverables.id} desc limit 1)`,
        ),
      )
    await notifyParty(tx, {
      ...partyOf('winner', award),
      kind: 'challenge.revision',
      params: { ...paramsOf(challenge, milestone), reason: input.reason },
      link: workLink(challenge),
    })
  })
}

/** Silence for AUTO_RELEASE_DAYS after a submission accepts it. */
async function autoRelease(tx: Tx, milestoneId: string): Promise<void> {
  const found = await tx
    .select({ challengeId: milestones.challengeId })
    .from(milestones)
    .where(eq(milestones.id, milestoneId))
    .then((r) => r[0])
  if (!found) return
  const award = await loadAward(tx, found.challengeId)
  if (!award || !(underWay as readonly string[]).includes(award.challenge.status)) return
  const milestone = await lockMilestone(tx, award.challenge.id, milestoneId)
  if (milestone.status !== 'submitted' || !milestone.submittedAt) return
  if (milestone.submittedAt.getTime() + AUTO_RELEASE_DAYS * DAY > now().getTime()) return
  await releaseMilestone(tx, award, milestone, { userId: null, roles: ['system'] })
}

registerTimer(AUTO_RELEASE_TIMER, autoRelease)

/**
 * Every milestone accepted or decided: the challenge is complete, and whatever escrow still
 * holds (the fee on amounts a dispute refunded) goes back to the poster.
 */
async function completeIfSettled(tx: Tx, challengeId: string) {
  const rows = await tx
    .select({ status: milestones.status })
    .from(milestones)
    .where(eq(milestones.challengeId, challengeId))
  if (rows.length === 0 || !rows.every((m) => m.status === 'accepted' || m.status === 'resolved'))
    return
  const challenge = await tx
    .select({ status: challenges.status })
    .from(challenges)
    .where(eq(challenges.id, challengeId))
    .then((r) => r[0])
  if (!challenge || !(underWay as readonly string[]).includes(challenge.status)) return
  await moveChallenge(tx, {
    challengeId,
    action: 'complete',
    actorRoles: ['system'],
    actorUserId: null,
    set: { completedAt: now() },
  })
  const owed = await awardPayment(tx, challengeId)
  if (owed)
    await refundRest(tx, {
      paymentId: owed.payment.id,
      operationKey: `challenge-complete-rest:${challengeId}`,
      reason: '挑战完成，退回托管余额',
      actorUserId: null,
    })
}

export async function disputeMilestone(input: {
  challengeId: string
  milestoneId: string
  actorUserId: string
  reason: string
}) {
  return db().transaction(async (tx) => {
    const award = await actingSide(tx, input.challengeId, input.actorUserId)
    const { challenge, side } = award
    assertUnderWay(challenge)
    const milestone = await lockMilestone(tx, challenge.id, input.milestoneId)
    await moveMilestone(tx, {
      milestoneId: milestone.id,
      action: 'dispute',
      actorRoles: [side],
      actorUserId: input.actorUserId,
      note: input.reason,
    }).catch(asUserError('challenge-work:errors.cannotDispute'))
    await cancelTimers(tx, AUTO_RELEASE_TIMER, milestone.id)
    const dispute = await openDispute(tx, {
      subjectKind: MILESTONE_DISPUTE,
      subjectId: milestone.id,
      paymentId: await fundingPaymentId(tx, challenge.id),
      amountFen: milestone.amountFen,
      openedByUserId: input.actorUserId,
      reason: input.reason,
    })
    await notifyParty(tx, {
      ...partyOf(side === 'poster' ? 'winner' : 'poster', award),
      kind: 'challenge.disputed',
      params: paramsOf(challenge, milestone),
      link: workLink(challenge),
    })
    return dispute
  })
}

onDisputeResolved(MILESTONE_DISPUTE, {
  resolved: async (tx, dispute) => {
    const found = await tx
      .select({ challengeId: milestones.challengeId })
      .from(milestones)
      .where(eq(milestones.id, dispute.subjectId))
      .then((r) => r[0])
    if (!found) return
    await moveMilestone(tx, {
      milestoneId: dispute.subjectId,
      action: 'resolve',
      actorRoles: ['admin'],
      actorUserId: dispute.resolvedByUserId,
      note: dispute.resolutionNote,
    })
    await completeIfSettled(tx, found.challengeId)
  },
  describe: async (tx, dispute) => {
    const row = await tx
      .select({ milestone: milestones, title: challenges.title, slug: challenges.slug })
      .from(milestones)
      .innerJoin(challenges, eq(challenges.id, milestones.challengeId))
      .where(eq(milestones.id, dispute.subjectId))
      .then((r) => r[0])
    const latest = row
      ? await tx
          .select({ notes: deliverables.notes, uploadIds: deliverables.uploadIds })
          .from(deliverables)
          .where(eq(deliverables.milestoneId, row.milestone.id))
          .orderBy(sql`${deliverables.createdAt} desc`)
          .limit(1)
          .then((r) => r[0])
      : undefined
    return {
      link: row ? workLink(row) : '/',
      title: row ? `${row.title} · ${row.milestone.seq}. ${row.milestone.title}` : '',
      claim: dispute.reason,
      evidence: latest?.uploadIds ?? [],
    }
  },
})

/** The sides that have asked to end the challenge since it was funded. */
export async function cancelRequests(tx: Tx, challengeId: string) {
  const rows = await tx
    .select({
      action: challengeEvents.action,
      note: challengeEvents.note,
      at: challengeEvents.at,
      actorUserId: challengeEvents.actorUserId,
    })
    .from(challengeEvents)
    .where(
      and(
        eq(challengeEvents.challengeId, challengeId),
        like(challengeEvents.action, 'cancel-request:%'),
      ),
    )
    .orderBy(asc(challengeEvents.at))
  const bySide = new Map<Side, (typeof rows)[number]>()
  for (const row of rows)
    bySide.set(row.action === cancelRequest('poster') ? 'poster' : 'winner', row)
  return bySide
}

/** Ends a funded challenge: the machine's cancel-funded, the unreleased rest refunded, both told. */
async function cancelFunded(
  tx: Tx,
  award: Award,
  input: { roles: readonly ('admin' | 'agreement')[]; actorUserId: string; reason: string },
) {
  const { challenge } = award
  const pending = await tx
    .select({ id: milestones.id })
    .from(milestones)
    .where(and(eq(milestones.challengeId, challenge.id), inArray(milestones.status, ['disputed'])))
    .limit(1)
  // An open dispute is the admin's to decide first: its money must not be refunded under it.
  if (pending.length > 0) throw new UserError('challenge-work:errors.disputeOpen')
  await moveChallenge(tx, {
    challengeId: challenge.id,
    action: 'cancel-funded',
    actorRoles: input.roles,
    actorUserId: input.actorUserId,
    note: input.reason,
    set: { closedReason: input.reason },
  }).catch(asUserError('challenge-work:errors.cannotCancel'))
  const ids = await tx
    .select({ id: milestones.id })
    .from(milestones)
    .where(eq(milestones.challengeId, challenge.id))
  for (const m of ids) await cancelTimers(tx, AUTO_RELEASE_TIMER, m.id)
  const owed = await awardPayment(tx, challenge.id)
  if (owed)
    await refundRest(tx, {
      paymentId: owed.payment.id,
      operationKey: `challenge-cancel:${challenge.id}`,
      reason: input.reason,
      actorUserId: input.actorUserId,
    })
  await cancelUnpaid(tx, challenge.id, input.reason)
  for (const side of ['poster', 'winner'] as const)
    await notifyParty(tx, {
      ...partyOf(side, award),
      kind: 'challenge.cancelled',
      params: { title: challenge.title, reason: input.reason },
      link: workLink(challenge),
    })
}

/**
 * One side asks to end the funded challenge. Its request is recorded; when the other side has
 * asked too, the challenge is cancelled by agreement. Before funding there is nothing to
 * cancel: an award nobody funds lapses at its deadline.
 */
export async function requestCancellation(input: {
  challengeId: string
  actorUserId: string
  reason: string
}): Promise<{ cancelled: boolean }> {
  return db().transaction(async (tx) => {
    const award = await actingSide(tx, input.challengeId, input.actorUserId)
    const { challenge, side } = award
    if (challenge.status === 'awarded') throw new UserError('challenge-work:errors.cancelUnfunded')
    assertUnderWay(challenge)
    const requests = await cancelRequests(tx, challenge.id)
    if (requests.has(side)) throw new UserError('challenge-work:errors.alreadyAsked')
    await tx.insert(challengeEvents).values({
      challengeId: challenge.id,
      action: cancelRequest(side),
      fromStatus: challenge.status,
      toStatus: challenge.status,
      actorUserId: input.actorUserId,
      note: input.reason,
      at: now(),
    })
    const other = side === 'poster' ? 'winner' : 'poster'
    if (!requests.has(other)) {
      await notifyParty(tx, {
        ...partyOf(other, award),
        kind: 'challenge.cancelled',
        params: { title: challenge.title, reason: input.reason },
        link: workLink(challenge),
      })
      return { cancelled: false }
    }
    await cancelFunded(tx, award, {
      roles: ['agreement'],
      actorUserId: input.actorUserId,
      reason: input.reason,
    })
    return { cancelled: true }
  })
}

/** A platform admin ends an awarded or funded challenge, refunding what was not released. */
export async function adminCancelChallenge(input: {
  challengeId: string
  actorUserId: string
  reason: string
  ip: string
}) {
  return db().transaction(async (tx) => {
    const award = await loadAward(tx, input.challengeId)
    if (!award) throw new UserError('challenge-work:errors.notFound')
    await cancelFunded(tx, award, {
      roles: ['admin'],
      actorUserId: input.actorUserId,
      reason: input.reason,
    })
    await audit(tx, {
      actorUserId: input.actorUserId,
      action: 'cancel-challenge',
      entity: 'challenge',
      entityId: award.challenge.id,
      data: { reason: input.reason },
      ip: input.ip,
    })
  })
}

/** A deliverable's file is for the two sides of its award (the winner's side owns it already). */
export async function canReadDeliverable(userId: string, uploadId: string): Promise<boolean> {
  const rows = await db()
    .select({ challengeId: milestones.challengeId })
    .from(deliverables)
    .innerJoin(milestones, eq(milestones.id, deliverables.milestoneId))
    .where(sql`${uploadId}::uuid = any(${deliverables.uploadIds})`)
  for (const row of rows) {
    const award = await loadAward(db(), row.challengeId, false)
    if (award && (await standingIn(db(), award, userId))) return true
  }
  return false
}
