// Mentors (创业导师) against real PostgreSQL: only active members of the space ask (an
// organisation acting for itself, or a maker in person), never the mentor themselves nor a
// retired mentor; the mentor alone accepts, declines and records, either side cancels; each step
// tells the other side and leaves a history row; the two parties and the space's admins see a
// session, nobody else; the public page lists listed mentors and says who may ask.
import { and, asc, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import {
  auditLog,
  mentorSessionEvents,
  notifications,
  spaceMemberships,
} from '../../db/schema/index.ts'
import { setNow } from '../../app/clock.server.ts'
import { getAuth } from '../../app/domains/accounts/auth.server.ts'
import {
  createSession,
  sessionCookieName,
  setActingOrg,
} from '../../app/domains/accounts/session.server.ts'
import { TransitionError } from '../../app/domains/lifecycle/machine.ts'
import {
  changeSession,
  mySessions,
  sessionPage,
} from '../../app/domains/hubs/mentor-sessions.server.ts'
import {
  addMentor,
  editMentor,
  requestSession,
  setMentorStatus,
  spaceMentorsPage,
} from '../../app/domains/hubs/mentors.server.ts'
import { UserError } from '../../app/domains/problems.ts'
import { createMentor } from '../factories/hubs.ts'
import {
  addOrgMember,
  admitToSpace,
  createOrg,
  createSpace,
  createUser,
} from '../factories/index.ts'

const NOW = new Date('2026-11-22T02:00:00Z')
const HOUR = 3_600_000
const DAY = 24 * HOUR
beforeEach(() => setNow(NOW))
afterEach(() => setNow(null))

type Person = { id: string; name: string; cookie: string; sessionId: string }

async function signIn(user: { id: string; name: string }): Promise<Person> {
  const { token } = await createSession(db(), user.id)
  return {
    id: user.id,
    name: user.name,
    cookie: `${sessionCookieName()}=${token}`,
    sessionId: token.split('.')[0] ?? '',
  }
}

async function authOf(p: Person, actingOrgId: string | null = null) {
  await setActingOrg(db(), p.sessionId, p.id, actingOrgId)
  const auth = await getAuth(new Request('http://localhost/', { headers: { cookie: p.cookie } }))
  if (!auth) throw new Error('no session')
  return auth
}

async function inbox(userId: string) {
  return db()
    .select({ kind: notifications.kind, params: notifications.params, link: notifications.link })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(asc(notifications.createdAt))
}

async function history(sessionId: string) {
  return db()
    .select({
      action: mentorSessionEvents.action,
      fromStatus: mentorSessionEvents.fromStatus,
      toStatus: mentorSessionEvents.toStatus,
      actorUserId: mentorSessionEvents.actorUserId,
    })
    .from(mentorSessionEvents)
    .where(eq(mentorSessionEvents.sessionId, sessionId))
    .orderBy(asc(mentorSessionEvents.at))
}

/** A space with its operator's owner, a startup member (its founder), a maker member, a mentor. */
async function world() {
  const operatorOwner = await signIn(await createUser(db(), { name: '空间运营' }))
  const operator = await createOrg(db(), { type: 'space_operator', ownerId: operatorOwner.id })
  const space = await createSpace(db(), { operatorOrgId: operator.id })
  const founder = await signIn(await createUser(db(), { name: '王创' }))
  const startup = await createOrg(db(), {
    type: 'startup',
    ownerId: founder.id,
    name: '甲材料科技有限公司',
  })
  const membership = await admitToSpace(db(), {
    spaceId: space.id,
    orgId: startup.id,
    stage: 'incubator',
    admittedOn: '2026-01-05',
  })
  const maker = await signIn(await createUser(db(), { name: '林创客' }))
  await admitToSpace(db(), {
    spaceId: space.id,
    userId: maker.id,
    stage: 'nursery',
    admittedOn: '2026-03-01',
  })
  const mentorPerson = await signIn(await createUser(db(), { name: '杨导师' }))
  const mentor = await createMentor(db(), { spaceId: space.id, userId: mentorPerson.id })
  return {
    operatorOwner,
    operator,
    space,
    founder,
    startup,
    membership,
    maker,
    mentorPerson,
    mentor,
  }
}

const ask = (w: Awaited<ReturnType<typeof world>>, auth: Awaited<ReturnType<typeof authOf>>) =>
  requestSession({
    spaceId: w.space.id,
    auth,
    mentorId: w.mentor.id,
    topic: '中试放大的工艺路线',
    message: '小试稳定，放大后粘度波动。',
    preferredTimes: '下周三下午',
  })

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (error) {
    if (error instanceof UserError) return error.messageKey
    if (error instanceof TransitionError) return `transition:${error.reason}`
    if (error instanceof Response) return `response:${error.status}`
    throw error
  }
  return 'allowed'
}

