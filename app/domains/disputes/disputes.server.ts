// Opening and deciding disputes over escrowed money. The decision moves the money (release to
// the payee, refund to the payer, or a split of the two that sums to the disputed amount) and
// then tells the subject (a deposit claim, a milestone) through the hook it registered.
import { and, desc, eq } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import { isUuid } from '../../../db/ids.ts'
import { disputeEvents, disputes, payments } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { audit } from '../admin/audit.server.ts'
import { fireTransition } from '../lifecycle/transition.server.ts'
import { TransitionError } from '../lifecycle/machine.ts'
import { formatMoney } from '../payments/money.ts'
import { notifyParty } from '../notifications/notify.server.ts'
import { refundPayment } from '../payments/refund-payment.server.ts'
import { releasePayment } from '../payments/release-payment.server.ts'
import { UserError } from '../problems.ts'
import { disputeMachine, type DisputeResolution } from './dispute.machine.ts'
import { assertNoConflict } from '../admin/conflict.server.ts'

type Dispute = typeof disputes.$inferSelect
type SubjectHooks = {
  resolved: (tx: Tx, dispute: Dispute) => Promise<void>
  /** What the dispute is about, and where its two sides see it. */
  describe: (
    tx: Tx,
    dispute: Dispute,
  ) => Promise<{ link: string; title: string; claim: string; evidence: string[] }>
}
const subjectHooks = new Map<string, SubjectHooks>()

/** A subject kind says what happens to it once its dispute is decided, and where it is seen. */
export function onDisputeResolved(subjectKind: string, hooks: SubjectHooks) {
  subjectHooks.set(subjectKind, hooks)
}

/**
 * The subjects register their hooks when their modules load; loaded here on first use rather
 * than imported at the top, because those modules import this one.
 */
const hooksLoaded = () => import('../business-hooks.server.ts')

async function describe(tx: Tx, d: Dispute) {
  await hooksLoaded()
  return (
    (await subjectHooks.get(d.subjectKind)?.describe(tx, d)) ?? {
      link: '/',
      title: '',
      claim: '',
      evidence: [],
    }
  )
}

async function record(
  tx: Tx,
  input: {
    disputeId: string
    action: string
    from: string | null
    to: string
    actorUserId: string
    note?: string | null
  },
) {
  await tx.insert(disputeEvents).values({
    disputeId: input.disputeId,
    action: input.action,
    fromStatus: input.from,
    toStatus: input.to,
    actorUserId: input.actorUserId,
    note: input.note ?? null,
    at: now(),
  })
}

export async function openDispute(
  tx: Tx,
  input: {
    subjectKind: string
    subjectId: string
    paymentId: string
    amountFen: number
    openedByUserId: string
    reason: string
  },
): Promise<Dispute> {
  const at = now()
  const [row] = await tx
    .insert(disputes)
    .values({ ...input, status: 'open', createdAt: at, updatedAt: at })
    .returning()
  if (!row) throw new Error('dispute not stored')
  await record(tx, {
    disputeId: row.id,
    action: 'open',
    from: null,
    to: 'open',
    actorUserId: input.openedByUserId,
    note: input.reason,
  })
  return row
}

/** The amounts a resolution pays out: all to the payee, all back to the payer, or the split given. */
export function divide(
  resolution: DisputeResolution,
  amountFen: number,
  releaseFen?: number,
): { releaseFen: number; refundFen: number } {
  if (resolution === 'release') return { releaseFen: amountFen, refundFen: 0 }
  if (resolution === 'refund') return { releaseFen: 0, refundFen: amountFen }
  if (
    releaseFen === undefined ||
    !Number.isSafeInteger(releaseFen) ||
    releaseFen <= 0 ||
    releaseFen >= amountFen
  )
    throw new UserError('admin:disputes.errors.split', 'releaseYuan')
  return { releaseFen, refundFen: amountFen - releaseFen }
}

