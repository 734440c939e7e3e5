// A material change to a live campaign's terms: every investor whose commitment counts is asked
// to reconfirm within 120 hours, or the commitment is cancelled (lapses). When the deadline is
// nearer than that, it moves out so the whole window fits before it.
import { and, eq, inArray } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server.ts'
import { campaigns, commitments } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { shanghaiTime } from '../../shanghai-time.server.ts'
import { notify } from '../notifications/notify.server.ts'
import { cancelTimers, registerTimer, scheduleTimer } from '../timers/timers.server.ts'
import { RECONFIRM_HOURS } from './deals.schema.ts'
import { dealTimers } from './timer-kinds.ts'
import { moveCommitment } from './transitions.server.ts'

const HOUR = 3_600_000

/**
 * Asks every counting commitment of the campaign to reconfirm the current version's terms.
 * Call in the transaction that bumped `campaigns.version`, with the campaign row locked.
 * Returns the deadline, possibly extended.
 */
export async function askReconfirmation(
  tx: Tx,
  input: { campaignId: string; actorUserId: string | null },
): Promise<{ deadline: Date; asked: number }> {
  const campaign = await tx
    .select()
    .from(campaigns)
    .where(eq(campaigns.id, input.campaignId))
    .then((r) => r[0])
  if (!campaign) throw new Error(`no campaign ${input.campaignId}`)
  const at = now()
  const reconfirmBy = new Date(at.getTime() + RECONFIRM_HOURS * HOUR)
  let deadline = campaign.deadline
  if (deadline < reconfirmBy) {
    deadline = reconfirmBy
    await tx.update(campaigns).set({ deadline, updatedAt: at }).where(eq(campaigns.id, campaign.id))
    await cancelTimers(tx, dealTimers.campaignDeadline, campaign.id)
    await scheduleTimer(tx, {
      kind: dealTimers.campaignDeadline,
      subjectId: campaign.id,
      dueAt: deadline,
    })
  }
  const asked = await tx
    .select({ id: commitments.id, userId: commitments.userId, status: commitments.status })
    .from(commitments)
    .where(
      and(
        eq(commitments.campaignId, campaign.id),
        inArray(commitments.status, ['committed', 'reconfirm_required']),
      ),
    )
  for (const c of asked) {
    if (c.status === 'committed') {
      await moveCommitment(tx, {
        commitmentId: c.id,
        action: 'ask-reconfirm',
        actorRoles: ['system'],
        actorUserId: input.actorUserId,
        note: `v${campaign.version}`,
        set: { reconfirmBy },
      })
    } else {
      // Already asked about an earlier change: the clock restarts for the newer terms.
      await tx
        .update(commitments)
        .set({ reconfirmBy, updatedAt: at })
        .where(eq(commitments.id, c.id))
    }
    await cancelTimers(tx, dealTimers.reconfirmBy, c.id)
    await scheduleTimer(tx, { kind: dealTimers.reconfirmBy, subjectId: c.id, dueAt: reconfirmBy })
    await notify(tx, {
      userId: c.userId,
      kind: 'campaign.reconfirm',
      params: { title: campaign.title, reconfirmBy: shanghaiTime(reconfirmBy) },
      link: `/campaigns/${campaign.slug}`,
    })
  }
  return { deadline, asked: asked.length }
}

/** The investor agrees to the current terms: the commitment counts again as committed. */
export async function reconfirmCommitment(
  tx: Tx,
  input: { commitmentId: string; userId: string },
): Promise<void> {
  const row = await tx
    .select({ c: commitments, version: campaigns.version })
    .from(commitments)
    .innerJoin(campaigns, eq(campaigns.id, commitments.campaignId))
    .where(eq(commitments.id, input.commitmentId))
    .for('update', { of: commitments })
    .then((r) => r[0])
  if (!row || row.c.userId !== input.userId) throw new Error('not your commitment')
  await moveCommitment(tx, {
    commitmentId: row.c.id,
    action: 'reconfirm',
    actorRoles: ['investor'],
    actorUserId: input.userId,
    note: `v${row.version}`,
    set: { reconfirmBy: null, termsVersion: row.version },
  })
  await cancelTimers(tx, dealTimers.reconfirmBy, row.c.id)
}

// 120 hours passed without a reconfirmation: the commitment is cancelled. Its money (if any
// was paid now) goes back through the commitment's own release (commit.server.ts's hook).
registerTimer(dealTimers.reconfirmBy, async (tx, commitmentId) => {
  const row = await tx
    .select({ c: commitments, title: campaigns.title, slug: campaigns.slug })
    .from(commitments)
    .innerJoin(campaigns, eq(campaigns.id, commitments.campaignId))
    .where(eq(commitments.id, commitmentId))
    .for('update', { of: commitments })
    .then((r) => r[0])
  if (!row || row.c.status !== 'reconfirm_required') return
  if (row.c.reconfirmBy && row.c.reconfirmBy > now()) return
  await moveCommitment(tx, {
    commitmentId,
    action: 'lapse',
    actorRoles: ['system'],
    actorUserId: null,
  })
  await afterCommitmentEnds(tx, commitmentId)
  await notify(tx, {
    userId: row.c.userId,
    kind: 'commitment.lapsed',
    params: { title: row.title },
    link: `/campaigns/${row.slug}`,
  })
})

type EndHook = (tx: Tx, commitmentId: string) => Promise<void>
let endHook: EndHook | null = null

/**
 * What happens to a commitment's payment when it stops counting before the deadline
 * (cancelled or lapsed): the commitments module registers it (call off an unpaid payment,
 * refund a paid one).
 */
export function onCommitmentEnded(hook: EndHook): void {
  endHook = hook
}

export async function afterCommitmentEnds(tx: Tx, commitmentId: string): Promise<void> {
  if (!endHook) throw new Error('no commitment end hook registered')
  await endHook(tx, commitmentId)
}
