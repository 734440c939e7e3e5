// What a space's admins do with its events: create and edit (as a draft or published), publish,
// cancel with a reason (every live registration is cancelled and told), mark held, and for
// roadshows the presenting startups in running order and the investors invited. The routes
// check that the caller administers the space; these use cases check the event is the space's.
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import {
  campaigns,
  eventInvitations,
  eventPresenters,
  eventRegistrations,
  investorProfiles,
  investorVerifications,
  spaceEvents,
  spaceMemberships,
  spaces,
} from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { shanghaiTime } from '../../shanghai-time.server.ts'
import { audit } from '../admin/audit.server.ts'
import { TransitionError } from '../lifecycle/machine.ts'
import { notifyParty } from '../notifications/notify.server.ts'
import { UserError } from '../problems.ts'
import { cancelTimers, scheduleTimer } from '../timers/timers.server.ts'
import { fillSeats, lockEvent, seatsTaken } from './event-registrations.server.ts'
import { EVENT_HOLD_TIMER, moveEvent, moveRegistration } from './event-transitions.server.ts'
import type { EventForm } from './events.schema.ts'

type SpaceEvent = typeof spaceEvents.$inferSelect
type Admin = { spaceId: string; actorUserId: string; ip?: string }

async function lockSpaceEvent(tx: Tx, spaceId: string, eventId: string): Promise<SpaceEvent> {
  const event = await lockEvent(tx, eventId)
  if (event.spaceId !== spaceId) throw new UserError('events:errors.notFound')
  return event
}

function refuse(error: unknown): never {
  if (error instanceof TransitionError) throw new UserError('events:errors.notNow')
  throw error
}

async function publishLocked(tx: Tx, event: SpaceEvent, actorUserId: string): Promise<void> {
  if (event.startsAt.getTime() <= now().getTime())
    throw new UserError('events:errors.startsInPast', 'startsAt')
  await moveEvent(tx, {
    eventId: event.id,
    action: 'publish',
    actorRoles: ['space-admin'],
    actorUserId,
  })
  await scheduleTimer(tx, { kind: EVENT_HOLD_TIMER, subjectId: event.id, dueAt: event.endsAt })
}

/** What the event form sets on the event's row, the same when creating and editing. */
const eventColumns = (f: EventForm) => ({
  kind: f.kind,
  title: f.title,
  summary: f.summary,
  description: f.description,
  startsAt: f.startsAt,
  endsAt: f.endsAt,
  place: f.place,
  onlineUrl: f.onlineUrl,
  capacity: f.capacity,
  audience: f.audience,
  registrationClosesAt: f.registrationClosesAt,
})

/** Creates an event as a draft, or published at once when the form says so. */
export async function createSpaceEvent(
  input: Admin & { form: EventForm },
): Promise<{ eventId: string }> {
  const f = input.form
  if (f.startsAt.getTime() <= now().getTime())
    throw new UserError('events:errors.startsInPast', 'startsAt')
  return db().transaction(async (tx) => {
    const at = now()
    const [row] = await tx
      .insert(spaceEvents)
      .values({
        spaceId: input.spaceId,
        ...eventColumns(f),
        status: 'draft',
        createdBy: input.actorUserId,
        createdAt: at,
        updatedAt: at,
      })
      .returning()
    if (!row) throw new Error('event not stored')
    if (f.intent === 'publish') await publishLocked(tx, row, input.actorUserId)
    await audit(tx, {
      actorUserId: input.actorUserId,
      action: f.intent === 'publish' ? 'create-publish-event' : 'create-event',
      entity: 'space_event',
      entityId: row.id,
      data: { spaceId: input.spaceId },
      ip: input.ip ?? null,
    })
    return { eventId: row.id }
  })
}

/**
 * Edits a draft or published event. A new start must lie ahead; a smaller capacity may not
 * drop seats already given; a larger one seats the waiting list; a new end moves the timer.
 */
