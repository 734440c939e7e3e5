// Agreeing how an award is paid out: the poster proposes milestones (title, due date, amount,
// or a percentage of the award split by the largest remainder so the amounts sum to the award
// exactly); the winner agrees or counter-proposes, superseding the open plan, until one side
// agrees to the other's. The agreed plan becomes the milestones, and the escrow payment is owed.
import { and, desc, eq } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import { milestonePlans, milestones, type PlannedMilestone } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { fireTransition } from '../lifecycle/transition.server.ts'
import { TransitionError } from '../lifecycle/machine.ts'
import { notifyParty } from '../notifications/notify.server.ts'
import { formatMoney, parseYuan, splitLargestRemainder } from '../payments/money.ts'
import { UserError } from '../problems.ts'
import { shanghaiToday } from '../../shanghai-time.server.ts'
import {
  actingSide,
  awardFenOf,
  partyOf,
  workLink,
  type Challenge,
  type Side,
} from './award-parties.server.ts'
import { milestonePlanMachine } from './challenge.machine.ts'
import { type PlanItemInput, type PlanMode } from './challenge-work.schema.ts'
import { parsePercent, WHOLE_PERCENT } from './challenge-limits.ts'
import { billAward, scheduleFundingDeadline } from './funding.server.ts'

type Plan = typeof milestonePlans.$inferSelect

/** A date as Shanghai's calendar has it ("2026-09-01"). */
/**
 * The milestones a plan as typed pays: amounts must sum to the award; percentages must sum to
 * 100 % and are turned into amounts by the largest remainder, so they sum to the award too.
 */
export function planAmounts(
  awardFen: number,
  mode: PlanMode,
  items: readonly PlanItemInput[],
): PlannedMilestone[] {
  if (items.length === 0) throw new UserError('challenge-work:errors.items')
  let amounts: number[]
  if (mode === 'percent') {
    const weights = items.map((item, i) => {
      const w = parsePercent(item.share)
      if (w === null || w <= 0)
        throw new UserError('challenge-work:errors.share', `items[${i}].share`)
      return w
    })
    const total = weights.reduce((a, b) => a + b, 0)
    if (total !== WHOLE_PERCENT)
      throw new UserError('challenge-work:errors.percentSum', undefined, {
        sum: (total / 100).toFixed(2),
      })
    amounts = splitLargestRemainder(awardFen, weights)
  } else {
    amounts = items.map((item, i) => {
      const fen = parseYuan(item.share)
      if (fen === null || fen <= 0)
        throw new UserError('challenge-work:errors.share', `items[${i}].share`)
      return fen
    })
    const total = amounts.reduce((a, b) => a + b, 0)
    if (total !== awardFen)
      throw new UserError('challenge-work:errors.sumMismatch', undefined, {
        sum: formatMoney(total),
        award: formatMoney(awardFen),
      })
  }
  // A percentage too small to come to a fen would leave a milestone paying nothing.
  if (amounts.some((a) => a <= 0)) throw new UserError('challenge-work:errors.share')
  return items.map((item, i) => ({
    title: item.title,
    dueOn: item.dueOn,
    amountFen: amounts[i] ?? 0,
  }))
}

/** The plans of the current award, newest first. */
export async function plansOf(tx: Tx, challengeId: string, bidId: string) {
  return tx
    .select()
    .from(milestonePlans)
    .where(and(eq(milestonePlans.challengeId, challengeId), eq(milestonePlans.bidId, bidId)))
    .orderBy(desc(milestonePlans.createdAt), desc(milestonePlans.id))
}

function movePlan(tx: Tx, planId: string, action: 'agree' | 'supersede', side: Side) {
  return fireTransition(tx, {
    machine: milestonePlanMachine,
    table: milestonePlans,
    idColumn: milestonePlans.id,
    statusColumn: milestonePlans.status,
    statusKey: 'status',
    id: planId,
    action,
    actorRoles: [side],
    set: { updatedAt: now() },
  })
}

/** The plan may still be negotiated: awarded, not funded, and the funding deadline ahead. */
function assertNegotiable(challenge: Challenge) {
  if (challenge.status !== 'awarded') throw new UserError('challenge-work:errors.notNegotiating')
  if (challenge.fundingDeadline && challenge.fundingDeadline <= now())
    throw new UserError('challenge-work:errors.deadlinePassed')
}

