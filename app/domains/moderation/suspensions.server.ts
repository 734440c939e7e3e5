// Suspending a person and reinstating them. A suspension ends every session at once and stops
// new log-ins until it is lifted; the row stays, so the history of suspensions is kept.
// No admin suspends themselves or another platform admin, nor a member of their own organisation.
import { parseWithZod } from '@conform-to/zod/v4'
import { and, desc, eq, inArray, isNull } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { db } from '../../../db/client.server.ts'
import { orgMembers, platformAdmins, users, userSuspensions } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { invalidateUserSessions } from '../accounts/session.server.ts'
import { audit } from '../admin/audit.server.ts'
import { adminOrgIds, assertNoConflict } from '../admin/conflict.server.ts'
import { TransitionError } from '../lifecycle/machine.ts'
import { fireTransition } from '../lifecycle/transition.server.ts'
import { UserError } from '../problems.ts'
import { replyWithError } from '../web/request.server.ts'
import { suspensionMachine } from './moderation.machine.ts'
import { SuspensionActionSchema } from './suspension.schema.ts'

export { activeSuspensionOf } from './active-suspension.server.ts'

/** Why this admin may not suspend this person, as a message key; null when they may. */
export async function suspensionRefusal(
  adminUserId: string,
  userId: string,
  tx = db(),
): Promise<string | null> {
  if (adminUserId === userId) return 'admin:users.errors.self'
  const admin = await tx
    .select({ roles: platformAdmins.roles })
    .from(platformAdmins)
    .where(eq(platformAdmins.userId, userId))
    .then((r) => r[0])
  if (admin && admin.roles.length > 0) return 'admin:users.errors.admin'
  return null
}

async function orgsOf(tx: Parameters<typeof assertNoConflict>[0], userId: string) {
  const rows = await tx
    .select({ orgId: orgMembers.orgId })
    .from(orgMembers)
    .where(and(eq(orgMembers.userId, userId), isNull(orgMembers.leftAt)))
  return rows.map((r) => r.orgId)
}

export async function suspendUser(input: {
  userId: string
  reason: string
  actorUserId: string
  ip?: string | null
}): Promise<void> {
  await db().transaction(async (tx) => {
    const user = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.id, input.userId))
      .for('update')
      .then((r) => r[0])
    if (!user) throw new UserError('admin:users.errors.notFound')
    const refusal = await suspensionRefusal(input.actorUserId, input.userId, tx)
    if (refusal) throw new UserError(refusal)
    await assertNoConflict(tx, input.actorUserId, await orgsOf(tx, input.userId))
    const [row] = await tx
      .insert(userSuspensions)
      .values({
        userId: input.userId,
        reason: input.reason,
        status: 'active',
        imposedBy: input.actorUserId,
        imposedAt: now(),
      })
      .onConflictDoNothing()
      .returning({ id: userSuspensions.id })
    if (!row) throw new UserError('admin:users.errors.alreadySuspended')
    await invalidateUserSessions(tx, input.userId)
    await audit(tx, {
      actorUserId: input.actorUserId,
      action: 'suspend-user',
      entity: 'user',
      entityId: input.userId,
      data: { suspensionId: row.id, reason: input.reason },
      ip: input.ip ?? null,
    })
  })
}

export async function reinstateUser(input: {
  userId: string
  note?: string | null
  actorUserId: string
  ip?: string | null
}): Promise<void> {
  await db().transaction(async (tx) => {
    const suspension = await tx
      .select({ id: userSuspensions.id })
      .from(userSuspensions)
      .where(and(eq(userSuspensions.userId, input.userId), eq(userSuspensions.status, 'active')))
      .for('update')
      .then((r) => r[0])
    if (!suspension) throw new UserError('admin:users.errors.notSuspended')
    await assertNoConflict(tx, input.actorUserId, await orgsOf(tx, input.userId))
    try {
      await fireTransition(tx, {
        machine: suspensionMachine,
        table: userSuspensions,
        idColumn: userSuspensions.id,
        statusColumn: userSuspensions.status,
        statusKey: 'status',
        id: suspension.id,
        action: 'lift',
        actorRoles: ['moderator'],
        set: { liftedBy: input.actorUserId, liftedAt: now(), liftNote: input.note || null },
      })
    } catch (error) {
      if (error instanceof TransitionError) throw new UserError('admin:users.errors.notSuspended')
      throw error
    }
    await audit(tx, {
      actorUserId: input.actorUserId,
      action: 'reinstate-user',
      entity: 'user',
      entityId: input.userId,
      data: { suspensionId: suspension.id, note: input.note || null },
      ip: input.ip ?? null,
    })
  })
}

/** One person's suspensions, newest first, with who imposed and lifted each. */
export async function suspensionsOf(userId: string) {
  const imposer = alias(users, 'imposer')
  const lifter = alias(users, 'lifter')
  return db()
    .select({
      id: userSuspensions.id,
      reason: userSuspensions.reason,
      status: userSuspensions.status,
      imposedAt: userSuspensions.imposedAt,
      liftedAt: userSuspensions.liftedAt,
      liftNote: userSuspensions.liftNote,
      imposedByName: imposer.name,
      liftedByName: lifter.name,
    })
    .from(userSuspensions)
    .innerJoin(imposer, eq(imposer.id, userSuspensions.imposedBy))
    .leftJoin(lifter, eq(lifter.id, userSuspensions.liftedBy))
    .where(eq(userSuspensions.userId, userId))
    .orderBy(desc(userSuspensions.imposedAt))
}

/**
 * Handles a suspend or reinstate posted from the admin's user pages. Null when it went through,
 * otherwise Conform's reply with the refusal, keyed by the person.
 */
export async function handleSuspensionAction(
  formData: FormData,
  adminUserId: string,
  ip: string | null,
) {
  const key = String(formData.get('userId') ?? '')
  const submission = parseWithZod(formData, { schema: SuspensionActionSchema })
  if (submission.status !== 'success')
    return { status: 400, reply: { key, result: submission.reply() } }
  const v = submission.value
  try {
    if (v.intent === 'suspend')
      await suspendUser({ userId: v.userId, reason: v.reason, actorUserId: adminUserId, ip })
    else await reinstateUser({ userId: v.userId, note: v.note, actorUserId: adminUserId, ip })
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return { status, reply: { key, result } }
  }
  return null
}

/** For a page of people: why this admin may not suspend or reinstate each one (null: may). */
export async function suspensionRefusals(
  adminUserId: string,
  people: readonly { id: string; adminRoles: readonly string[] }[],
): Promise<Map<string, string | null>> {
  const ids = people.map((p) => p.id)
  const mine = await adminOrgIds(adminUserId)
  const shared = new Set<string>()
  if (ids.length && mine.size) {
    const rows = await db()
      .select({ userId: orgMembers.userId })
      .from(orgMembers)
      .where(
        and(
          inArray(orgMembers.userId, ids),
          inArray(orgMembers.orgId, [...mine]),
          isNull(orgMembers.leftAt),
        ),
      )
    for (const r of rows) shared.add(r.userId)
  }
  return new Map(
    people.map((p) => [
      p.id,
      p.id === adminUserId
        ? 'admin:users.errors.self'
        : p.adminRoles.length > 0
          ? 'admin:users.errors.admin'
          : shared.has(p.id)
            ? 'admin:conflict.refused'
            : null,
    ]),
  )
}
