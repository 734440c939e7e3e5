// A verifier decides a claim case: accepted, the claimant joins the organisation as an owner
// (the verifier then reviews who else should stay); declined, the reason is recorded.
import { and, eq, isNull } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import { claimCases, orgMembers } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { audit } from '../admin/audit.server.ts'
import { fireTransition } from '../lifecycle/transition.server.ts'
import { claimMachine } from './claim.machine.ts'
import { assertNoConflict } from '../admin/conflict.server.ts'

export async function decideClaim(input: {
  claimId: string
  decision: 'accept' | 'decline'
  reason: string
  actorUserId: string
  ip: string
}): Promise<void> {
  await db().transaction(async (tx) => {
    const claim = await tx
      .select()
      .from(claimCases)
      .where(eq(claimCases.id, input.claimId))
      .then((r) => r[0])
    if (!claim) throw new Error('claim not found')
    await assertNoConflict(tx, input.actorUserId, [claim.orgId])
    const at = now()
    await fireTransition(tx, {
      machine: claimMachine,
      table: claimCases,
      idColumn: claimCases.id,
      statusColumn: claimCases.status,
      statusKey: 'status',
      id: input.claimId,
      action: input.decision,
      actorRoles: ['verifier'],
      set: { decidedAt: at, decidedByUserId: input.actorUserId, decisionReason: input.reason },
    })
    if (input.decision === 'accept') {
      const existing = await tx
        .select()
        .from(orgMembers)
        .where(
          and(
            eq(orgMembers.orgId, claim.orgId),
            eq(orgMembers.userId, claim.claimantUserId),
            isNull(orgMembers.leftAt),
          ),
        )
        .then((r) => r[0])
      if (existing)
        await tx.update(orgMembers).set({ role: 'owner' }).where(eq(orgMembers.id, existing.id))
      else
        await tx
          .insert(orgMembers)
          .values({ orgId: claim.orgId, userId: claim.claimantUserId, role: 'owner', joinedAt: at })
    }
    await audit(tx, {
      actorUserId: input.actorUserId,
      action: `${input.decision}-claim`,
      entity: 'claim',
      entityId: input.claimId,
      data: { reason: input.reason },
      ip: input.ip,
    })
  })
}
