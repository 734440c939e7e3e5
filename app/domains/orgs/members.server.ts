// People in an organisation: invitations by e-mail, roles, leaving, and handing over ownership.
// An organisation always keeps at least one owner.
import { and, eq, gt, isNull } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import { organisations, orgInvitations, orgMembers, users } from '../../../db/schema/index.ts'
import { messageSend } from '../../../workers/jobs/message-send.ts'
import { now } from '../../clock.server.ts'
import { publicUrl } from '../../env.server.ts'
import type { Language } from '../../i18n/config.ts'
import { invitationMessage } from '../accounts/messages.server.ts'
import { digestHex, randomToken } from '../accounts/tokens.server.ts'
import { audit } from '../admin/audit.server.ts'
import { enqueue } from '../jobs/boss.server.ts'
import { UserError } from '../problems.ts'
import type { OrgRole } from './org.schema.ts'

export const INVITATION_TTL_MS = 7 * 24 * 3600_000

async function activeMember(tx: Tx, orgId: string, userId: string) {
  return tx
    .select()
    .from(orgMembers)
    .where(
      and(eq(orgMembers.orgId, orgId), eq(orgMembers.userId, userId), isNull(orgMembers.leftAt)),
    )
    .for('update')
    .then((r) => r[0])
}

/** An active member row of the organisation, locked for the rest of the transaction. */
async function lockMember(tx: Tx, orgId: string, memberId: string) {
  return tx
    .select()
    .from(orgMembers)
    .where(and(eq(orgMembers.id, memberId), eq(orgMembers.orgId, orgId), isNull(orgMembers.leftAt)))
    .for('update')
    .then((r) => r[0])
}

async function ownerCount(tx: Tx, orgId: string): Promise<number> {
  const rows = await tx
    .select({ id: orgMembers.id })
    .from(orgMembers)
    .where(
      and(eq(orgMembers.orgId, orgId), eq(orgMembers.role, 'owner'), isNull(orgMembers.leftAt)),
    )
    .for('update')
  return rows.length
}

export async function inviteMember(input: {
  orgId: string
  inviterUserId: string
  inviterName: string
  inviterRole: OrgRole
  email: string
  role: OrgRole
  lng: Language
  ip: string
}): Promise<void> {
  // Only an owner can make another owner.
  if (input.role === 'owner' && input.inviterRole !== 'owner')
    throw new UserError('orgs:errors.ownerOnly', 'role')
  await db().transaction(async (tx) => {
    const org = await tx
      .select()
      .from(organisations)
      .where(eq(organisations.id, input.orgId))
      .then((r) => r[0])
    if (!org) throw new UserError('orgs:errors.notFound')
    const already = await tx
      .select({ id: orgMembers.id })
      .from(orgMembers)
      .innerJoin(users, eq(users.id, orgMembers.userId))
      .where(
        and(
          eq(orgMembers.orgId, input.orgId),
          eq(users.email, input.email),
          isNull(orgMembers.leftAt),
        ),
      )
      .then((r) => r[0])
    if (already) throw new UserError('orgs:errors.alreadyMember', 'email')
    const token = randomToken(20)
    const at = now()
    await tx.insert(orgInvitations).values({
      orgId: input.orgId,
      email: input.email,
      role: input.role,
      tokenHash: digestHex(token),
      invitedByUserId: input.inviterUserId,
      createdAt: at,
      expiresAt: new Date(at.getTime() + INVITATION_TTL_MS),
    })
    const message = invitationMessage(
      input.lng,
      org.name,
      input.inviterName,
      `${publicUrl()}/invitations/${token}`,
    )
    await enqueue(tx, messageSend, { channel: 'email', to: input.email, ...message })
    await audit(tx, {
      actorUserId: input.inviterUserId,
      actingOrgId: input.orgId,
      action: 'invite-member',
      entity: 'organisation',
      entityId: input.orgId,
      data: { email: input.email, role: input.role },
      ip: input.ip,
    })
  })
}

export async function findInvitation(token: string) {
  return db()
    .select({
      invitation: orgInvitations,
      org: { id: organisations.id, name: organisations.name, slug: organisations.slug },
    })
    .from(orgInvitations)
    .innerJoin(organisations, eq(organisations.id, orgInvitations.orgId))
    .where(
      and(
        eq(orgInvitations.tokenHash, digestHex(token)),
        isNull(orgInvitations.acceptedAt),
        isNull(orgInvitations.revokedAt),
        gt(orgInvitations.expiresAt, now()),
      ),
    )
    .then((r) => r[0])
}