export async function resolveDispute(input: {
  disputeId: string
  resolution: DisputeResolution
  releaseFen?: number
  note: string
  actorUserId: string
  ip: string
}): Promise<Dispute> {
  await hooksLoaded()
  return db().transaction(async (tx) => {
    const dispute = await tx
      .select()
      .from(disputes)
      .where(eq(disputes.id, input.disputeId))
      .for('update')
      .then((r) => r[0])
    if (!dispute) throw new UserError('admin:disputes.errors.notFound')
    const parties = await tx
      .select({ payer: payments.payerOrgId, payee: payments.payeeOrgId })
      .from(payments)
      .where(eq(payments.id, dispute.paymentId))
      .then((r) => r[0])
    await assertNoConflict(tx, input.actorUserId, [parties?.payer, parties?.payee])
    const split = divide(input.resolution, dispute.amountFen, input.releaseFen)
    const at = now()
    try {
      await fireTransition(tx, {
        machine: disputeMachine,
        table: disputes,
        idColumn: disputes.id,
        statusColumn: disputes.status,
        statusKey: 'status',
        id: dispute.id,
        action: 'resolve',
        actorRoles: ['admin'],
        set: {
          resolution: input.resolution,
          releaseFen: split.releaseFen,
          refundFen: split.refundFen,
          resolvedByUserId: input.actorUserId,
          resolutionNote: input.note,
          resolvedAt: at,
          updatedAt: at,
        },
      })
    } catch (error) {
      if (error instanceof TransitionError) throw new UserError('admin:disputes.errors.decided')
      throw error
    }
    await record(tx, {
      disputeId: dispute.id,
      action: 'resolve',
      from: 'open',
      to: 'resolved',
      actorUserId: input.actorUserId,
      note: input.note,
    })
    if (split.releaseFen > 0)
      await releasePayment(tx, {
        paymentId: dispute.paymentId,
        priceFen: split.releaseFen,
        operationKey: `dispute-release:${dispute.id}`,
        actorUserId: input.actorUserId,
        memo: input.note,
      })
    if (split.refundFen > 0)
      await refundPayment(tx, {
        paymentId: dispute.paymentId,
        amountFen: split.refundFen,
        operationKey: `dispute-refund:${dispute.id}`,
        reason: input.note,
        actorUserId: input.actorUserId,
      })
    const resolved = { ...dispute, status: 'resolved' as const, ...split }
    await subjectHooks.get(dispute.subjectKind)?.resolved(tx, resolved)
    const payment = await tx
      .select()
      .from(payments)
      .where(eq(payments.id, dispute.paymentId))
      .then((r) => r[0])
    if (payment) {
      const params = {
        description: payment.description,
        release: formatMoney(split.releaseFen, payment.currency),
        refund: formatMoney(split.refundFen, payment.currency),
      }
      const { link } = await describe(tx, resolved)
      await notifyParty(tx, {
        userId: payment.payerUserId,
        kind: 'dispute.resolved',
        params,
        link,
      })
      await notifyParty(tx, {
        orgId: payment.payeeOrgId,
        userId: payment.payeeUserId,
        kind: 'dispute.resolved',
        params,
        link,
      })
    }
    await audit(tx, {
      actorUserId: input.actorUserId,
      action: 'resolve-dispute',
      entity: 'dispute',
      entityId: dispute.id,
      data: { resolution: input.resolution, ...split },
      ip: input.ip,
    })
    return { ...resolved, resolution: input.resolution }
  })
}

/** Disputes for the admin queue: open first, then the latest decided. */
export async function listDisputes(status: 'open' | 'resolved' | 'all' = 'open') {
  return db()
    .select({ dispute: disputes, payment: payments })
    .from(disputes)
    .innerJoin(payments, eq(payments.id, disputes.paymentId))
    .where(status === 'all' ? undefined : eq(disputes.status, status))
    .orderBy(desc(disputes.createdAt))
    .limit(200)
}

export async function loadDispute(id: string) {
  if (!isUuid(id)) return null
  const row = await db()
    .select({ dispute: disputes, payment: payments })
    .from(disputes)
    .innerJoin(payments, eq(payments.id, disputes.paymentId))
    .where(eq(disputes.id, id))
    .then((r) => r[0])
  if (!row) return null
  const events = await db()
    .select()
    .from(disputeEvents)
    .where(eq(disputeEvents.disputeId, id))
    .orderBy(disputeEvents.at)
  return { ...row, events, subject: await describe(db(), row.dispute) }
}

export const openDisputeOf = (subjectKind: string, subjectId: string) =>
  and(
    eq(disputes.subjectKind, subjectKind),
    eq(disputes.subjectId, subjectId),
    eq(disputes.status, 'open'),
  )
