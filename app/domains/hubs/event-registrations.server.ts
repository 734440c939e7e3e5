// Registering for a space's events: who may, a seat or a place on the waiting list decided under
// the event's row lock (so concurrent registrations never exceed the capacity), cancelling (a
// freed seat goes to the longest-waiting registration in the same transaction) and check-in.
import crypto from 'node:crypto'
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import {
  eventInvitations,
  eventRegistrationEvents,
  eventRegistrations,
  orgMembers,
  spaceEvents,
  spaceMemberships,
  spaces,
} from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { shanghaiTime } from '../../shanghai-time.server.ts'
import { audit } from '../admin/audit.server.ts'
import { profilesActedBy } from '../deals/investor-standing.server.ts'
import { TransitionError } from '../lifecycle/machine.ts'
import { notify } from '../notifications/notify.server.ts'
import { UserError } from '../problems.ts'
import { isUniqueViolation, moveRegistration } from './event-transitions.server.ts'

type SpaceEvent = typeof spaceEvents.$inferSelect
type Registration = typeof eventRegistrations.$inferSelect

/** Statuses that hold a seat. */
export const seatedStatuses = ['registered', 'attended'] as const
/** Statuses of a registration still in play (the unique index allows one per person). */
export const liveStatuses = ['registered', 'waitlisted', 'attended'] as const

// No 0/O, 1/I/L: the code is read aloud and typed at the door.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
const CODE_LENGTH = 6

function newCode(): string {
  let code = ''
  for (let i = 0; i < CODE_LENGTH; i++)
    code += CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)]
  return code
}

export async function lockEvent(tx: Tx, eventId: string): Promise<SpaceEvent> {
  const event = await tx
    .select()
    .from(spaceEvents)
    .where(eq(spaceEvents.id, eventId))
    .for('update')
    .then((r) => r[0])
  if (!event) throw new UserError('events:errors.notFound')
  return event
}

export async function seatsTaken(tx: Tx, eventId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(eventRegistrations)
    .where(
      and(
        eq(eventRegistrations.eventId, eventId),
        inArray(eventRegistrations.status, [...seatedStatuses]),
      ),
    )
  return row?.n ?? 0
}

/** 1-based place on the event's waiting list: first registered, first served. */
export async function waitlistPosition(tx: Tx, registration: Registration): Promise<number> {
  return (await waitlistPositions(tx, [registration])).get(registration.id) ?? 0
}

/** Places on the waiting lists of several registrations at once (one query, however many). */
export async function waitlistPositions(
  tx: Tx,
  registrations: readonly Pick<Registration, 'id' | 'eventId' | 'status'>[],
): Promise<Map<string, number>> {
  const waiting = registrations.filter((r) => r.status === 'waitlisted')
  if (waiting.length === 0) return new Map()
  const ranked = tx
    .select({
      id: eventRegistrations.id,
      position:
        sql<number>`(row_number() over (partition by ${eventRegistrations.eventId} order by ${eventRegistrations.createdAt}, ${eventRegistrations.id}))::int`.as(
          'position',
        ),
    })
    .from(eventRegistrations)
    .where(
      and(
        inArray(eventRegistrations.eventId, [...new Set(waiting.map((r) => r.eventId))]),
        eq(eventRegistrations.status, 'waitlisted'),
      ),
    )
    .as('ranked')
  const rows = await tx
    .select({ id: ranked.id, position: ranked.position })
    .from(ranked)
    .where(
      inArray(
        ranked.id,
        waiting.map((r) => r.id),
      ),
    )
  return new Map(rows.map((r) => [r.id, r.position]))
}

/**
 * Why the person (acting alone or for `orgId`) may not register for a members-only event, or
 * null when they may: an active member of the space (the acting organisation, or the person as
 * a maker), a person of the operator organisation, or someone acting for an invited investor.
 */
export async function membersOnlyRefusal(
  tx: Tx,
  event: Pick<SpaceEvent, 'id' | 'spaceId'>,
  userId: string,
  orgId: string | null,
): Promise<string | null> {
  const space = await tx
    .select({ operatorOrgId: spaces.operatorOrgId })
    .from(spaces)
    .where(eq(spaces.id, event.spaceId))
    .then((r) => r[0])
  if (!space) return 'events:errors.notFound'
  const member = await tx
    .select({ id: spaceMemberships.id })
    .from(spaceMemberships)
    .where(
      and(
        eq(spaceMemberships.spaceId, event.spaceId),
        eq(spaceMemberships.status, 'active'),
        orgId
          ? sql`(${spaceMemberships.memberOrgId} = ${orgId} or ${spaceMemberships.memberUserId} = ${userId})`
          : eq(spaceMemberships.memberUserId, userId),
      ),
    )
    .limit(1)
  if (member.length > 0) return null
  const operatorPerson = await tx
    .select({ orgId: orgMembers.orgId })
    .from(orgMembers)
    .where(
      and(
        eq(orgMembers.orgId, space.operatorOrgId),
        eq(orgMembers.userId, userId),
        isNull(orgMembers.leftAt),
      ),
    )
    .limit(1)
  if (operatorPerson.length > 0) return null
  const profiles = await profilesActedBy(tx, userId)
  if (profiles.length > 0) {
    const invited = await tx
      .select({ id: eventInvitations.id })
      .from(eventInvitations)
      .where(
        and(
          eq(eventInvitations.eventId, event.id),
          inArray(
            eventInvitations.investorProfileId,
            profiles.map((p) => p.id),
          ),
        ),
      )
      .limit(1)
    if (invited.length > 0) return null
  }
  return 'events:errors.membersOnly'
}

