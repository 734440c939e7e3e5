// Space events against real PostgreSQL with the product clock set: seats and the waiting list
// under concurrent registrations, promotion on cancellation, one live registration per person,
// the members-only audience, when registration is open, cancelling an event, the timer that
// marks it held, and check-in.
import { and, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import {
  eventRegistrations,
  notifications,
  spaceEvents,
  spaceEventStatusEvents,
} from '../../db/schema/index.ts'
import { setNow } from '../../app/clock.server.ts'
import {
  cancelMyRegistration,
  checkIn,
  registerForEvent,
  undoCheckIn,
} from '../../app/domains/hubs/event-registrations.server.ts'
import {
  addEventPresenter,
  cancelSpaceEvent,
  createSpaceEvent,
  holdSpaceEvent,
  inviteEventInvestor,
  moveEventPresenter,
  publishSpaceEvent,
  updateSpaceEvent,
} from '../../app/domains/hubs/events.server.ts'
import { eventPage, myRegistrations } from '../../app/domains/hubs/event-queries.server.ts'
import { EventFormSchema } from '../../app/domains/hubs/events.schema.ts'
import { UserError } from '../../app/domains/problems.ts'
import { sweepTimers } from '../../app/domains/timers/timers.server.ts'
import '../../app/domains/hubs/event-timers.server.ts'
import {
  addOrgMember,
  admitToSpace,
  createOrg,
  createSpace,
  createUser,
} from '../factories/index.ts'
import { createCampaign, createInvestor, createStartup } from '../factories/deals.ts'
import { createEvent } from '../factories/hubs.ts'

const NOW = new Date('2026-11-22T02:00:00Z')
const HOUR = 3_600_000
beforeEach(() => setNow(NOW))
afterEach(() => setNow(null))

async function space() {
  const operatorOwner = await createUser(db())
  const operator = await createOrg(db(), { type: 'space_operator', ownerId: operatorOwner.id })
  const s = await createSpace(db(), { operatorOrgId: operator.id })
  return { space: s, operator, operatorOwner }
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (error) {
    if (error instanceof UserError) return error.messageKey
    throw error
  }
  throw new Error('expected a refusal')
}

async function statusOf(registrationId: string) {
  return db()
    .select({ status: eventRegistrations.status })
    .from(eventRegistrations)
    .where(eq(eventRegistrations.id, registrationId))
    .then((r) => r[0]?.status)
}

async function kindsFor(userId: string) {
  const rows = await db()
    .select({ kind: notifications.kind })
    .from(notifications)
    .where(eq(notifications.userId, userId))
  return rows.map((r) => r.kind)
}

describe('seats and the waiting list', () => {
  it('gives exactly the capacity in seats to 20 people registering at once, the rest wait in order', async () => {
    const { space: s } = await space()
    const event = await createEvent(db(), { spaceId: s.id, capacity: 5 })
    const people = await Promise.all(Array.from({ length: 20 }, () => createUser(db())))
    const results = await Promise.all(
      people.map((p) => registerForEvent({ eventId: event.id, userId: p.id, orgId: null })),
    )
    const registered = results.filter((r) => r.status === 'registered')
    const waitlisted = results.filter((r) => r.status === 'waitlisted')
    expect(registered).toHaveLength(5)
    expect(waitlisted).toHaveLength(15)
    expect(waitlisted.map((r) => r.position).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 15 }, (_, i) => i + 1),
    )
    const rows = await db()
      .select()
      .from(eventRegistrations)
      .where(eq(eventRegistrations.eventId, event.id))
    expect(rows).toHaveLength(20)
    expect(new Set(rows.map((r) => r.userId)).size).toBe(20)
    expect(new Set(rows.map((r) => r.checkInCode)).size).toBe(20)
    const page = await eventPage(event.id, null, false)
    expect(page?.event.seatsLeft).toBe(0)
    expect(page?.event.waitlisted).toBe(15)
  })

  it('promotes the longest-waiting registration when a seat is cancelled, and tells them', async () => {
    const { space: s } = await space()
    const event = await createEvent(db(), { spaceId: s.id, capacity: 1 })
    const [a, b, c] = await Promise.all([createUser(db()), createUser(db()), createUser(db())])
    if (!a || !b || !c) throw new Error('people')
    const ra = await registerForEvent({ eventId: event.id, userId: a.id, orgId: null })
    setNow(new Date(NOW.getTime() + 1000))
    const rb = await registerForEvent({ eventId: event.id, userId: b.id, orgId: null })
    setNow(new Date(NOW.getTime() + 2000))
    const rc = await registerForEvent({ eventId: event.id, userId: c.id, orgId: null })
    expect([ra.status, rb.status, rb.position, rc.status, rc.position]).toEqual([
      'registered',
      'waitlisted',
      1,
      'waitlisted',
      2,
    ])
    expect(await kindsFor(b.id)).toEqual(['event.waitlisted'])

    await cancelMyRegistration({ eventId: event.id, userId: a.id })
    expect(await statusOf(ra.registrationId)).toBe('cancelled')
    expect(await statusOf(rb.registrationId)).toBe('registered')
    expect(await statusOf(rc.registrationId)).toBe('waitlisted')
    expect(await kindsFor(b.id)).toContain('event.promoted')
    const cPage = await eventPage(
      event.id,
      { userId: c.id, actingOrgId: null, actingOrgName: null },
      false,
    )
    expect(cPage?.mine).toMatchObject({ status: 'waitlisted', position: 1 })
  })

  it('keeps one live registration per person, and lets them register again after cancelling', async () => {
    const { space: s } = await space()
    const event = await createEvent(db(), { spaceId: s.id })
    const p = await createUser(db())
    await registerForEvent({ eventId: event.id, userId: p.id, orgId: null })
    expect(await refusal(registerForEvent({ eventId: event.id, userId: p.id, orgId: null }))).toBe(
      'events:errors.alreadyRegistered',
    )
    await cancelMyRegistration({ eventId: event.id, userId: p.id })
    await registerForEvent({ eventId: event.id, userId: p.id, orgId: null })
    const live = await db()
      .select()
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.userId, p.id)))
    expect(live.map((r) => r.status).sort()).toEqual(['cancelled', 'registered'])
  })

  it('seats the waiting list when the capacity is raised, and refuses to drop below seats given', async () => {
    const { space: s, operatorOwner } = await space()
    const event = await createEvent(db(), { spaceId: s.id, capacity: 1 })
    const [a, b] = await Promise.all([createUser(db()), createUser(db())])
    if (!a || !b) throw new Error('people')
    await registerForEvent({ eventId: event.id, userId: a.id, orgId: null })
    const rb = await registerForEvent({ eventId: event.id, userId: b.id, orgId: null })
    const form = (capacity: number) =>
      EventFormSchema.parse({
        intent: 'save',
        kind: 'roadshow',
        title: event.title,
        summary: event.summary,
        startsAt: '2026-11-29T10:00',
        endsAt: '2026-11-29T12:00',
        place: '路演厅',
        capacity: String(capacity),
        audience: 'public',
      })
    const admin = { spaceId: s.id, eventId: event.id, actorUserId: operatorOwner.id }
    await updateSpaceEvent({ ...admin, form: form(2) })
    expect(await statusOf(rb.registrationId)).toBe('registered')
    expect(await kindsFor(b.id)).toContain('event.promoted')
    // The edit moved the event to another room: the person already seated hears of it.
    expect(await kindsFor(a.id)).toContain('event.changed')
    // Two seats are now given: the capacity cannot go back below that.
    expect(await refusal(updateSpaceEvent({ ...admin, form: form(1) }))).toBe(
      'events:errors.capacityBelowSeated',
    )
  })
})

