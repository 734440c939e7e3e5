// Training records for self-service instruments: the owner organisation's owners and admins
// mark a member as trained (or take it back), and booking asks whether someone is trained.
// Every change is kept in the audit log, in the same transaction.
import { alias } from 'drizzle-orm/pg-core'
import { and, desc, eq, isNull } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import { isUuid } from '../../../db/ids.ts'
import { equipmentListings, equipmentTrainings, users } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { audit } from '../admin/audit.server.ts'
import { UserError } from '../problems.ts'
import { managesOrg } from './request-booking.server.ts'

type Listing = typeof equipmentListings.$inferSelect
export type Training = typeof equipmentTrainings.$inferSelect

/** A listing by id or slug, for one of its organisation's owners or admins; null for anyone else. */
export async function listingForTrainer(
  tx: Tx,
  key: string,
  actorUserId: string,
): Promise<Listing | null> {
  const listing = await tx
    .select()
    .from(equipmentListings)
    .where(isUuid(key) ? eq(equipmentListings.id, key) : eq(equipmentListings.slug, key))
    .then((r) => r[0])
  if (!listing || !(await managesOrg(tx, listing.orgId, actorUserId))) return null
  return listing
}

async function requireTrainer(tx: Tx, listingId: string, actorUserId: string) {
  const listing = await listingForTrainer(tx, listingId, actorUserId)
  // Whether the listing exists is not told to someone who may not manage it.
  if (!listing) throw new UserError('equipment-care:errors.notOwner')
  return listing
}

export async function markTrained(
  input: {
    listingId: string
    note?: string
    actorUserId: string
    ip?: string | null
  } & ({ email: string } | { userId: string }),
): Promise<Training> {
  return db().transaction(async (tx) => {
    const listing = await requireTrainer(tx, input.listingId, input.actorUserId)
    const person = await tx
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          'email' in input
            ? eq(users.email, input.email.trim().toLowerCase())
            : eq(users.id, input.userId),
          isNull(users.deletedAt),
        ),
      )
      .then((r) => r[0])
    if (!person)
      throw new UserError(
        'equipment-care:errors.userNotFound',
        'email' in input ? 'email' : undefined,
      )
    const at = now()
    const values = {
      trainedByUserId: input.actorUserId,
      note: input.note?.trim() ?? '',
      trainedAt: at,
    }
    // Training someone again (a refresher) moves the record's date and trainer forward.
    const [training] = await tx
      .insert(equipmentTrainings)
      .values({ listingId: listing.id, userId: person.id, ...values })
      .onConflictDoUpdate({
        target: [equipmentTrainings.listingId, equipmentTrainings.userId],
        set: values,
      })
      .returning()
    if (!training) throw new Error('training not recorded')
    await audit(tx, {
      actorUserId: input.actorUserId,
      actingOrgId: listing.orgId,
      action: 'mark-trained',
      entity: 'equipment_listing',
      entityId: listing.id,
      data: { userId: person.id },
      ip: input.ip ?? null,
    })
    return training
  })
}

export async function revokeTraining(input: {
  listingId: string
  userId: string
  actorUserId: string
  ip?: string | null
}): Promise<void> {
  await db().transaction(async (tx) => {
    const listing = await requireTrainer(tx, input.listingId, input.actorUserId)
    const removed = await tx
      .delete(equipmentTrainings)
      .where(
        and(
          eq(equipmentTrainings.listingId, listing.id),
          eq(equipmentTrainings.userId, input.userId),
        ),
      )
      .returning({ id: equipmentTrainings.id })
    if (removed.length === 0) throw new UserError('equipment-care:errors.notTrained')
    await audit(tx, {
      actorUserId: input.actorUserId,
      actingOrgId: listing.orgId,
      action: 'revoke-training',
      entity: 'equipment_listing',
      entityId: listing.id,
      data: { userId: input.userId },
      ip: input.ip ?? null,
    })
  })
}

const trainer = alias(users, 'trainer')

/** Who is trained on a listing, newest first: for its owners' page only (it shows e-mails). */
export async function trainingsOf(listingId: string) {
  return db()
    .select({
      userId: equipmentTrainings.userId,
      name: users.name,
      email: users.email,
      note: equipmentTrainings.note,
      trainedAt: equipmentTrainings.trainedAt,
      trainedByName: trainer.name,
    })
    .from(equipmentTrainings)
    .innerJoin(users, eq(users.id, equipmentTrainings.userId))
    .leftJoin(trainer, eq(trainer.id, equipmentTrainings.trainedByUserId))
    .where(eq(equipmentTrainings.listingId, listingId))
    .orderBy(desc(equipmentTrainings.trainedAt))
}

export async function isTrained(tx: Tx, listingId: string, userId: string): Promise<boolean> {
  const row = await tx
    .select({ id: equipmentTrainings.id })
    .from(equipmentTrainings)
    .where(and(eq(equipmentTrainings.listingId, listingId), eq(equipmentTrainings.userId, userId)))
    .limit(1)
    .then((r) => r[0])
  return row !== undefined
}