/** The invitation is for an address: only the member who verified that address can accept it. */
export async function acceptInvitation(input: {
  token: string
  userId: string
  userEmail: string | null
  ip: string
}): Promise<{ slug: string }> {
  return db().transaction(async (tx) => {
    const found = await findInvitation(input.token)
    if (!found) throw new UserError('orgs:errors.invitationInvalid')
    if (found.invitation.email !== input.userEmail)
      throw new UserError('orgs:errors.invitationOtherEmail', undefined, {
        email: found.invitation.email,
      })
    const accepted = await tx
      .update(orgInvitations)
      .set({ acceptedAt: now() })
      .where(and(eq(orgInvitations.id, found.invitation.id), isNull(orgInvitations.acceptedAt)))
      .returning({ id: orgInvitations.id })
    if (accepted.length === 0) throw new UserError('orgs:errors.invitationInvalid')
    if (!(await activeMember(tx, found.org.id, input.userId))) {
      await tx.insert(orgMembers).values({
        orgId: found.org.id,
        userId: input.userId,
        role: found.invitation.role,
        joinedAt: now(),
      })
    }
    await audit(tx, {
      actorUserId: input.userId,
      action: 'join-org',
      entity: 'organisation',
      entityId: found.org.id,
      ip: input.ip,
    })
    return { slug: found.org.slug }
  })
}

export async function revokeInvitation(input: {
  orgId: string
  invitationId: string
  actorUserId: string
}): Promise<void> {
  await db()
    .update(orgInvitations)
    .set({ revokedAt: now() })
    .where(
      and(
        eq(orgInvitations.id, input.invitationId),
        eq(orgInvitations.orgId, input.orgId),
        isNull(orgInvitations.acceptedAt),
      ),
    )
}

export async function leaveOrg(input: {
  orgId: string
  userId: string
  ip: string
}): Promise<void> {
  await db().transaction(async (tx) => {
    const me = await activeMember(tx, input.orgId, input.userId)
    if (!me) throw new UserError('orgs:errors.notMember')
    if (me.role === 'owner' && (await ownerCount(tx, input.orgId)) <= 1)
      throw new UserError('orgs:errors.lastOwner')
    await tx.update(orgMembers).set({ leftAt: now() }).where(eq(orgMembers.id, me.id))
    await audit(tx, {
      actorUserId: input.userId,
      action: 'leave-org',
      entity: 'organisation',
      entityId: input.orgId,
      ip: input.ip,
    })
  })
}

export async function changeRole(input: {
  orgId: string
  actorUserId: string
  actorRole: OrgRole
  memberId: string
  role: OrgRole
  ip: string
}): Promise<void> {
  await db().transaction(async (tx) => {
    const target = await lockMember(tx, input.orgId, input.memberId)
    if (!target) throw new UserError('orgs:errors.notMember')
    // Owners are made and unmade only by owners; admins manage members.
    if ((target.role === 'owner' || input.role === 'owner') && input.actorRole !== 'owner')
      throw new UserError('orgs:errors.ownerOnly')
    if (
      target.role === 'owner' &&
      input.role !== 'owner' &&
      (await ownerCount(tx, input.orgId)) <= 1
    ) {
      throw new UserError('orgs:errors.lastOwner')
    }
    await tx.update(orgMembers).set({ role: input.role }).where(eq(orgMembers.id, target.id))
    await audit(tx, {
      actorUserId: input.actorUserId,
      actingOrgId: input.orgId,
      action: 'change-role',
      entity: 'org-member',
      entityId: target.id,
      data: { from: target.role, to: input.role },
      ip: input.ip,
    })
  })
}

export async function removeMember(input: {
  orgId: string
  actorUserId: string
  actorRole: OrgRole
  memberId: string
  ip: string
}): Promise<void> {
  await db().transaction(async (tx) => {
    const target = await lockMember(tx, input.orgId, input.memberId)
    if (!target) throw new UserError('orgs:errors.notMember')
    if (target.role === 'owner' && input.actorRole !== 'owner')
      throw new UserError('orgs:errors.ownerOnly')
    if (target.role === 'owner' && (await ownerCount(tx, input.orgId)) <= 1)
      throw new UserError('orgs:errors.lastOwner')
    await tx.update(orgMembers).set({ leftAt: now() }).where(eq(orgMembers.id, target.id))
    await audit(tx, {
      actorUserId: input.actorUserId,
      actingOrgId: input.orgId,
      action: 'remove-member',
      entity: 'org-member',
      entityId: target.id,
      ip: input.ip,
    })
  })
}

/** The owner hands ownership to another member and stays on as an admin. */
export async function transferOwnership(input: {
  orgId: string
  ownerUserId: string
  memberId: string
  ip: string
}): Promise<void> {
  await db().transaction(async (tx) => {
    const me = await activeMember(tx, input.orgId, input.ownerUserId)
    if (!me || me.role !== 'owner') throw new UserError('orgs:errors.ownerOnly')
    const target = await lockMember(tx, input.orgId, input.memberId)
    if (!target || target.id === me.id) throw new UserError('orgs:errors.notMember')
    await tx.update(orgMembers).set({ role: 'owner' }).where(eq(orgMembers.id, target.id))
    await tx.update(orgMembers).set({ role: 'admin' }).where(eq(orgMembers.id, me.id))
    await audit(tx, {
      actorUserId: input.ownerUserId,
      actingOrgId: input.orgId,
      action: 'transfer-ownership',
      entity: 'organisation',
      entityId: input.orgId,
      data: { to: target.userId },
      ip: input.ip,
    })
  })
}