export async function updateSpaceEvent(
  input: Admin & { eventId: string; form: EventForm },
): Promise<void> {
  const f = input.form
  await db().transaction(async (tx) => {
    const event = await lockSpaceEvent(tx, input.spaceId, input.eventId)
    if (event.status !== 'draft' && event.status !== 'published')
      throw new UserError('events:errors.notEditable')
    const moved =
      f.startsAt.getTime() !== event.startsAt.getTime() ||
      f.endsAt.getTime() !== event.endsAt.getTime()
    if (moved && f.startsAt.getTime() <= now().getTime())
      throw new UserError('events:errors.startsInPast', 'startsAt')
    const seated = await seatsTaken(tx, event.id)
    if (f.capacity < seated)
      throw new UserError('events:errors.capacityBelowSeated', 'capacity', { seated })
    const [updated] = await tx
      .update(spaceEvents)
      .set({
        ...eventColumns(f),
        updatedAt: now(),
      })
      .where(eq(spaceEvents.id, event.id))
      .returning()
    if (!updated) throw new Error('event vanished')
    if (event.status === 'published' && f.endsAt.getTime() !== event.endsAt.getTime()) {
      await cancelTimers(tx, EVENT_HOLD_TIMER, event.id)
      await scheduleTimer(tx, { kind: EVENT_HOLD_TIMER, subjectId: event.id, dueAt: f.endsAt })
    }
    if (event.status === 'draft' && f.intent === 'publish')
      await publishLocked(tx, updated, input.actorUserId)
    else if (updated.status === 'published') await fillSeats(tx, updated)
    // People who planned around the old time or place hear of the new one.
    const relocated = f.place !== event.place || f.onlineUrl !== event.onlineUrl
    if (event.status === 'published' && (moved || relocated)) {
      const live = await tx
        .select({ userId: eventRegistrations.userId })
        .from(eventRegistrations)
        .where(
          and(
            eq(eventRegistrations.eventId, event.id),
            inArray(eventRegistrations.status, ['registered', 'waitlisted']),
          ),
        )
      for (const r of live)
        await notifyParty(tx, {
          userId: r.userId,
          kind: 'event.changed',
          params: {
            title: updated.title,
            startsAt: shanghaiTime(updated.startsAt),
            place: updated.place ?? updated.onlineUrl ?? '',
          },
          link: `/events/${event.id}`,
        })
    }
    await audit(tx, {
      actorUserId: input.actorUserId,
      action: 'update-event',
      entity: 'space_event',
      entityId: event.id,
      ip: input.ip ?? null,
    })
  })
}

export async function publishSpaceEvent(input: Admin & { eventId: string }): Promise<void> {
  await db().transaction(async (tx) => {
    const event = await lockSpaceEvent(tx, input.spaceId, input.eventId)
    await publishLocked(tx, event, input.actorUserId).catch(refuse)
    await audit(tx, {
      actorUserId: input.actorUserId,
      action: 'publish-event',
      entity: 'space_event',
      entityId: event.id,
      ip: input.ip ?? null,
    })
  })
}

/** Cancels the event: every live registration is cancelled by the system and its person told. */
export async function cancelSpaceEvent(
  input: Admin & { eventId: string; reason: string },
): Promise<void> {
  await db().transaction(async (tx) => {
    const event = await lockSpaceEvent(tx, input.spaceId, input.eventId)
    await moveEvent(tx, {
      eventId: event.id,
      action: 'cancel',
      actorRoles: ['space-admin'],
      actorUserId: input.actorUserId,
      note: input.reason,
      set: { cancelReason: input.reason },
    }).catch(refuse)
    await cancelTimers(tx, EVENT_HOLD_TIMER, event.id)
    const live = await tx
      .select()
      .from(eventRegistrations)
      .where(
        and(
          eq(eventRegistrations.eventId, event.id),
          inArray(eventRegistrations.status, ['registered', 'waitlisted']),
        ),
      )
    for (const r of live) {
      await moveRegistration(tx, {
        registrationId: r.id,
        action: 'cancel',
        actorRoles: ['system'],
        actorUserId: null,
        note: input.reason,
      })
      await notifyParty(tx, {
        userId: r.userId,
        kind: 'event.cancelled',
        params: { title: event.title, reason: input.reason },
        link: `/events/${event.id}`,
      })
    }
    await audit(tx, {
      actorUserId: input.actorUserId,
      action: 'cancel-event',
      entity: 'space_event',
      entityId: event.id,
      data: { reason: input.reason, registrationsCancelled: live.length },
      ip: input.ip ?? null,
    })
  })
}

/** Marks a published event held once it has started (the timer does it at its end otherwise). */
export async function holdSpaceEvent(input: Admin & { eventId: string }): Promise<void> {
  await db().transaction(async (tx) => {
    const event = await lockSpaceEvent(tx, input.spaceId, input.eventId)
    if (now().getTime() < event.startsAt.getTime()) throw new UserError('events:errors.notStarted')
    await moveEvent(tx, {
      eventId: event.id,
      action: 'hold',
      actorRoles: ['space-admin'],
      actorUserId: input.actorUserId,
    }).catch(refuse)
    await cancelTimers(tx, EVENT_HOLD_TIMER, event.id)
    await audit(tx, {
      actorUserId: input.actorUserId,
      action: 'hold-event',
      entity: 'space_event',
      entityId: event.id,
      ip: input.ip ?? null,
    })
  })
}