describe('asking a mentor', () => {
  it('lets an active member organisation ask, tells the mentor, and records the request', async () => {
    const w = await world()
    const session = await ask(w, await authOf(w.founder, w.startup.id))
    const page = await sessionPage(session.id, await authOf(w.founder, w.startup.id))
    expect(page.session).toMatchObject({
      status: 'requested',
      membershipId: w.membership.id,
      requesterUserId: w.founder.id,
      requesterOrgId: w.startup.id,
      topic: '中试放大的工艺路线',
    })
    expect(await inbox(w.mentorPerson.id)).toEqual([
      {
        kind: 'mentor.requested',
        params: { name: '王创（甲材料科技有限公司）', topic: '中试放大的工艺路线' },
        link: `/mentoring/${session.id}`,
      },
    ])
    expect(await history(session.id)).toEqual([
      { action: 'request', fromStatus: null, toStatus: 'requested', actorUserId: w.founder.id },
    ])
  })

  it('lets a maker member ask in person', async () => {
    const w = await world()
    const session = await ask(w, await authOf(w.maker))
    const page = await sessionPage(session.id, await authOf(w.maker))
    expect(page.session.requesterOrgId).toBeNull()
    expect(page.requester).toEqual({ name: '林创客', org: null })
  })

  it('refuses outsiders, the founder acting alone, members who left, the mentor, retired mentors', async () => {
    const w = await world()
    const outsider = await signIn(await createUser(db()))
    expect(await refusal(ask(w, await authOf(outsider)))).toBe('mentors:errors.notMember')
    // The founder acting as a person is not the member: the startup is.
    expect(await refusal(ask(w, await authOf(w.founder)))).toBe('mentors:errors.notMember')
    expect(await refusal(ask(w, await authOf(w.mentorPerson)))).toBe('mentors:errors.self')

    await db()
      .update(spaceMemberships)
      .set({ status: 'left', endedOn: '2026-10-01' })
      .where(eq(spaceMemberships.id, w.membership.id))
    expect(await refusal(ask(w, await authOf(w.founder, w.startup.id)))).toBe(
      'mentors:errors.notMember',
    )

    await setMentorStatus({
      spaceId: w.space.id,
      operatorOrgId: w.operator.id,
      actorUserId: w.operatorOwner.id,
      mentorId: w.mentor.id,
      status: 'retired',
      ip: '10.0.0.1',
    })
    expect(await refusal(ask(w, await authOf(w.maker)))).toBe('mentors:errors.retired')
    expect(await inbox(w.mentorPerson.id)).toEqual([])
  })

  it('shows the public page with listed mentors and says why a visitor or non-member cannot ask', async () => {
    const w = await world()
    const retiredPerson = await createUser(db(), { name: '退休导师' })
    const retired = await createMentor(db(), { spaceId: w.space.id, userId: retiredPerson.id })
    await setMentorStatus({
      spaceId: w.space.id,
      operatorOrgId: w.operator.id,
      actorUserId: w.operatorOwner.id,
      mentorId: retired.id,
      status: 'retired',
      ip: '10.0.0.1',
    })
    const visitor = await spaceMentorsPage(w.space.id, w.operator.id, null)
    expect(visitor.mentors.map((m) => m.name)).toEqual(['杨导师'])
    expect(visitor.mentors[0]?.email).toBeNull()
    expect([visitor.refusal, visitor.admin]).toEqual(['signIn', false])

    const outsider = await signIn(await createUser(db()))
    expect(
      (await spaceMentorsPage(w.space.id, w.operator.id, await authOf(outsider))).refusal,
    ).toBe('notMember')
    const member = await spaceMentorsPage(
      w.space.id,
      w.operator.id,
      await authOf(w.founder, w.startup.id),
    )
    expect([member.refusal, member.askingAs]).toEqual([null, 'org'])

    const admin = await spaceMentorsPage(w.space.id, w.operator.id, await authOf(w.operatorOwner))
    expect(admin.admin).toBe(true)
    expect(admin.mentors.map((m) => [m.name, m.status])).toEqual([
      ['杨导师', 'listed'],
      ['退休导师', 'retired'],
    ])
  })

  it('lets space admins add a mentor by e-mail, once, and refuses unknown e-mails', async () => {
    const w = await world()
    const email = `mentor-${Date.now()}@example.test`
    await createUser(db(), { name: '新导师', email })
    const add = (email: string) =>
      addMentor({
        spaceId: w.space.id,
        operatorOrgId: w.operator.id,
        actorUserId: w.operatorOwner.id,
        email,
        fields: {
          title: '研究员',
          affiliation: '某研究所',
          bio: '',
          segments: ['3.6'],
          topics: ['知识产权'],
          availability: '每周五',
        },
        ip: '10.0.0.1',
      })
    expect(await refusal(add(email.toUpperCase()))).toBe('allowed')
    expect(await refusal(add(email))).toBe('mentors:errors.alreadyListed')
    expect(await refusal(add('nobody-here@example.test'))).toBe('mentors:errors.userUnknown')
    const page = await spaceMentorsPage(w.space.id, w.operator.id, null)
    expect(page.mentors.map((m) => [m.name, m.title, m.topics])).toContainEqual([
      '新导师',
      '研究员',
      ['知识产权'],
    ])
    const added = page.mentors.find((m) => m.name === '新导师')
    if (!added) throw new Error('mentor not listed')
    await editMentor({
      spaceId: w.space.id,
      operatorOrgId: w.operator.id,
      actorUserId: w.operatorOwner.id,
      mentorId: added.id,
      fields: {
        title: '教授',
        affiliation: '某大学',
        bio: '简介',
        segments: ['1.5'],
        topics: ['融资', '知识产权'],
        availability: '每周一',
      },
      ip: '10.0.0.1',
    })
    const edited = (await spaceMentorsPage(w.space.id, w.operator.id, null)).mentors.find(
      (m) => m.id === added.id,
    )
    expect([edited?.title, edited?.segments, edited?.topics]).toEqual([
      '教授',
      ['1.5'],
      ['融资', '知识产权'],
    ])
    // Another space's admin cannot touch this space's mentor.
    const elsewhere = await createSpace(db(), { operatorOrgId: w.operator.id })
    expect(
      await refusal(
        setMentorStatus({
          spaceId: elsewhere.id,
          operatorOrgId: w.operator.id,
          actorUserId: w.operatorOwner.id,
          mentorId: added.id,
          status: 'retired',
          ip: '10.0.0.1',
        }),
      ),
    ).toBe('mentors:errors.notFound')
    const audits = await db()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'space'), eq(auditLog.entityId, w.space.id)))
      .orderBy(asc(auditLog.at))
    // Both at the same test instant: compare as a set.
    expect(audits.map((a) => a.action).sort()).toEqual(['add-mentor', 'edit-mentor'])
  })
})