describe('who may register', () => {
  it('admits to a members-only event the space’s members, the operator’s people and invited investors only', async () => {
    const { space: s, operatorOwner } = await space()
    const event = await createEvent(db(), { spaceId: s.id, audience: 'members', kind: 'roadshow' })
    const stranger = await createUser(db())
    expect(
      await refusal(registerForEvent({ eventId: event.id, userId: stranger.id, orgId: null })),
    ).toBe('events:errors.membersOnly')

    const { org: startup, owner: founder } = await createStartup(db())
    await admitToSpace(db(), {
      spaceId: s.id,
      orgId: startup.id,
      stage: 'incubator',
      admittedOn: '2026-01-01',
    })
    // The founder acting alone is not a member; acting for the member startup they are.
    expect(
      await refusal(registerForEvent({ eventId: event.id, userId: founder.id, orgId: null })),
    ).toBe('events:errors.membersOnly')
    expect(
      (await registerForEvent({ eventId: event.id, userId: founder.id, orgId: startup.id })).status,
    ).toBe('registered')

    const maker = await createUser(db())
    await admitToSpace(db(), {
      spaceId: s.id,
      userId: maker.id,
      stage: 'nursery',
      admittedOn: '2026-01-01',
    })
    expect(
      (await registerForEvent({ eventId: event.id, userId: maker.id, orgId: null })).status,
    ).toBe('registered')

    const staff = await createUser(db())
    const operatorOrgId = s.operatorOrgId
    await addOrgMember(db(), operatorOrgId, staff.id, 'member')
    expect(
      (await registerForEvent({ eventId: event.id, userId: staff.id, orgId: null })).status,
    ).toBe('registered')

    const firm = await createInvestor(db(), { kind: 'institution' })
    expect(
      await refusal(registerForEvent({ eventId: event.id, userId: firm.user.id, orgId: null })),
    ).toBe('events:errors.membersOnly')
    await inviteEventInvestor({
      spaceId: s.id,
      eventId: event.id,
      actorUserId: operatorOwner.id,
      investorProfileId: firm.profile.id,
    })
    expect(await kindsFor(firm.user.id)).toContain('event.invited')
    expect(
      (
        await registerForEvent({
          eventId: event.id,
          userId: firm.user.id,
          orgId: firm.firm?.id ?? null,
        })
      ).status,
    ).toBe('registered')
  })

  it('refuses a member whose membership has ended', async () => {
    const { space: s } = await space()
    const event = await createEvent(db(), { spaceId: s.id, audience: 'members' })
    const { org, owner } = await createStartup(db())
    const m = await admitToSpace(db(), {
      spaceId: s.id,
      orgId: org.id,
      stage: 'incubator',
      admittedOn: '2025-01-01',
    })
    const { spaceMemberships } = await import('../../db/schema/index.ts')
    await db()
      .update(spaceMemberships)
      .set({ status: 'left', endedOn: '2026-10-01' })
      .where(eq(spaceMemberships.id, m.id))
    expect(
      await refusal(registerForEvent({ eventId: event.id, userId: owner.id, orgId: org.id })),
    ).toBe('events:errors.membersOnly')
  })

  it('refuses to register for someone else’s organisation', async () => {
    const { space: s } = await space()
    const event = await createEvent(db(), { spaceId: s.id })
    const { org } = await createStartup(db())
    const p = await createUser(db())
    expect(
      await refusal(registerForEvent({ eventId: event.id, userId: p.id, orgId: org.id })),
    ).toBe('events:errors.notYourOrg')
  })

  it('is open only while the event is published, not started and before registration closes', async () => {
    const { space: s } = await space()
    const p = await createUser(db())
    const draft = await createEvent(db(), { spaceId: s.id, status: 'draft' })
    const cancelled = await createEvent(db(), { spaceId: s.id, status: 'cancelled' })
    const started = await createEvent(db(), {
      spaceId: s.id,
      startsAt: new Date(NOW.getTime() - HOUR),
    })
    const closing = await createEvent(db(), { spaceId: s.id })
    await db()
      .update(spaceEvents)
      .set({ registrationClosesAt: new Date(NOW.getTime() - 60_000) })
      .where(eq(spaceEvents.id, closing.id))
    const reg = (id: string) =>
      refusal(registerForEvent({ eventId: id, userId: p.id, orgId: null }))
    expect(await reg(draft.id)).toBe('events:errors.notOpen')
    expect(await reg(cancelled.id)).toBe('events:errors.cancelled')
    expect(await reg(started.id)).toBe('events:errors.started')
    expect(await reg(closing.id)).toBe('events:errors.registrationClosed')
  })
})