async function roadshowToArrange(tx: Tx, spaceId: string, eventId: string) {
  const event = await lockSpaceEvent(tx, spaceId, eventId)
  if (event.kind !== 'roadshow') throw new UserError('events:errors.notRoadshow')
  if (event.status !== 'draft' && event.status !== 'published')
    throw new UserError('events:errors.notEditable')
  return event
}

/**
 * Adds a startup that is an active member of the space to the running order (last), with one
 * of its live campaigns if given; the startup's owners and admins are told.
 */
export async function addEventPresenter(
  input: Admin & { eventId: string; orgId: string; campaignId: string | null; pitchTitle: string },
): Promise<void> {
  await db().transaction(async (tx) => {
    const event = await roadshowToArrange(tx, input.spaceId, input.eventId)
    const member = await tx
      .select({ id: spaceMemberships.id })
      .from(spaceMemberships)
      .where(
        and(
          eq(spaceMemberships.spaceId, input.spaceId),
          eq(spaceMemberships.memberOrgId, input.orgId),
          eq(spaceMemberships.status, 'active'),
        ),
      )
      .limit(1)
    if (member.length === 0) throw new UserError('events:errors.presenterNotMember', 'orgId')
    if (input.campaignId) {
      const campaign = await tx
        .select({ id: campaigns.id })
        .from(campaigns)
        .where(
          and(
            eq(campaigns.id, input.campaignId),
            eq(campaigns.orgId, input.orgId),
            eq(campaigns.status, 'live'),
          ),
        )
        .limit(1)
      if (campaign.length === 0) throw new UserError('events:errors.campaign', 'campaignId')
    }
    const [last] = await tx
      .select({ max: sql<number>`coalesce(max(${eventPresenters.position}), 0)::int` })
      .from(eventPresenters)
      .where(eq(eventPresenters.eventId, event.id))
    const inserted = await tx
      .insert(eventPresenters)
      .values({
        eventId: event.id,
        orgId: input.orgId,
        campaignId: input.campaignId,
        pitchTitle: input.pitchTitle,
        position: (last?.max ?? 0) + 1,
        createdAt: now(),
      })
      .onConflictDoNothing()
      .returning({ id: eventPresenters.id })
    if (inserted.length === 0) throw new UserError('events:errors.alreadyPresenting', 'orgId')
    await notifyParty(tx, {
      orgId: input.orgId,
      orgRoles: ['owner', 'admin'],
      kind: 'event.presenting',
      params: { title: event.title, startsAt: shanghaiTime(event.startsAt) },
      link: `/events/${event.id}`,
    })
    await audit(tx, {
      actorUserId: input.actorUserId,
      action: 'add-event-presenter',
      entity: 'space_event',
      entityId: event.id,
      data: { orgId: input.orgId, campaignId: input.campaignId },
      ip: input.ip ?? null,
    })
  })
}

export async function removeEventPresenter(
  input: Admin & { eventId: string; presenterId: string },
): Promise<void> {
  await db().transaction(async (tx) => {
    const event = await roadshowToArrange(tx, input.spaceId, input.eventId)
    const removed = await tx
      .delete(eventPresenters)
      .where(and(eq(eventPresenters.id, input.presenterId), eq(eventPresenters.eventId, event.id)))
      .returning({ orgId: eventPresenters.orgId })
    if (removed.length === 0) throw new UserError('events:errors.notFound')
    await renumber(tx, event.id)
    await audit(tx, {
      actorUserId: input.actorUserId,
      action: 'remove-event-presenter',
      entity: 'space_event',
      entityId: event.id,
      data: { orgId: removed[0]?.orgId },
      ip: input.ip ?? null,
    })
  })
}

/** Moves a presenter one place earlier or later in the running order. */
export async function moveEventPresenter(
  input: Admin & { eventId: string; presenterId: string; direction: 'up' | 'down' },
): Promise<void> {
  await db().transaction(async (tx) => {
    const event = await roadshowToArrange(tx, input.spaceId, input.eventId)
    const order = await tx
      .select({ id: eventPresenters.id })
      .from(eventPresenters)
      .where(eq(eventPresenters.eventId, event.id))
      .orderBy(asc(eventPresenters.position), asc(eventPresenters.createdAt))
    const ids = order.map((p) => p.id)
    const i = ids.indexOf(input.presenterId)
    if (i < 0) throw new UserError('events:errors.notFound')
    const j = input.direction === 'up' ? i - 1 : i + 1
    if (j < 0 || j >= ids.length) return
    const a = ids[i]
    const b = ids[j]
    if (!a || !b) return
    ids[i] = b
    ids[j] = a
    for (const [n, id] of ids.entries())
      await tx
        .update(eventPresenters)
        .set({ position: n + 1 })
        .where(eq(eventPresenters.id, id))
    await audit(tx, {
      actorUserId: input.actorUserId,
      action: 'reorder-event-presenters',
      entity: 'space_event',
      entityId: event.id,
      ip: input.ip ?? null,
    })
  })
}

