// Hiding a listing, challenge or campaign, and lifting the hold. A hold is one row from
// imposing to lifting (lifting is a status change, so who hid what and why stays), written in
// one transaction with the audit entry, the owner's notification and the re-index that takes the
// subject out of search (or puts it back).
import { desc, eq, inArray, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { db, type Tx } from '../../../db/client.server.ts'
import {
  campaigns,
  challenges,
  equipmentListings,
  moderationHolds,
  organisations,
  users,
} from '../../../db/schema/index.ts'
import { indexLater } from '../../../search/index-later.server.ts'
import type { OfferingKind } from '../../../search/document.ts'
import { now } from '../../clock.server.ts'
import { audit } from '../admin/audit.server.ts'
import { assertNoConflict } from '../admin/conflict.server.ts'
import { fireTransition } from '../lifecycle/transition.server.ts'
import { TransitionError } from '../lifecycle/machine.ts'
import { notifyParty } from '../notifications/notify.server.ts'
import { UserError } from '../problems.ts'
import { activeHoldIn, activeHoldsIn, type ActiveHold } from './active-hold.server.ts'
import { holdMachine, type HoldSubject } from './moderation.machine.ts'
import { HIDDEN_BODY } from '../../error-kinds.ts'

export { activeHoldIn, activeHoldsIn, type ActiveHold }

/** The search kind and the audit entity each subject is known by. */
const searchKind: Record<HoldSubject, OfferingKind> = {
  listing: 'equipment',
  challenge: 'challenge',
  campaign: 'campaign',
}
export const auditEntityOf: Record<HoldSubject, string> = {
  listing: 'equipment_listing',
  challenge: 'challenge',
  campaign: 'campaign',
}

export type HoldSubjectRow = {
  kind: HoldSubject
  id: string
  title: string
  orgId: string
  orgName: string
  link: string
}

/** A subject's title, owner and public link; null when it does not exist. */
export async function holdSubject(
  tx: Tx,
  kind: HoldSubject,
  id: string,
): Promise<HoldSubjectRow | null> {
  const found = await subjectsOf([{ kind, id }], tx)
  return found.get(`${kind}:${id}`) ?? null
}

/** Refuses a new booking, bid or commitment on a hidden subject; what already exists goes on. */
export async function assertNotHeld(tx: Tx, kind: HoldSubject, subjectId: string): Promise<void> {
  if (await activeHoldIn(tx, kind, subjectId)) throw new UserError(`moderation:refused.${kind}`)
}

export async function hideSubject(input: {
  kind: HoldSubject
  subjectId: string
  reason: string
  actorUserId: string
  ip?: string | null
}): Promise<{ holdId: string }> {
  return db().transaction(async (tx) => {
    const subject = await holdSubject(tx, input.kind, input.subjectId)
    if (!subject) throw new UserError('moderation:errors.notFound')
    await assertNoConflict(tx, input.actorUserId, [subject.orgId])
    if (await activeHoldIn(tx, input.kind, input.subjectId))
      throw new UserError('moderation:errors.alreadyHidden')
    const at = now()
    const [hold] = await tx
      .insert(moderationHolds)
      .values({
        subjectKind: input.kind,
        subjectId: input.subjectId,
        reason: input.reason,
        status: 'active',
        imposedBy: input.actorUserId,
        imposedAt: at,
      })
      .onConflictDoNothing()
      .returning({ id: moderationHolds.id })
    // A racing hide of the same subject lost to the partial unique index.
    if (!hold) throw new UserError('moderation:errors.alreadyHidden')
    await audit(tx, {
      actorUserId: input.actorUserId,
      action: 'hide-content',
      entity: auditEntityOf[input.kind],
      entityId: input.subjectId,
      data: { holdId: hold.id, reason: input.reason, orgId: subject.orgId },
      ip: input.ip ?? null,
    })
    await notifyParty(tx, {
      orgId: subject.orgId,
      kind: 'moderation.hidden',
      params: { title: subject.title, reason: input.reason },
      link: subject.link,
    })
    await indexLater(tx, searchKind[input.kind], input.subjectId)
    return { holdId: hold.id }
  })
}

export async function liftHold(input: {
  holdId: string
  note?: string | null
  actorUserId: string
  ip?: string | null
}): Promise<void> {
  await db().transaction(async (tx) => {
    const hold = await tx
      .select()
      .from(moderationHolds)
      .where(eq(moderationHolds.id, input.holdId))
      .for('update')
      .then((r) => r[0])
    if (!hold) throw new UserError('moderation:errors.notFound')
    const subject = await holdSubject(tx, hold.subjectKind, hold.subjectId)
    if (!subject) throw new UserError('moderation:errors.notFound')
    await assertNoConflict(tx, input.actorUserId, [subject.orgId])
    const at = now()
    try {
      await fireTransition(tx, {
        machine: holdMachine,
        table: moderationHolds,
        idColumn: moderationHolds.id,
        statusColumn: moderationHolds.status,
        statusKey: 'status',
        id: hold.id,
        action: 'lift',
        actorRoles: ['moderator'],
        set: { liftedBy: input.actorUserId, liftedAt: at, liftNote: input.note || null },
      })
    } catch (error) {
      if (error instanceof TransitionError) throw new UserError('moderation:errors.alreadyLifted')
      throw error
    }
    await audit(tx, {
      actorUserId: input.actorUserId,
      action: 'lift-hold',
      entity: auditEntityOf[hold.subjectKind],
      entityId: hold.subjectId,
      data: { holdId: hold.id, note: input.note || null, orgId: subject.orgId },
      ip: input.ip ?? null,
    })
    await notifyParty(tx, {
      orgId: subject.orgId,
      kind: 'moderation.lifted',
      params: { title: subject.title },
      link: subject.link,
    })
    await indexLater(tx, searchKind[hold.subjectKind], hold.subjectId)
  })
}

/** Holds for the moderation page: active ones first, then past ones, newest first. */
export async function holdList(input: { status: 'active' | 'lifted' | null; limit?: number }) {
  const imposer = alias(users, 'imposer')
  const lifter = alias(users, 'lifter')
  const where: SQL | undefined = input.status ? eq(moderationHolds.status, input.status) : undefined
  const rows = await db()
    .select({
      id: moderationHolds.id,
      kind: moderationHolds.subjectKind,
      subjectId: moderationHolds.subjectId,
      reason: moderationHolds.reason,
      status: moderationHolds.status,
      imposedAt: moderationHolds.imposedAt,
      liftedAt: moderationHolds.liftedAt,
      liftNote: moderationHolds.liftNote,
      imposedByName: imposer.name,
      liftedByName: lifter.name,
    })
    .from(moderationHolds)
    .innerJoin(imposer, eq(imposer.id, moderationHolds.imposedBy))
    .leftJoin(lifter, eq(lifter.id, moderationHolds.liftedBy))
    .where(where)
    .orderBy(moderationHolds.status, desc(moderationHolds.imposedAt))
    .limit(input.limit ?? 200)
  const subjects = await subjectsOf(rows.map((r) => ({ kind: r.kind, id: r.subjectId })))
  return rows.map((r) => ({ ...r, subject: subjects.get(`${r.kind}:${r.subjectId}`) ?? null }))
}

const publicBase: Record<HoldSubject, string> = {
  listing: '/equipment',
  challenge: '/challenges',
  campaign: '/campaigns',
}

/** Titles, owners and links of many subjects, three queries at most. */
export async function subjectsOf(
  keys: readonly { kind: HoldSubject; id: string }[],
  tx: Tx = db(),
): Promise<Map<string, HoldSubjectRow>> {
  const ids = (k: HoldSubject) => [...new Set(keys.filter((x) => x.kind === k).map((x) => x.id))]
  const listingIds = ids('listing')
  const challengeIds = ids('challenge')
  const campaignIds = ids('campaign')
  const org = { orgId: organisations.id, orgName: organisations.name }
  const [ls, cs, ps] = await Promise.all([
    listingIds.length
      ? tx
          .select({
            id: equipmentListings.id,
            slug: equipmentListings.slug,
            title: equipmentListings.name,
            ...org,
          })
          .from(equipmentListings)
          .innerJoin(organisations, eq(organisations.id, equipmentListings.orgId))
          .where(inArray(equipmentListings.id, listingIds))
      : [],
    challengeIds.length
      ? tx
          .select({ id: challenges.id, slug: challenges.slug, title: challenges.title, ...org })
          .from(challenges)
          .innerJoin(organisations, eq(organisations.id, challenges.orgId))
          .where(inArray(challenges.id, challengeIds))
      : [],
    campaignIds.length
      ? tx
          .select({ id: campaigns.id, slug: campaigns.slug, title: campaigns.title, ...org })
          .from(campaigns)
          .innerJoin(organisations, eq(organisations.id, campaigns.orgId))
          .where(inArray(campaigns.id, campaignIds))
      : [],
  ])
  const out = new Map<string, HoldSubjectRow>()
  const put = (kind: HoldSubject, rows: (typeof ls)[number][]) => {
    for (const { slug, ...r } of rows)
      out.set(`${kind}:${r.id}`, { kind, ...r, link: `${publicBase[kind]}/${slug}` })
  }
  put('listing', ls)
  put('challenge', cs)
  put('campaign', ps)
  return out
}

/**
 * The hold as one reader sees it: the owner organisation's members and platform admins see the
 * page with the reason on a banner; anyone else gets a 404 saying the platform hid it.
 */
export async function holdForReader(
  kind: HoldSubject,
  subjectId: string,
  insider: boolean,
): Promise<{ reason: string; imposedAt: string } | null> {
  const hold = await activeHoldIn(db(), kind, subjectId)
  if (!hold) return null
  if (!insider) throw new Response(HIDDEN_BODY, { status: 404 })
  return { reason: hold.reason, imposedAt: hold.imposedAt.toISOString() }
}