describe('the event’s lifecycle', () => {
  it('creates a draft, publishes it, and the timer at its end marks it held', async () => {
    const { space: s, operatorOwner } = await space()
    const form = EventFormSchema.parse({
      intent: 'save',
      kind: 'training',
      title: '材料表征 SEM/XRD 实操培训',
      summary: '扫描电镜与 X 射线衍射的上机实操。',
      startsAt: '2026-12-01T14:00',
      endsAt: '2026-12-01T17:00',
      place: '表征平台 203 室',
      capacity: '20',
      audience: 'members',
      registrationClosesAt: '2026-11-30T18:00',
    })
    expect(form.startsAt.toISOString()).toBe('2026-12-01T06:00:00.000Z')
    const { eventId } = await createSpaceEvent({
      spaceId: s.id,
      actorUserId: operatorOwner.id,
      form,
    })
    const p = await createUser(db())
    expect(await refusal(registerForEvent({ eventId, userId: p.id, orgId: null }))).toBe(
      'events:errors.notOpen',
    )
    await publishSpaceEvent({ spaceId: s.id, eventId, actorUserId: operatorOwner.id })
    // Not yet over: nothing to do.
    await sweepTimers(new Date('2026-12-01T08:00:00Z'))
    expect(
      (await db().select().from(spaceEvents).where(eq(spaceEvents.id, eventId)))[0]?.status,
    ).toBe('published')
    setNow(new Date('2026-12-01T09:00:00Z'))
    await sweepTimers(new Date('2026-12-01T09:00:00Z'))
    const history = await db()
      .select()
      .from(spaceEventStatusEvents)
      .where(eq(spaceEventStatusEvents.eventId, eventId))
    expect(history.map((h) => [h.action, h.toStatus, h.actorUserId])).toEqual([
      ['publish', 'published', operatorOwner.id],
      ['hold', 'held', null],
    ])
  })

  it('refuses a start in the past and an end before the start', async () => {
    const { space: s, operatorOwner } = await space()
    const bad = EventFormSchema.safeParse({
      kind: 'contest',
      title: '生物医药创新创业大赛',
      summary: '初赛路演',
      startsAt: '2026-12-01T14:00',
      endsAt: '2026-12-01T13:00',
      capacity: '10',
    })
    expect(bad.success).toBe(false)
    const messages = bad.success ? [] : bad.error.issues.map((i) => i.message)
    expect(messages).toContain('events:errors.endsBeforeStart')
    expect(messages).toContain('events:errors.placeOrLink')
    const past = EventFormSchema.parse({
      kind: 'contest',
      title: '生物医药创新创业大赛',
      summary: '初赛路演',
      startsAt: '2026-11-01T14:00',
      endsAt: '2026-11-01T16:00',
      onlineUrl: 'https://meeting.example/123',
      capacity: '10',
    })
    expect(
      await refusal(createSpaceEvent({ spaceId: s.id, actorUserId: operatorOwner.id, form: past })),
    ).toBe('events:errors.startsInPast')
  })

  it('cancelling an event cancels every live registration and tells each registrant', async () => {
    const { space: s, operatorOwner } = await space()
    const event = await createEvent(db(), { spaceId: s.id, capacity: 1 })
    const [a, b] = await Promise.all([createUser(db()), createUser(db())])
    if (!a || !b) throw new Error('people')
    const ra = await registerForEvent({ eventId: event.id, userId: a.id, orgId: null })
    const rb = await registerForEvent({ eventId: event.id, userId: b.id, orgId: null })
    await cancelSpaceEvent({
      spaceId: s.id,
      eventId: event.id,
      actorUserId: operatorOwner.id,
      reason: '主讲嘉宾行程变更，活动延期',
    })
    expect(await statusOf(ra.registrationId)).toBe('cancelled')
    expect(await statusOf(rb.registrationId)).toBe('cancelled')
    expect(await kindsFor(a.id)).toContain('event.cancelled')
    expect(await kindsFor(b.id)).toContain('event.cancelled')
    // Nobody is promoted into a cancelled event, and its timer never fires a hold.
    await sweepTimers(new Date(event.endsAt.getTime() + HOUR))
    const [row] = await db().select().from(spaceEvents).where(eq(spaceEvents.id, event.id))
    expect([row?.status, row?.cancelReason]).toEqual(['cancelled', '主讲嘉宾行程变更，活动延期'])
  })

  it('an event is marked held by its admins only after it has started', async () => {
    const { space: s, operatorOwner } = await space()
    const event = await createEvent(db(), {
      spaceId: s.id,
      startsAt: new Date(NOW.getTime() + HOUR),
    })
    expect(
      await refusal(
        holdSpaceEvent({ spaceId: s.id, eventId: event.id, actorUserId: operatorOwner.id }),
      ),
    ).toBe('events:errors.notStarted')
    setNow(new Date(NOW.getTime() + 2 * HOUR))
    await holdSpaceEvent({ spaceId: s.id, eventId: event.id, actorUserId: operatorOwner.id })
    const [row] = await db().select().from(spaceEvents).where(eq(spaceEvents.id, event.id))
    expect(row?.status).toBe('held')
  })
})