describe('answering, cancelling and recording', () => {
  it('the mentor accepts with a Beijing time, then records the meeting after it took place', async () => {
    const w = await world()
    const founder = await authOf(w.founder, w.startup.id)
    const session = await ask(w, founder)
    const mentor = await authOf(w.mentorPerson)
    const at = new Date('2026-11-25T06:30:00Z') // 14:30 in Beijing

    // Only the mentor accepts; a time in the past is refused.
    expect(
      await refusal(
        changeSession({
          sessionId: session.id,
          auth: founder,
          change: { action: 'accept', scheduledAt: at, place: '会议室' },
        }),
      ),
    ).toBe('transition:actor')
    expect(
      await refusal(
        changeSession({
          sessionId: session.id,
          auth: mentor,
          change: {
            action: 'accept',
            scheduledAt: new Date(NOW.getTime() - HOUR),
            place: '会议室',
          },
        }),
      ),
    ).toBe('mentors:errors.scheduledInPast')
    // A minute later, so the history has one order.
    setNow(new Date(NOW.getTime() + 60_000))
    await changeSession({
      sessionId: session.id,
      auth: mentor,
      change: { action: 'accept', scheduledAt: at, place: '空间 2 楼会议室' },
    })
    expect(await inbox(w.founder.id)).toEqual([
      {
        kind: 'mentor.accepted',
        params: { name: '杨导师', scheduledAt: '2026-11-25 14:30' },
        link: `/mentoring/${session.id}`,
      },
    ])

    // Not before the agreed time; never by the requester.
    const record = {
      action: 'record' as const,
      heldAt: at,
      durationMinutes: 75,
      summary: '讨论了分散工艺和在线检测。',
    }
    expect(
      await refusal(changeSession({ sessionId: session.id, auth: mentor, change: record })),
    ).toBe('mentors:errors.notYet')
    setNow(new Date(at.getTime() + 3 * HOUR))
    expect(
      await refusal(changeSession({ sessionId: session.id, auth: founder, change: record })),
    ).toBe('transition:actor')
    expect(
      await refusal(
        changeSession({
          sessionId: session.id,
          auth: mentor,
          change: { ...record, heldAt: new Date(at.getTime() + DAY) },
        }),
      ),
    ).toBe('mentors:errors.heldInFuture')
    await changeSession({ sessionId: session.id, auth: mentor, change: record })

    const page = await sessionPage(session.id, mentor)
    expect(page.session).toMatchObject({
      status: 'held',
      heldAt: at,
      durationMinutes: 75,
      summary: '讨论了分散工艺和在线检测。',
      place: '空间 2 楼会议室',
    })
    expect(page.actions).toEqual([])
    expect((await inbox(w.founder.id)).map((n) => n.kind)).toEqual([
      'mentor.accepted',
      'mentor.recorded',
    ])
    expect(
      (await history(session.id)).map((h) => [h.action, h.fromStatus, h.toStatus, h.actorUserId]),
    ).toEqual([
      ['request', null, 'requested', w.founder.id],
      ['accept', 'requested', 'accepted', w.mentorPerson.id],
      ['record', 'accepted', 'held', w.mentorPerson.id],
    ])
    // A held session can no longer be cancelled by either side.
    expect(
      await refusal(
        changeSession({
          sessionId: session.id,
          auth: founder,
          change: { action: 'cancel', reason: '' },
        }),
      ),
    ).toBe('transition:not-allowed')
  })

  it('the mentor declines with a reason; a declined request cannot be cancelled', async () => {
    const w = await world()
    const maker = await authOf(w.maker)
    const session = await ask(w, maker)
    const mentor = await authOf(w.mentorPerson)
    expect(
      await refusal(
        changeSession({
          sessionId: session.id,
          auth: maker,
          change: { action: 'decline', reason: '不合适' },
        }),
      ),
    ).toBe('transition:actor')
    await changeSession({
      sessionId: session.id,
      auth: mentor,
      change: { action: 'decline', reason: '这个方向不在我的专长内' },
    })
    expect(await inbox(w.maker.id)).toEqual([
      {
        kind: 'mentor.declined',
        params: { name: '杨导师', reason: '这个方向不在我的专长内' },
        link: `/mentoring/${session.id}`,
      },
    ])
    const page = await sessionPage(session.id, maker)
    expect([page.session.status, page.session.declineReason, page.actions]).toEqual([
      'declined',
      '这个方向不在我的专长内',
      [],
    ])
    expect(
      await refusal(
        changeSession({
          sessionId: session.id,
          auth: maker,
          change: { action: 'cancel', reason: '' },
        }),
      ),
    ).toBe('transition:not-allowed')
  })

  it('either side cancels, and the other side is told', async () => {
    const w = await world()
    const founder = await authOf(w.founder, w.startup.id)
    const mentor = await authOf(w.mentorPerson)
    // The requester cancels an accepted session: the mentor hears of it.
    const first = await ask(w, founder)
    setNow(new Date(NOW.getTime() + 60_000))
    await changeSession({
      sessionId: first.id,
      auth: mentor,
      change: { action: 'accept', scheduledAt: new Date(NOW.getTime() + 2 * DAY), place: '线上' },
    })
    setNow(new Date(NOW.getTime() + 120_000))
    await changeSession({
      sessionId: first.id,
      auth: founder,
      change: { action: 'cancel', reason: '时间冲突' },
    })
    expect((await inbox(w.mentorPerson.id)).map((n) => [n.kind, n.params])).toEqual([
      ['mentor.requested', { name: '王创（甲材料科技有限公司）', topic: '中试放大的工艺路线' }],
      ['mentor.cancelled', { name: '王创' }],
    ])
    // The mentor cancels a request: the requester hears of it.
    const second = await ask(w, founder)
    await changeSession({
      sessionId: second.id,
      auth: mentor,
      change: { action: 'cancel', reason: '' },
    })
    expect(
      (await inbox(w.founder.id)).filter((n) => n.kind === 'mentor.cancelled').map((n) => n.params),
    ).toEqual([{ name: '杨导师' }])
    expect((await history(first.id)).at(-1)).toMatchObject({
      action: 'cancel',
      fromStatus: 'accepted',
      toStatus: 'cancelled',
      actorUserId: w.founder.id,
    })
  })
})

