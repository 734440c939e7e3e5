// Mentor sessions after the request: the mentor accepts (a time and a place or link) or declines
// (a reason); either side cancels; the mentor records the meeting once it took place. Every move
// goes through the mentor-session machine's mover, with its history row, and tells the other
// side. The two parties and the space's admins see a session; nobody else does.
import { asc, desc, eq, inArray, or } from 'drizzle-orm'
import { db, type Tx } from '../../../db/client.server.ts'
import { isUuid } from '../../../db/ids.ts'
import {
  mentorSessionEvents,
  mentorSessions,
  organisations,
  spaceMentors,
  spaces,
  users,
} from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { shanghaiTime } from '../../shanghai-time.server.ts'
import { membershipOf, notFound, type Auth } from '../accounts/auth.server.ts'
import { availableActions } from '../lifecycle/machine.ts'
import { mover, type MoveInput } from '../lifecycle/mover.server.ts'
import { notify } from '../notifications/notify.server.ts'
import { UserError } from '../problems.ts'
import { mentorSessionMachine, type MentorSessionAction } from './hub.machine.ts'
import { isSpaceAdmin } from '../spaces/spaces.server.ts'
import { sessionLink } from './mentors.server.ts'

type SessionRole = (typeof mentorSessionMachine.transitions)[number]['actors'][number]

const sessionMover = mover<
  typeof mentorSessionMachine,
  typeof mentorSessions,
  typeof mentorSessions.$inferSelect
>({
  machine: mentorSessionMachine,
  table: mentorSessions,
  events: mentorSessionEvents,
  subjectKey: 'sessionId',
})

export const moveMentorSession = (
  tx: Tx,
  {
    sessionId,
    ...rest
  }: MoveInput<
    typeof mentorSessionMachine,
    'sessionId',
    Partial<typeof mentorSessions.$inferInsert>
  >,
) => sessionMover(tx, { id: sessionId, ...rest })

async function loadSession(tx: Tx, sessionId: string) {
  return tx
    .select({
      session: mentorSessions,
      mentorUserId: spaceMentors.userId,
      mentorTitle: spaceMentors.title,
      mentorAffiliation: spaceMentors.affiliation,
      spaceSlug: spaces.slug,
      spaceName: spaces.name,
      spaceNameEn: spaces.nameEn,
      operatorOrgId: spaces.operatorOrgId,
    })
    .from(mentorSessions)
    .innerJoin(spaceMentors, eq(spaceMentors.id, mentorSessions.mentorId))
    .innerJoin(spaces, eq(spaces.id, spaceMentors.spaceId))
    .where(eq(mentorSessions.id, sessionId))
    .then((r) => r[0])
}

/**
 * The viewer's roles on the session: the mentor; the requester (the person who asked, or an
 * owner or admin of the organisation they asked for); and whether they run the space.
 */
function rolesOf(found: NonNullable<Awaited<ReturnType<typeof loadSession>>>, auth: Auth) {
  const roles: SessionRole[] = []
  if (found.mentorUserId === auth.user.id) roles.push('mentor')
  const s = found.session
  const orgRole = s.requesterOrgId ? membershipOf(auth, s.requesterOrgId)?.role : undefined
  if (s.requesterUserId === auth.user.id || orgRole === 'owner' || orgRole === 'admin')
    roles.push('requester')
  return { roles, spaceAdmin: isSpaceAdmin(auth, found.operatorOrgId) }
}

/** The session page's data; 404 for anyone who is neither party nor an admin of the space. */
export async function sessionPage(sessionId: string, auth: Auth) {
  if (!isUuid(sessionId)) throw notFound()
  const tx = db()
  const found = await loadSession(tx, sessionId)
  if (!found) throw notFound()
  const { roles, spaceAdmin } = rolesOf(found, auth)
  if (roles.length === 0 && !spaceAdmin) throw notFound()
  const s = found.session
  const [people, org, history] = await Promise.all([
    tx
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.id, [found.mentorUserId, s.requesterUserId])),
    s.requesterOrgId
      ? tx
          .select({ name: organisations.name, slug: organisations.slug })
          .from(organisations)
          .where(eq(organisations.id, s.requesterOrgId))
          .then((r) => r[0] ?? null)
      : Promise.resolve(null),
    tx
      .select({
        id: mentorSessionEvents.id,
        action: mentorSessionEvents.action,
        toStatus: mentorSessionEvents.toStatus,
        note: mentorSessionEvents.note,
        at: mentorSessionEvents.at,
        actorName: users.name,
      })
      .from(mentorSessionEvents)
      .leftJoin(users, eq(users.id, mentorSessionEvents.actorUserId))
      .where(eq(mentorSessionEvents.sessionId, sessionId))
      .orderBy(asc(mentorSessionEvents.at), asc(mentorSessionEvents.id)),
  ])
  const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? ''
  const actions = availableActions(mentorSessionMachine, s.status, roles)
  return {
    session: s,
    mentor: {
      name: nameOf(found.mentorUserId),
      title: found.mentorTitle,
      affiliation: found.mentorAffiliation,
    },
    requester: { name: nameOf(s.requesterUserId), org },
    space: { slug: found.spaceSlug, name: found.spaceName, nameEn: found.spaceNameEn },
    roles,
    spaceAdmin,
    actions,
    // The meeting can be recorded only once its agreed time has come.
    canRecordNow: actions.includes('record') && !!s.scheduledAt && s.scheduledAt <= now(),
    history,
  }
}

export type SessionChange =
  | { action: 'accept'; scheduledAt: Date; place: string }
  | { action: 'decline'; reason: string }
  | { action: 'cancel'; reason: string }
  | { action: 'record'; heldAt: Date; durationMinutes: number; summary: string }

