// PIPL rights: a member downloads everything held about them, or deletes the account. Deletion
// detaches the person from what must be kept (money records, audit entries, organisations'
// records): those rows stay, pointing at an anonymised account.
import { and, eq, isNull } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import {
  auditLog,
  consents,
  organisations,
  orgMembers,
  sessions,
  spaceMemberships,
  uploads,
  users,
  verificationCodes,
  passwordResets,
} from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { audit } from '../admin/audit.server.ts'
import { UserError } from '../problems.ts'

export async function exportAccountData(userId: string) {
  const [user, consentRows, memberships, sessionRows, auditRows, uploadRows, spaceRows] =
    await Promise.all([
      db()
        .select()
        .from(users)
        .where(eq(users.id, userId))
        .then((r) => r[0]),
      db().select().from(consents).where(eq(consents.userId, userId)),
      db()
        .select({
          organisation: organisations.name,
          uscc: organisations.uscc,
          role: orgMembers.role,
          joinedAt: orgMembers.joinedAt,
          leftAt: orgMembers.leftAt,
        })
        .from(orgMembers)
        .innerJoin(organisations, eq(organisations.id, orgMembers.orgId))
        .where(eq(orgMembers.userId, userId)),
      db()
        .select({
          createdAt: sessions.createdAt,
          lastActiveAt: sessions.lastActiveAt,
          ip: sessions.ip,
          userAgent: sessions.userAgent,
        })
        .from(sessions)
        .where(eq(sessions.userId, userId)),
      db().select().from(auditLog).where(eq(auditLog.actorUserId, userId)),
      db()
        .select({
          id: uploads.id,
          purpose: uploads.purpose,
          mime: uploads.mime,
          sizeBytes: uploads.sizeBytes,
          originalName: uploads.originalName,
          createdAt: uploads.createdAt,
        })
        .from(uploads)
        .where(eq(uploads.ownerUserId, userId)),
      db().select().from(spaceMemberships).where(eq(spaceMemberships.memberUserId, userId)),
    ])
  if (!user) throw new UserError('common:errors.notFound.title')
  return {
    exportedAt: now().toISOString(),
    account: {
      id: user.id,
      name: user.name,
      email: user.email,
      emailVerifiedAt: user.emailVerifiedAt,
      mobile: user.mobile,
      mobileVerifiedAt: user.mobileVerifiedAt,
      locale: user.locale,
      createdAt: user.createdAt,
    },
    consents: consentRows.map((c) => ({ kind: c.kind, version: c.version, givenAt: c.givenAt })),
    organisations: memberships,
    spaceMemberships: spaceRows,
    sessions: sessionRows,
    uploads: uploadRows,
    activity: auditRows.map((a) => ({
      at: a.at,
      action: a.action,
      entity: a.entity,
      entityId: a.entityId,
    })),
  }
}

export async function deleteAccount(input: { userId: string; ip: string }): Promise<void> {
  await db().transaction(async (tx) => {
    const owned = await tx
      .select({ orgId: orgMembers.orgId, name: organisations.name })
      .from(orgMembers)
      .innerJoin(organisations, eq(organisations.id, orgMembers.orgId))
      .where(
        and(
          eq(orgMembers.userId, input.userId),
          eq(orgMembers.role, 'owner'),
          isNull(orgMembers.leftAt),
        ),
      )
    for (const o of owned) {
      const owners = await tx
        .select({ userId: orgMembers.userId })
        .from(orgMembers)
        .where(
          and(
            eq(orgMembers.orgId, o.orgId),
            eq(orgMembers.role, 'owner'),
            isNull(orgMembers.leftAt),
          ),
        )
      if (owners.length <= 1)
        throw new UserError('auth:errors.lastOwner', undefined, { org: o.name })
    }
    const at = now()
    await tx
      .update(orgMembers)
      .set({ leftAt: at })
      .where(and(eq(orgMembers.userId, input.userId), isNull(orgMembers.leftAt)))
    await tx.delete(sessions).where(eq(sessions.userId, input.userId))
    await tx.delete(verificationCodes).where(eq(verificationCodes.userId, input.userId))
    await tx.delete(passwordResets).where(eq(passwordResets.userId, input.userId))
    await tx
      .update(users)
      .set({
        email: null,
        emailVerifiedAt: null,
        name: '已注销用户',
        passwordHash: null,
        mobile: null,
        mobileVerifiedAt: null,
        deletedAt: at,
      })
      .where(eq(users.id, input.userId))
    await audit(tx, {
      actorUserId: input.userId,
      action: 'delete-account',
      entity: 'user',
      entityId: input.userId,
      ip: input.ip,
    })
  })
}