/** Why registration is closed now, or null while it is open. */
export function registrationClosedReason(event: SpaceEvent, at: Date = now()): string | null {
  if (event.status === 'cancelled') return 'events:errors.cancelled'
  if (event.status === 'held') return 'events:errors.held'
  if (event.status !== 'published') return 'events:errors.notOpen'
  if (at.getTime() >= event.startsAt.getTime()) return 'events:errors.started'
  if (event.registrationClosesAt && at.getTime() >= event.registrationClosesAt.getTime())
    return 'events:errors.registrationClosed'
  return null
}

export type RegisterResult = {
  registrationId: string
  status: 'registered' | 'waitlisted'
  position: number
}

/**
 * Registers a person (for themselves, or for the organisation they act for). The event row is
 * locked for the whole decision, so the seat count read is the one the insert relies on.
 */
export async function registerForEvent(input: {
  eventId: string
  userId: string
  orgId: string | null
  ip?: string
}): Promise<RegisterResult> {
  try {
    return await db().transaction(async (tx) => {
      const event = await lockEvent(tx, input.eventId)
      const closed = registrationClosedReason(event)
      if (closed) throw new UserError(closed)
      if (input.orgId) {
        const acting = await tx
          .select({ orgId: orgMembers.orgId })
          .from(orgMembers)
          .where(
            and(
              eq(orgMembers.orgId, input.orgId),
              eq(orgMembers.userId, input.userId),
              isNull(orgMembers.leftAt),
            ),
          )
          .limit(1)
        if (acting.length === 0) throw new UserError('events:errors.notYourOrg')
      }
      if (event.audience === 'members') {
        const refusal = await membersOnlyRefusal(tx, event, input.userId, input.orgId)
        if (refusal) throw new UserError(refusal)
      }
      const existing = await tx
        .select({ id: eventRegistrations.id })
        .from(eventRegistrations)
        .where(
          and(
            eq(eventRegistrations.eventId, event.id),
            eq(eventRegistrations.userId, input.userId),
            inArray(eventRegistrations.status, [...liveStatuses]),
          ),
        )
        .limit(1)
      if (existing.length > 0) throw new UserError('events:errors.alreadyRegistered')
      const seated = (await seatsTaken(tx, event.id)) < event.capacity
      const status = seated ? 'registered' : 'waitlisted'
      let code = newCode()
      // The event is locked, so no other registration of it can take the code meanwhile.
      for (let tries = 0; tries < 5; tries++) {
        const clash = await tx
          .select({ id: eventRegistrations.id })
          .from(eventRegistrations)
          .where(
            and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.checkInCode, code)),
          )
          .limit(1)
        if (clash.length === 0) break
        code = newCode()
      }
      // The waiting list is ordered by created_at: under the event's lock each registration is
      // stamped strictly after the one before, so two in the same millisecond keep arrival order.
      const [last] = await tx
        .select({ at: sql<string | null>`max(${eventRegistrations.createdAt})` })
        .from(eventRegistrations)
        .where(eq(eventRegistrations.eventId, event.id))
      const previous = last?.at ? new Date(last.at).getTime() : 0
      const at = new Date(Math.max(now().getTime(), previous + 1))
      const [row] = await tx
        .insert(eventRegistrations)
        .values({
          eventId: event.id,
          userId: input.userId,
          orgId: input.orgId,
          status,
          checkInCode: code,
          createdAt: at,
          updatedAt: at,
        })
        .returning()
      if (!row) throw new Error('registration not stored')
      await tx.insert(eventRegistrationEvents).values({
        registrationId: row.id,
        action: 'register',
        fromStatus: null,
        toStatus: status,
        actorUserId: input.userId,
        at,
      })
      const position = seated ? 0 : await waitlistPosition(tx, row)
      const link = `/events/${event.id}`
      if (seated)
        await notify(tx, {
          userId: input.userId,
          kind: 'event.registered',
          params: { title: event.title, startsAt: shanghaiTime(event.startsAt) },
          link,
        })
      else
        await notify(tx, {
          userId: input.userId,
          kind: 'event.waitlisted',
          params: { title: event.title, position: String(position) },
          link,
        })
      return { registrationId: row.id, status, position }
    })
  } catch (error) {
    // Two tabs of one person racing past the check above meet the unique index instead.
    if (isUniqueViolation(error)) throw new UserError('events:errors.alreadyRegistered')
    throw error
  }
}

/**
 * Gives free seats to the longest-waiting registrations, in order, while the event is open.
 * Runs in the caller's transaction, which must hold the event's row lock.
 */