/** One step of a session by one of its parties; the machine says who may take it from where. */
export async function changeSession(input: {
  sessionId: string
  auth: Auth
  change: SessionChange
}): Promise<void> {
  await db().transaction(async (tx) => {
    const found = await loadSession(tx, input.sessionId)
    if (!found) throw notFound()
    const { roles } = rolesOf(found, input.auth)
    if (roles.length === 0) throw notFound()
    const s = found.session
    const c = input.change
    const at = now()
    const actorUserId = input.auth.user.id
    let set: Partial<typeof mentorSessions.$inferInsert> = {}
    let note: string | null = null
    switch (c.action) {
      case 'accept':
        if (c.scheduledAt <= at)
          throw new UserError('mentors:errors.scheduledInPast', 'scheduledAt')
        set = { scheduledAt: c.scheduledAt, place: c.place }
        note = `${shanghaiTime(c.scheduledAt)} · ${c.place}`
        break
      case 'decline':
        set = { declineReason: c.reason }
        note = c.reason
        break
      case 'cancel':
        note = c.reason || null
        break
      case 'record':
        if (s.scheduledAt && s.scheduledAt > at) throw new UserError('mentors:errors.notYet')
        if (c.heldAt > at) throw new UserError('mentors:errors.heldInFuture', 'heldAt')
        set = { heldAt: c.heldAt, durationMinutes: c.durationMinutes, summary: c.summary }
        break
    }
    const moved = await moveMentorSession(tx, {
      sessionId: s.id,
      action: c.action satisfies MentorSessionAction,
      actorRoles: roles,
      actorUserId,
      note,
      set,
    })
    const mentorName =
      (await tx
        .select({ name: users.name })
        .from(users)
        .where(eq(users.id, found.mentorUserId))
        .then((r) => r[0]?.name)) ?? ''
    const link = sessionLink(s.id)
    switch (c.action) {
      case 'accept':
        await notify(tx, {
          userId: s.requesterUserId,
          kind: 'mentor.accepted',
          params: { name: mentorName, scheduledAt: shanghaiTime(c.scheduledAt) },
          link,
        })
        break
      case 'decline':
        await notify(tx, {
          userId: s.requesterUserId,
          kind: 'mentor.declined',
          params: { name: mentorName, reason: c.reason },
          link,
        })
        break
      case 'cancel': {
        // The other side hears of it: the mentor when the requester cancels, and vice versa.
        const byMentor = actorUserId === found.mentorUserId
        await notify(tx, {
          userId: byMentor ? s.requesterUserId : found.mentorUserId,
          kind: 'mentor.cancelled',
          params: { name: input.auth.user.name },
          link,
        })
        break
      }
      case 'record':
        await notify(tx, {
          userId: s.requesterUserId,
          kind: 'mentor.recorded',
          params: { name: mentorName },
          link,
        })
        break
    }
    return moved
  })
}

/** My sessions: as a mentor (requests waiting for my answer first) and as the one who asked. */
/**
 * A person's sessions: as the mentor, and as the one who asked, including those asked for an
 * organisation they own or run (`managedOrgIds`), so a founder sees what a colleague booked.
 */
export async function mySessions(userId: string, managedOrgIds: readonly string[] = []) {
  const base = db()
    .select({
      id: mentorSessions.id,
      topic: mentorSessions.topic,
      status: mentorSessions.status,
      scheduledAt: mentorSessions.scheduledAt,
      heldAt: mentorSessions.heldAt,
      createdAt: mentorSessions.createdAt,
      requesterUserId: mentorSessions.requesterUserId,
      requesterOrgId: mentorSessions.requesterOrgId,
      mentorUserId: spaceMentors.userId,
      spaceSlug: spaces.slug,
      spaceName: spaces.name,
      spaceNameEn: spaces.nameEn,
    })
    .from(mentorSessions)
    .innerJoin(spaceMentors, eq(spaceMentors.id, mentorSessions.mentorId))
    .innerJoin(spaces, eq(spaces.id, spaceMentors.spaceId))
    .where(
      or(
        eq(spaceMentors.userId, userId),
        eq(mentorSessions.requesterUserId, userId),
        managedOrgIds.length
          ? inArray(mentorSessions.requesterOrgId, [...managedOrgIds])
          : undefined,
      ),
    )
    .orderBy(desc(mentorSessions.createdAt))
  const rows = await base
  const ids = [...new Set(rows.flatMap((r) => [r.requesterUserId, r.mentorUserId]))]
  const names = ids.length
    ? await db()
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(inArray(users.id, ids))
    : []
  const nameOf = (id: string) => names.find((n) => n.id === id)?.name ?? ''
  const open = (s: string) => s === 'requested' || s === 'accepted'
  const asMentor = rows
    .filter((r) => r.mentorUserId === userId)
    .map((r) => ({ ...r, otherName: nameOf(r.requesterUserId) }))
    // Requests to answer first, then agreed meetings, then the rest, newest first within each.
    .sort((a, b) => rank(a.status) - rank(b.status))
  const asRequester = rows
    .filter(
      (r) =>
        r.requesterUserId === userId ||
        (r.requesterOrgId !== null && managedOrgIds.includes(r.requesterOrgId)),
    )
    .map((r) => ({ ...r, otherName: nameOf(r.mentorUserId) }))
    .sort((a, b) => Number(open(b.status)) - Number(open(a.status)))
  return { asMentor, asRequester }
}

function rank(status: string): number {
  return status === 'requested' ? 0 : status === 'accepted' ? 1 : 2
}