export async function proposePlan(input: {
  challengeId: string
  actorUserId: string
  mode: PlanMode
  items: readonly PlanItemInput[]
  note?: string
}): Promise<Plan> {
  return db().transaction(async (tx) => {
    const award = await actingSide(tx, input.challengeId, input.actorUserId)
    const { challenge, bid, side } = award
    assertNegotiable(challenge)
    const plans = await plansOf(tx, challenge.id, bid.id)
    if (plans.some((p) => p.status === 'agreed'))
      throw new UserError('challenge-work:errors.planAgreed')
    const open = plans.find((p) => p.status === 'proposed')
    // The poster opens the negotiation; the winner answers it.
    if (!open && side === 'winner') throw new UserError('challenge-work:errors.posterFirst')
    const today = shanghaiToday(now())
    const lastDay = shanghaiToday(challenge.deliveryDeadline)
    input.items.forEach((item, i) => {
      if (item.dueOn < today || item.dueOn > lastDay)
        throw new UserError('challenge-work:errors.dueOnRange', `items[${i}].dueOn`, {
          from: today,
          to: lastDay,
        })
    })
    const items = planAmounts(awardFenOf(challenge, bid), input.mode, input.items)
    if (open) await movePlan(tx, open.id, 'supersede', side)
    const at = now()
    const [plan] = await tx
      .insert(milestonePlans)
      .values({
        challengeId: challenge.id,
        bidId: bid.id,
        proposedBySide: side,
        proposedByUserId: input.actorUserId,
        items,
        note: input.note ?? '',
        status: 'proposed',
        createdAt: at,
        updatedAt: at,
      })
      .returning()
    if (!plan) throw new Error('milestone plan not stored')
    await scheduleFundingDeadline(tx, challenge)
    await notifyParty(tx, {
      ...partyOf(side === 'poster' ? 'winner' : 'poster', award),
      kind: 'challenge.milestonesProposed',
      params: { title: challenge.title },
      link: workLink(challenge),
    })
    return plan
  })
}

/**
 * One side agrees to the other's open plan: it becomes the milestones (seq 1…n) and the poster
 * owes the award and fee into escrow by the funding deadline.
 */
export async function agreePlan(input: {
  challengeId: string
  planId: string
  actorUserId: string
}) {
  return db().transaction(async (tx) => {
    const award = await actingSide(tx, input.challengeId, input.actorUserId)
    const { challenge, bid, side } = award
    assertNegotiable(challenge)
    const plans = await plansOf(tx, challenge.id, bid.id)
    const plan = plans.find((p) => p.id === input.planId)
    if (!plan || plan.status !== 'proposed')
      throw new UserError('challenge-work:errors.planNotOpen')
    if (plan.proposedBySide === side) throw new UserError('challenge-work:errors.ownPlan')
    await movePlan(tx, plan.id, 'agree', side).catch((error: unknown) => {
      if (error instanceof TransitionError) throw new UserError('challenge-work:errors.planNotOpen')
      throw error
    })
    const at = now()
    const rows = await tx
      .insert(milestones)
      .values(
        plan.items.map((item, i) => ({
          challengeId: challenge.id,
          seq: i + 1,
          title: item.title,
          dueOn: item.dueOn,
          amountFen: item.amountFen,
          status: 'agreed' as const,
          createdAt: at,
          updatedAt: at,
        })),
      )
      .returning()
    // Whoever acts for the poster pays: the person agreeing, or the one who last proposed.
    const payerUserId =
      side === 'poster'
        ? input.actorUserId
        : (plans.find((p) => p.proposedBySide === 'poster')?.proposedByUserId ??
          challenge.createdByUserId)
    if (!payerUserId) throw new Error(`no one acts for the poster of ${challenge.id}`)
    const bill = await billAward(tx, {
      challenge,
      bid,
      milestones: rows.sort((a, b) => a.seq - b.seq),
      payerUserId,
    })
    for (const to of ['poster', 'winner'] as const)
      await notifyParty(tx, {
        ...partyOf(to, award),
        kind: 'challenge.milestonesAgreed',
        params: { title: challenge.title },
        link: workLink(challenge),
      })
    return { plan, milestones: rows, ...bill }
  })
}