export async function fillSeats(tx: Tx, event: SpaceEvent): Promise<number> {
  if (event.status !== 'published' || now().getTime() >= event.startsAt.getTime()) return 0
  const free = event.capacity - (await seatsTaken(tx, event.id))
  if (free <= 0) return 0
  const waiting = await tx
    .select()
    .from(eventRegistrations)
    .where(
      and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.status, 'waitlisted')),
    )
    .orderBy(asc(eventRegistrations.createdAt), asc(eventRegistrations.id))
    .limit(free)
  for (const w of waiting) {
    await moveRegistration(tx, {
      registrationId: w.id,
      action: 'promote',
      actorRoles: ['system'],
      actorUserId: null,
    })
    await notify(tx, {
      userId: w.userId,
      kind: 'event.promoted',
      params: { title: event.title, startsAt: shanghaiTime(event.startsAt) },
      link: `/events/${event.id}`,
    })
  }
  return waiting.length
}

/** The registrant cancels their own live registration; a freed seat is passed on at once. */
export async function cancelMyRegistration(input: {
  eventId: string
  userId: string
}): Promise<void> {
  await db().transaction(async (tx) => {
    const event = await lockEvent(tx, input.eventId)
    const mine = await tx
      .select()
      .from(eventRegistrations)
      .where(
        and(
          eq(eventRegistrations.eventId, event.id),
          eq(eventRegistrations.userId, input.userId),
          inArray(eventRegistrations.status, ['registered', 'waitlisted']),
        ),
      )
      .then((r) => r[0])
    if (!mine) throw new UserError('events:errors.noRegistration')
    if (event.status === 'held' || now().getTime() >= event.startsAt.getTime())
      throw new UserError('events:errors.started')
    await moveRegistration(tx, {
      registrationId: mine.id,
      action: 'cancel',
      actorRoles: ['registrant'],
      actorUserId: input.userId,
    })
    if (mine.status === 'registered') await fillSeats(tx, event)
  })
}

/**
 * A space admin checks a registrant in, by the code the registrant shows or by the row's id.
 * Only a seated registration can be checked in; the waiting list has no seat to take.
 */
export async function checkIn(input: {
  eventId: string
  actorUserId: string
  code?: string
  registrationId?: string
  ip?: string
}): Promise<{ registrationId: string }> {
  return db().transaction(async (tx) => {
    const event = await lockEvent(tx, input.eventId)
    if (event.status !== 'published' && event.status !== 'held')
      throw new UserError('events:errors.checkInClosed', 'code')
    const reg = await tx
      .select()
      .from(eventRegistrations)
      .where(
        and(
          eq(eventRegistrations.eventId, event.id),
          input.code
            ? eq(eventRegistrations.checkInCode, input.code.trim().toUpperCase())
            : eq(
                eventRegistrations.id,
                input.registrationId ?? '00000000-0000-0000-0000-000000000000',
              ),
        ),
      )
      .then((r) => r[0])
    if (!reg) throw new UserError('events:errors.codeUnknown', 'code')
    if (reg.status === 'attended') throw new UserError('events:errors.alreadyCheckedIn', 'code')
    if (reg.status === 'waitlisted') throw new UserError('events:errors.notSeated', 'code')
    if (reg.status === 'cancelled')
      throw new UserError('events:errors.registrationCancelled', 'code')
    try {
      await moveRegistration(tx, {
        registrationId: reg.id,
        action: 'check_in',
        actorRoles: ['space-admin'],
        actorUserId: input.actorUserId,
        set: { checkedInAt: now() },
      })
    } catch (error) {
      if (error instanceof TransitionError) throw new UserError('events:errors.notSeated', 'code')
      throw error
    }
    await audit(tx, {
      actorUserId: input.actorUserId,
      action: 'check-in-event',
      entity: 'space_event',
      entityId: event.id,
      data: { registrationId: reg.id },
      ip: input.ip ?? null,
    })
    return { registrationId: reg.id }
  })
}

export async function undoCheckIn(input: {
  eventId: string
  registrationId: string
  actorUserId: string
  ip?: string
}): Promise<void> {
  await db().transaction(async (tx) => {
    const event = await lockEvent(tx, input.eventId)
    const reg = await tx
      .select()
      .from(eventRegistrations)
      .where(
        and(
          eq(eventRegistrations.eventId, event.id),
          eq(eventRegistrations.id, input.registrationId),
        ),
      )
      .then((r) => r[0])
    if (!reg) throw new UserError('events:errors.codeUnknown')
    try {
      await moveRegistration(tx, {
        registrationId: reg.id,
        action: 'undo_check_in',
        actorRoles: ['space-admin'],
        actorUserId: input.actorUserId,
        set: { checkedInAt: null },
      })
    } catch (error) {
      if (error instanceof TransitionError) throw new UserError('events:errors.notCheckedIn')
      throw error
    }
    await audit(tx, {
      actorUserId: input.actorUserId,
      action: 'undo-check-in-event',
      entity: 'space_event',
      entityId: event.id,
      data: { registrationId: reg.id },
      ip: input.ip ?? null,
    })
  })
}