describe('check-in', () => {
  it('checks in seated registrants by code or row, never the waiting list, and can be undone', async () => {
    const { space: s, operatorOwner } = await space()
    const event = await createEvent(db(), { spaceId: s.id, capacity: 1 })
    const [a, b] = await Promise.all([createUser(db()), createUser(db())])
    if (!a || !b) throw new Error('people')
    const ra = await registerForEvent({ eventId: event.id, userId: a.id, orgId: null })
    const rb = await registerForEvent({ eventId: event.id, userId: b.id, orgId: null })
    const [codeA, codeB] = await Promise.all(
      [ra, rb].map((r) =>
        db()
          .select({ code: eventRegistrations.checkInCode })
          .from(eventRegistrations)
          .where(eq(eventRegistrations.id, r.registrationId))
          .then((x) => x[0]?.code ?? ''),
      ),
    )
    const admin = { spaceId: s.id, eventId: event.id, actorUserId: operatorOwner.id }
    expect(await refusal(checkIn({ ...admin, code: 'ZZZZZZ' }))).toBe('events:errors.codeUnknown')
    expect(await refusal(checkIn({ ...admin, code: codeB }))).toBe('events:errors.notSeated')
    await checkIn({ ...admin, code: ` ${codeA.toLowerCase()} ` })
    expect(await statusOf(ra.registrationId)).toBe('attended')
    expect(await refusal(checkIn({ ...admin, code: codeA }))).toBe('events:errors.alreadyCheckedIn')
    await undoCheckIn({ ...admin, registrationId: ra.registrationId })
    expect(await statusOf(ra.registrationId)).toBe('registered')
    await checkIn({ ...admin, registrationId: ra.registrationId })
    expect(await statusOf(ra.registrationId)).toBe('attended')
    const mine = await myRegistrations(a.id)
    expect(mine.upcoming[0]).toMatchObject({ status: 'attended', checkInCode: codeA })
  })
})

