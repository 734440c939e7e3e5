// A space's mentors (创业导师): platform users the space lists with what they advise on and when.
// The space's admins list, edit, retire and relist them; the public sees the listed ones; an
// active member of the space asks one of them for a session (mentor-sessions.server.ts takes it
// from there).
import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import {
  mentorSessionEvents,
  mentorSessions,
  organisations,
  spaceMemberships,
  spaceMentors,
  users,
} from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { actingParty, type Auth } from '../accounts/auth.server.ts'
import { audit } from '../admin/audit.server.ts'
import { notify } from '../notifications/notify.server.ts'
import { isSpaceAdmin } from '../spaces/spaces.server.ts'
import { UserError } from '../problems.ts'
import type { MentorStatus } from './hub.machine.ts'

export type MentorFields = {
  title: string
  affiliation: string
  bio: string
  segments: string[]
  topics: string[]
  availability: string
}

export const sessionLink = (sessionId: string) => `/mentoring/${sessionId}`

/**
 * The membership through which the person may ask the space's mentors: the acting
 * organisation's active membership, else the person's own (maker) one. Null when neither.
 */
export async function askingMembership(tx: Tx, spaceId: string, auth: Auth) {
  const acting = actingParty(auth)
  const rows = await tx
    .select({
      id: spaceMemberships.id,
      memberOrgId: spaceMemberships.memberOrgId,
      memberUserId: spaceMemberships.memberUserId,
    })
    .from(spaceMemberships)
    .where(
      and(
        eq(spaceMemberships.spaceId, spaceId),
        eq(spaceMemberships.status, 'active'),
        or(
          acting.kind === 'org' ? eq(spaceMemberships.memberOrgId, acting.orgId) : undefined,
          eq(spaceMemberships.memberUserId, auth.user.id),
        ),
      ),
    )
  return rows.find((r) => r.memberOrgId) ?? rows[0] ?? null
}

export type AskRefusal = 'signIn' | 'notMember' | 'actForMember' | null

/** The public mentors page: the listed mentors (admins also see retired ones), and who may ask. */
export async function spaceMentorsPage(spaceId: string, operatorOrgId: string, auth: Auth | null) {
  const admin = isSpaceAdmin(auth, operatorOrgId)
  const rows = await db()
    .select({
      id: spaceMentors.id,
      userId: spaceMentors.userId,
      name: users.name,
      email: users.email,
      title: spaceMentors.title,
      affiliation: spaceMentors.affiliation,
      bio: spaceMentors.bio,
      segments: spaceMentors.segments,
      topics: spaceMentors.topics,
      availability: spaceMentors.availability,
      status: spaceMentors.status,
    })
    .from(spaceMentors)
    .innerJoin(users, eq(users.id, spaceMentors.userId))
    .where(
      and(
        eq(spaceMentors.spaceId, spaceId),
        isNull(users.deletedAt),
        admin ? undefined : eq(spaceMentors.status, 'listed'),
      ),
    )
    .orderBy(asc(spaceMentors.status), asc(spaceMentors.createdAt))
  const membership = auth ? await askingMembership(db(), spaceId, auth) : null
  // Someone whose organisation is a member, acting as themselves, is told to switch rather than
  // that they are not a member.
  const memberOrg =
    auth && !membership && auth.memberships.length > 0
      ? await db()
          .select({ name: organisations.name })
          .from(spaceMemberships)
          .innerJoin(organisations, eq(organisations.id, spaceMemberships.memberOrgId))
          .where(
            and(
              eq(spaceMemberships.spaceId, spaceId),
              eq(spaceMemberships.status, 'active'),
              inArray(
                spaceMemberships.memberOrgId,
                auth.memberships.map((m) => m.orgId),
              ),
            ),
          )
          .then((r) => r[0] ?? null)
      : null
  const refusal: AskRefusal = !auth
    ? 'signIn'
    : membership
      ? null
      : memberOrg
        ? 'actForMember'
        : 'notMember'
  return {
    admin,
    refusal,
    memberOrgName: memberOrg?.name ?? null,
    askingAs: membership?.memberOrgId ? 'org' : membership ? 'person' : null,
    mentors: rows.map(({ email, ...r }) => ({
      ...r,
      // Only the space's admins see how to reach a mentor outside the platform.
      email: admin ? email : null,
      isMe: auth?.user.id === r.userId,
    })),
  }
}

async function mentorOfSpace(tx: Tx, spaceId: string, mentorId: string) {
  const row = await tx
    .select()
    .from(spaceMentors)
    .where(and(eq(spaceMentors.id, mentorId), eq(spaceMentors.spaceId, spaceId)))
    .then((r) => r[0])
  if (!row) throw new UserError('mentors:errors.notFound')
  return row
}

