// Hub factories: a space's mentors and sessions, its events and registrations. Rows are written
// directly (with their first history row where the lifecycle has one); times come from the
// product's clock unless given.
import crypto from 'node:crypto'
import type { Tx } from '../../db/client.server.ts'
import {
  eventInvitations,
  eventPresenters,
  eventRegistrationEvents,
  eventRegistrations,
  mentorSessionEvents,
  mentorSessions,
  spaceEvents,
  spaceEventStatusEvents,
  spaceMentors,
} from '../../db/schema/index.ts'
import { now } from '../../app/clock.server.ts'
import type {
  EventAudience,
  EventKind,
  EventStatus,
  MentorSessionStatus,
  RegistrationStatus,
} from '../../app/domains/hubs/hub.machine.ts'

const HOUR = 3_600_000
let sequence = Math.floor(Math.random() * 90_000_000)
const next = () => ++sequence

export async function createMentor(
  tx: Tx,
  input: {
    spaceId: string
    userId: string
    title?: string
    affiliation?: string
    segments?: string[]
    topics?: string[]
    availability?: string
    bio?: string
  },
) {
  const at = now()
  const [row] = await tx
    .insert(spaceMentors)
    .values({
      spaceId: input.spaceId,
      userId: input.userId,
      title: input.title ?? '高级工程师',
      affiliation: input.affiliation ?? '测试研究所',
      bio: input.bio ?? '',
      segments: input.segments ?? ['3.6'],
      topics: input.topics ?? ['中试放大'],
      availability: input.availability ?? '每周三下午',
      createdAt: at,
      updatedAt: at,
    })
    .returning()
  if (!row) throw new Error('mentor not created')
  return row
}

/** A session in any status; `held` sessions get a held time (default: now) and a duration. */
export async function createMentorSession(
  tx: Tx,
  input: {
    mentorId: string
    membershipId: string
    requesterUserId: string
    requesterOrgId?: string | null
    status?: MentorSessionStatus
    topic?: string
    scheduledAt?: Date
    heldAt?: Date
    durationMinutes?: number
  },
) {
  const at = now()
  const status = input.status ?? 'requested'
  const held = status === 'held'
  const [row] = await tx
    .insert(mentorSessions)
    .values({
      mentorId: input.mentorId,
      membershipId: input.membershipId,
      requesterUserId: input.requesterUserId,
      requesterOrgId: input.requesterOrgId ?? null,
      topic: input.topic ?? `辅导主题${next()}`,
      status,
      scheduledAt: status === 'accepted' || held ? (input.scheduledAt ?? input.heldAt ?? at) : null,
      heldAt: held ? (input.heldAt ?? at) : null,
      durationMinutes: held ? (input.durationMinutes ?? 60) : null,
      summary: held ? '讨论了中试放大的工艺路线。' : null,
      createdAt: at,
      updatedAt: at,
    })
    .returning()
  if (!row) throw new Error('mentor session not created')
  await tx.insert(mentorSessionEvents).values({
    sessionId: row.id,
    action: 'request',
    toStatus: 'requested',
    actorUserId: input.requesterUserId,
    at,
  })
  if (status !== 'requested') {
    await tx.insert(mentorSessionEvents).values({
      sessionId: row.id,
      action: held ? 'record' : status === 'accepted' ? 'accept' : status.replace(/d$/, ''),
      fromStatus: held ? 'accepted' : 'requested',
      toStatus: status,
      at: held ? (input.heldAt ?? at) : at,
    })
  }
  return row
}

/** An event, published by default, starting in a week unless told, two hours long. */
export async function createEvent(
  tx: Tx,
  input: {
    spaceId: string
    kind?: EventKind
    title?: string
    status?: EventStatus
    startsAt?: Date
    endsAt?: Date
    capacity?: number
    audience?: EventAudience
    place?: string | null
    onlineUrl?: string | null
    createdBy?: string | null
  },
) {
  const at = now()
  const startsAt = input.startsAt ?? new Date(at.getTime() + 7 * 24 * HOUR)
  const status = input.status ?? 'published'
  const [row] = await tx
    .insert(spaceEvents)
    .values({
      spaceId: input.spaceId,
      kind: input.kind ?? 'roadshow',
      title: input.title ?? `测试路演${next()}`,
      summary: '面向投资人的项目路演。',
      startsAt,
      endsAt: input.endsAt ?? new Date(startsAt.getTime() + 2 * HOUR),
      place: input.place === undefined ? '空间一楼路演厅' : input.place,
      onlineUrl: input.onlineUrl ?? null,
      capacity: input.capacity ?? 50,
      audience: input.audience ?? 'public',
      status,
      createdBy: input.createdBy ?? null,
      createdAt: at,
      updatedAt: at,
    })
    .returning()
  if (!row) throw new Error('event not created')
  if (status !== 'draft') {
    await tx.insert(spaceEventStatusEvents).values({
      eventId: row.id,
      action: status === 'published' ? 'publish' : status === 'held' ? 'hold' : 'cancel',
      fromStatus: status === 'held' ? 'published' : 'draft',
      toStatus: status,
      at: status === 'held' ? row.endsAt : at,
    })
  }
  return row
}

export async function createRegistration(
  tx: Tx,
  input: {
    eventId: string
    userId: string
    orgId?: string | null
    status?: RegistrationStatus
    createdAt?: Date
  },
) {
  const at = input.createdAt ?? now()
  const status = input.status ?? 'registered'
  const [row] = await tx
    .insert(eventRegistrations)
    .values({
      eventId: input.eventId,
      userId: input.userId,
      orgId: input.orgId ?? null,
      status,
      checkInCode: crypto.randomBytes(3).toString('hex').toUpperCase(),
      checkedInAt: status === 'attended' ? at : null,
      createdAt: at,
      updatedAt: at,
    })
    .returning()
  if (!row) throw new Error('registration not created')
  await tx.insert(eventRegistrationEvents).values({
    registrationId: row.id,
    action: 'register',
    toStatus: status === 'waitlisted' ? 'waitlisted' : 'registered',
    actorUserId: input.userId,
    at,
  })
  return row
}

export async function addPresenter(
  tx: Tx,
  input: { eventId: string; orgId: string; campaignId?: string | null; position?: number },
) {
  const [row] = await tx
    .insert(eventPresenters)
    .values({
      eventId: input.eventId,
      orgId: input.orgId,
      campaignId: input.campaignId ?? null,
      pitchTitle: '项目路演',
      position: input.position ?? 1,
      createdAt: now(),
    })
    .returning()
  if (!row) throw new Error('presenter not added')
  return row
}

export async function inviteInvestor(
  tx: Tx,
  input: { eventId: string; investorProfileId: string; invitedBy?: string | null },
) {
  const [row] = await tx
    .insert(eventInvitations)
    .values({
      eventId: input.eventId,
      investorProfileId: input.investorProfileId,
      invitedBy: input.invitedBy ?? null,
      invitedAt: now(),
    })
    .returning()
  if (!row) throw new Error('invitation not created')
  return row
}
