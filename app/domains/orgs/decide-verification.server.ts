// A verifier's decision on an organisation (approve, or reject with a reason the organisation
// sees) and an organisation's resubmission after a rejection. Every step goes through the
// verification machine and is audited.
import { eq } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import { organisations, orgStatusEvents } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { indexLater } from '../../../search/index-later.server.ts'
import { audit } from '../admin/audit.server.ts'
import { notifyParty } from '../notifications/notify.server.ts'
import { fireTransition } from '../lifecycle/transition.server.ts'
import { orgVerificationMachine, type OrgAction } from './org-verification.machine.ts'
import { assertNoConflict } from '../admin/conflict.server.ts'

type Role = (typeof orgVerificationMachine.transitions)[number]['actors'][number]

export async function transitionOrg(input: {
  orgId: string
  action: OrgAction
  actorUserId: string
  actorRoles: readonly Role[]
  reason?: string
  ip: string
}): Promise<void> {
  await db().transaction(async (tx) => {
    // A platform admin never decides on their own organisation; its own admins resubmit it.
    if (!input.actorRoles.includes('org-admin'))
      await assertNoConflict(tx, input.actorUserId, [input.orgId])
    const at = now()
    const { from, to } = await fireTransition(tx, {
      machine: orgVerificationMachine,
      table: organisations,
      idColumn: organisations.id,
      statusColumn: organisations.status,
      statusKey: 'status',
      id: input.orgId,
      action: input.action,
      actorRoles: input.actorRoles,
      set: {
        updatedAt: at,
        rejectionReason:
          input.action === 'reject' || input.action === 'suspend' ? (input.reason ?? null) : null,
        ...(input.action === 'verify' ? { verifiedAt: at } : {}),
      },
    })
    await tx.insert(orgStatusEvents).values({
      orgId: input.orgId,
      action: input.action,
      fromStatus: from,
      toStatus: to,
      actorUserId: input.actorUserId,
      reason: input.reason ?? null,
      at,
    })
    // Verified organisations are public offerings; any other status takes them out of search.
    await indexLater(tx, 'organisation', input.orgId)
    await audit(tx, {
      actorUserId: input.actorUserId,
      action: `${input.action}-org`,
      entity: 'organisation',
      entityId: input.orgId,
      data: input.reason ? { reason: input.reason } : {},
      ip: input.ip,
    })
    if (input.action === 'verify' || input.action === 'reject') {
      const org = await tx
        .select({ name: organisations.name, slug: organisations.slug })
        .from(organisations)
        .where(eq(organisations.id, input.orgId))
        .then((r) => r[0])
      await notifyParty(tx, {
        orgId: input.orgId,
        orgRoles: ['owner', 'admin'],
        kind: input.action === 'verify' ? 'org.verified' : 'org.rejected',
        params: { orgName: org?.name ?? '', reason: input.reason ?? '' },
        link: `/orgs/${org?.slug ?? ''}`,
      })
    }
  })
}