async function renumber(tx: Tx, eventId: string): Promise<void> {
  const order = await tx
    .select({ id: eventPresenters.id })
    .from(eventPresenters)
    .where(eq(eventPresenters.eventId, eventId))
    .orderBy(asc(eventPresenters.position), asc(eventPresenters.createdAt))
  for (const [n, p] of order.entries())
    await tx
      .update(eventPresenters)
      .set({ position: n + 1 })
      .where(eq(eventPresenters.id, p.id))
}

/**
 * Invites a qualified investor (an approved, unexpired 合格投资者 profile): the person, or the
 * firm's owners and admins, are told and may then register even for a members-only event.
 */
export async function inviteEventInvestor(
  input: Admin & { eventId: string; investorProfileId: string },
): Promise<void> {
  await db().transaction(async (tx) => {
    const event = await roadshowToArrange(tx, input.spaceId, input.eventId)
    const profile = await tx
      .select({
        id: investorProfiles.id,
        userId: investorProfiles.userId,
        orgId: investorProfiles.orgId,
      })
      .from(investorProfiles)
      .where(
        and(
          eq(investorProfiles.id, input.investorProfileId),
          sql`exists (select 1 from ${investorVerifications} v where v.investor_profile_id = "investor_profiles"."id" and v.status = 'approved' and v.expires_at > ${now().toISOString()}::timestamptz)`,
        ),
      )
      .then((r) => r[0])
    if (!profile) throw new UserError('events:errors.investor', 'investorProfileId')
    const inserted = await tx
      .insert(eventInvitations)
      .values({
        eventId: event.id,
        investorProfileId: profile.id,
        invitedBy: input.actorUserId,
        invitedAt: now(),
      })
      .onConflictDoNothing()
      .returning({ id: eventInvitations.id })
    if (inserted.length === 0)
      throw new UserError('events:errors.alreadyInvited', 'investorProfileId')
    const space = await tx
      .select({ name: spaces.name })
      .from(spaces)
      .where(eq(spaces.id, event.spaceId))
      .then((r) => r[0])
    await notifyParty(tx, {
      userId: profile.userId,
      orgId: profile.orgId,
      orgRoles: ['owner', 'admin'],
      kind: 'event.invited',
      params: {
        title: event.title,
        spaceName: space?.name ?? '',
        startsAt: shanghaiTime(event.startsAt),
      },
      link: `/events/${event.id}`,
    })
    await audit(tx, {
      actorUserId: input.actorUserId,
      action: 'invite-event-investor',
      entity: 'space_event',
      entityId: event.id,
      data: { investorProfileId: profile.id },
      ip: input.ip ?? null,
    })
  })
}

export async function withdrawEventInvitation(
  input: Admin & { eventId: string; investorProfileId: string },
): Promise<void> {
  await db().transaction(async (tx) => {
    const event = await roadshowToArrange(tx, input.spaceId, input.eventId)
    await tx
      .delete(eventInvitations)
      .where(
        and(
          eq(eventInvitations.eventId, event.id),
          eq(eventInvitations.investorProfileId, input.investorProfileId),
        ),
      )
    await audit(tx, {
      actorUserId: input.actorUserId,
      action: 'withdraw-event-invitation',
      entity: 'space_event',
      entityId: event.id,
      data: { investorProfileId: input.investorProfileId },
      ip: input.ip ?? null,
    })
  })
}

/** Qualified investor profiles whose name contains `q`: the invitation picker's choices. */
export async function invitableInvestors(q: string, limit = 20) {
  const term = q.trim()
  return db()
    .select({
      id: investorProfiles.id,
      name: investorProfiles.displayName,
      kind: investorProfiles.kind,
    })
    .from(investorProfiles)
    .where(
      and(
        term
          ? sql`${investorProfiles.displayName} ilike ${'%' + term.replace(/[%_\\]/g, '\\$&') + '%'}`
          : undefined,
        sql`exists (select 1 from ${investorVerifications} v where v.investor_profile_id = "investor_profiles"."id" and v.status = 'approved' and v.expires_at > ${now().toISOString()}::timestamptz)`,
      ),
    )
    .orderBy(asc(investorProfiles.displayName))
    .limit(limit)
}