/** A space admin lists a platform user, found by e-mail, as one of the space's mentors. */
export async function addMentor(input: {
  spaceId: string
  operatorOrgId: string
  actorUserId: string
  email: string
  fields: MentorFields
  ip: string
}): Promise<{ id: string }> {
  return db().transaction(async (tx) => {
    const person = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.email, input.email.toLowerCase()), isNull(users.deletedAt)))
      .then((r) => r[0])
    if (!person) throw new UserError('mentors:errors.userUnknown', 'email')
    const at = now()
    const [row] = await tx
      .insert(spaceMentors)
      .values({
        spaceId: input.spaceId,
        userId: person.id,
        ...input.fields,
        status: 'listed',
        createdAt: at,
        updatedAt: at,
      })
      .onConflictDoNothing()
      .returning({ id: spaceMentors.id })
    if (!row) throw new UserError('mentors:errors.alreadyListed', 'email')
    await audit(tx, {
      actorUserId: input.actorUserId,
      actingOrgId: input.operatorOrgId,
      action: 'add-mentor',
      entity: 'space',
      entityId: input.spaceId,
      data: { mentorId: row.id, userId: person.id },
      ip: input.ip,
    })
    return row
  })
}

export async function editMentor(input: {
  spaceId: string
  operatorOrgId: string
  actorUserId: string
  mentorId: string
  fields: MentorFields
  ip: string
}): Promise<void> {
  await db().transaction(async (tx) => {
    await mentorOfSpace(tx, input.spaceId, input.mentorId)
    await tx
      .update(spaceMentors)
      .set({ ...input.fields, updatedAt: now() })
      .where(eq(spaceMentors.id, input.mentorId))
    await audit(tx, {
      actorUserId: input.actorUserId,
      actingOrgId: input.operatorOrgId,
      action: 'edit-mentor',
      entity: 'space',
      entityId: input.spaceId,
      data: { mentorId: input.mentorId },
      ip: input.ip,
    })
  })
}

/**
 * Retiring takes a mentor off the public list and stops new requests; sessions already asked
 * for or agreed go on. Relisting puts them back.
 */
export async function setMentorStatus(input: {
  spaceId: string
  operatorOrgId: string
  actorUserId: string
  mentorId: string
  status: MentorStatus
  ip: string
}): Promise<void> {
  await db().transaction(async (tx) => {
    await mentorOfSpace(tx, input.spaceId, input.mentorId)
    await tx
      .update(spaceMentors)
      .set({ status: input.status, updatedAt: now() })
      .where(eq(spaceMentors.id, input.mentorId))
    await audit(tx, {
      actorUserId: input.actorUserId,
      actingOrgId: input.operatorOrgId,
      action: input.status === 'retired' ? 'retire-mentor' : 'relist-mentor',
      entity: 'space',
      entityId: input.spaceId,
      data: { mentorId: input.mentorId },
      ip: input.ip,
    })
  })
}

/** An active member of the space asks a listed mentor for a session. */
export async function requestSession(input: {
  spaceId: string
  auth: Auth
  mentorId: string
  topic: string
  message: string
  preferredTimes: string
}): Promise<{ id: string }> {
  return db().transaction(async (tx) => {
    const mentor = await mentorOfSpace(tx, input.spaceId, input.mentorId)
    if (mentor.status !== 'listed') throw new UserError('mentors:errors.retired')
    if (mentor.userId === input.auth.user.id) throw new UserError('mentors:errors.self')
    const membership = await askingMembership(tx, input.spaceId, input.auth)
    if (!membership) throw new UserError('mentors:errors.notMember')
    const at = now()
    const [session] = await tx
      .insert(mentorSessions)
      .values({
        mentorId: mentor.id,
        membershipId: membership.id,
        requesterUserId: input.auth.user.id,
        requesterOrgId: membership.memberOrgId,
        topic: input.topic,
        message: input.message,
        preferredTimes: input.preferredTimes,
        status: 'requested',
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: mentorSessions.id })
    if (!session) throw new Error('mentor session not stored')
    await tx.insert(mentorSessionEvents).values({
      sessionId: session.id,
      action: 'request',
      fromStatus: null,
      toStatus: 'requested',
      actorUserId: input.auth.user.id,
      at,
    })
    const orgName = membership.memberOrgId
      ? await tx
          .select({ name: organisations.name })
          .from(organisations)
          .where(eq(organisations.id, membership.memberOrgId))
          .then((r) => r[0]?.name)
      : undefined
    await notify(tx, {
      userId: mentor.userId,
      kind: 'mentor.requested',
      params: {
        name: orgName ? `${input.auth.user.name}（${orgName}）` : input.auth.user.name,
        topic: input.topic,
      },
      link: sessionLink(session.id),
    })
    return session
  })
}