describe('who sees a session', () => {
  it('the two parties and the space admins see it; anyone else gets 404', async () => {
    const w = await world()
    const session = await ask(w, await authOf(w.founder, w.startup.id))
    const outsider = await signIn(await createUser(db()))
    expect(await refusal(sessionPage(session.id, await authOf(outsider)))).toBe('response:404')
    expect(await refusal(sessionPage('not-a-uuid', await authOf(w.founder)))).toBe('response:404')

    const admin = await sessionPage(session.id, await authOf(w.operatorOwner))
    expect([admin.spaceAdmin, admin.roles, admin.actions]).toEqual([true, [], []])
    const mentor = await sessionPage(session.id, await authOf(w.mentorPerson))
    expect([mentor.roles, mentor.actions]).toEqual([['mentor'], ['accept', 'decline', 'cancel']])
    // Any time the founder is signed in they stand for the startup's request, whatever they act for.
    const requester = await sessionPage(session.id, await authOf(w.founder))
    expect([requester.roles, requester.actions]).toEqual([['requester'], ['cancel']])

    // The admin may look but not act.
    expect(
      await refusal(
        changeSession({
          sessionId: session.id,
          auth: await authOf(w.operatorOwner),
          change: { action: 'cancel', reason: '' },
        }),
      ),
    ).toBe('response:404')
  })

  it('lists my sessions: as mentor with requests to answer first, and as requester', async () => {
    const w = await world()
    const founder = await authOf(w.founder, w.startup.id)
    const mentor = await authOf(w.mentorPerson)
    const first = await ask(w, founder)
    await changeSession({
      sessionId: first.id,
      auth: mentor,
      change: { action: 'accept', scheduledAt: new Date(NOW.getTime() + DAY), place: '线上' },
    })
    setNow(new Date(NOW.getTime() + HOUR))
    const second = await ask(w, founder)
    const mine = await mySessions(w.mentorPerson.id)
    expect(mine.asMentor.map((s) => [s.id, s.status, s.otherName])).toEqual([
      [second.id, 'requested', '王创'],
      [first.id, 'accepted', '王创'],
    ])
    expect(mine.asRequester).toEqual([])
    expect((await mySessions(w.founder.id)).asRequester.map((s) => s.id)).toEqual([
      second.id,
      first.id,
    ])
    // A co-founder who runs the startup sees what the founder booked for it; on their own, nothing.
    const cofounder = await createUser(db(), { name: '李合伙' })
    await addOrgMember(db(), w.startup.id, cofounder.id, 'admin')
    expect((await mySessions(cofounder.id)).asRequester).toEqual([])
    expect(
      (await mySessions(cofounder.id, [w.startup.id])).asRequester.map((s) => s.otherName),
    ).toEqual(['杨导师', '杨导师'])
    expect(
      await db()
        .select({ id: spaceMemberships.id })
        .from(spaceMemberships)
        .where(
          and(eq(spaceMemberships.spaceId, w.space.id), eq(spaceMemberships.status, 'active')),
        ),
    ).toHaveLength(2)
  })
})