describe('roadshow arrangement', () => {
  it('lists member startups in running order with a live campaign, and refuses non-members', async () => {
    const { space: s, operatorOwner } = await space()
    const event = await createEvent(db(), { spaceId: s.id, kind: 'roadshow' })
    const one = await createStartup(db())
    const two = await createStartup(db())
    const outsider = await createStartup(db())
    for (const st of [one, two])
      await admitToSpace(db(), {
        spaceId: s.id,
        orgId: st.org.id,
        stage: 'incubator',
        admittedOn: '2026-01-01',
      })
    const campaign = await createCampaign(db(), {
      orgId: one.org.id,
      createdByUserId: one.owner.id,
    })
    const admin = { spaceId: s.id, eventId: event.id, actorUserId: operatorOwner.id }
    await addEventPresenter({
      ...admin,
      orgId: one.org.id,
      campaignId: campaign.id,
      pitchTitle: '',
    })
    await addEventPresenter({ ...admin, orgId: two.org.id, campaignId: null, pitchTitle: '' })
    expect(
      await refusal(
        addEventPresenter({ ...admin, orgId: outsider.org.id, campaignId: null, pitchTitle: '' }),
      ),
    ).toBe('events:errors.presenterNotMember')
    expect(await kindsFor(one.owner.id)).toContain('event.presenting')
    let page = await eventPage(event.id, null, false)
    expect(page?.presenters.map((p) => [p.orgName, p.campaign?.slug ?? null])).toEqual([
      [one.org.name, campaign.slug],
      [two.org.name, null],
    ])
    const second = page?.presenters[1]?.id ?? ''
    await moveEventPresenter({ ...admin, presenterId: second, direction: 'up' })
    page = await eventPage(event.id, null, false)
    expect(page?.presenters.map((p) => p.orgName)).toEqual([two.org.name, one.org.name])
  })

  it('shows only invited investors whose profile is public', async () => {
    const { space: s, operatorOwner } = await space()
    const event = await createEvent(db(), { spaceId: s.id, kind: 'roadshow' })
    const open = await createInvestor(db(), { name: '公开的天使投资人' })
    const quiet = await createInvestor(db(), {
      name: '低调的天使投资人',
      visibility: 'verified_startups',
    })
    const unverified = await createInvestor(db(), { verified: false })
    const admin = { spaceId: s.id, eventId: event.id, actorUserId: operatorOwner.id }
    await inviteEventInvestor({ ...admin, investorProfileId: open.profile.id })
    await inviteEventInvestor({ ...admin, investorProfileId: quiet.profile.id })
    expect(
      await refusal(inviteEventInvestor({ ...admin, investorProfileId: unverified.profile.id })),
    ).toBe('events:errors.investor')
    const page = await eventPage(event.id, null, false)
    expect(page?.invited.map((i) => i.name)).toEqual(['公开的天使投资人'])
  })
})
