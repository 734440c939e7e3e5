// The event pages' loaders and actions with real sessions: the online link only for seat
// holders, registering through the page (alone or for the acting organisation), a refusal shown
// beside the form, the manage page only for the space's admins, check-in by code through the
// page, and the calendar files.
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import { eventRegistrations, sessions } from '../../db/schema/index.ts'
import { setNow } from '../../app/clock.server.ts'
import { createSession, sessionCookieName } from '../../app/domains/accounts/session.server.ts'
import * as eventRoute from '../../app/routes/events.$id._index.tsx'
import * as icsRoute from '../../app/routes/events.$id[.]ics.ts'
import * as manageRoute from '../../app/routes/events.$id.manage.tsx'
import * as csvRoute from '../../app/routes/events.$id.registrations[.]csv.ts'
import * as spaceEventsRoute from '../../app/routes/spaces.$slug.events.tsx'
import * as spaceFeedRoute from '../../app/routes/spaces.$slug.events[.]ics.ts'
import { admitToSpace, createOrg, createSpace, createUser } from '../factories/index.ts'
import { createStartup } from '../factories/deals.ts'
import { createEvent } from '../factories/hubs.ts'

const NOW = new Date('2026-11-22T02:00:00Z')
beforeEach(() => setNow(NOW))
afterEach(() => setNow(null))

const context = { ip: '10.0.0.9', nonce: 'test', requestId: 'test' }

async function cookieFor(userId: string, actingOrgId: string | null = null) {
  const { token } = await createSession(db(), userId)
  // The token is `<session id>.<secret>`; acting for an organisation is a column of the session.
  if (actingOrgId)
    await db()
      .update(sessions)
      .set({ actingOrgId })
      .where(eq(sessions.id, token.split('.')[0] ?? ''))
  return `${sessionCookieName()}=${token}`
}

const statusOf = (p: Promise<unknown>) =>
  p.then(
    (r) => (r instanceof Response ? r.status : 200),
    (r: unknown) => (r instanceof Response ? r.status : 500),
  )

function post(path: string, cookie: string, fields: Record<string, string>) {
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  })
}

async function setting(options: { audience?: 'public' | 'members'; capacity?: number } = {}) {
  const operatorOwner = await createUser(db())
  const operator = await createOrg(db(), { type: 'space_operator', ownerId: operatorOwner.id })
  const space = await createSpace(db(), { operatorOrgId: operator.id })
  const event = await createEvent(db(), {
    spaceId: space.id,
    audience: options.audience ?? 'public',
    capacity: options.capacity ?? 10,
    onlineUrl: 'https://meeting.example/room-42',
  })
  return { operatorOwner, space, event, adminCookie: await cookieFor(operatorOwner.id) }
}

describe('the event page', () => {
  it('shows the online link only once the person holds a seat', async () => {
    const { event } = await setting()
    const p = await createUser(db())
    const cookie = await cookieFor(p.id)
    const load = async (c: string | null) =>
      eventRoute.loader({
        request: new Request(`http://localhost/events/${event.id}`, {
          headers: c ? { cookie: c } : {},
        }),
        params: { id: event.id },
        context,
      })
    const visitor = await load(null)
    expect(visitor.event.hasOnline).toBe(true)
    expect(visitor.event.onlineUrl).toBeNull()
    expect((await load(cookie)).event.onlineUrl).toBeNull()

    const res = await eventRoute.action({
      request: post(`/events/${event.id}`, cookie, { intent: 'register', as: 'person' }),
      params: { id: event.id },
      context,
    })
    expect(res instanceof Response && res.headers.get('location')).toBe(
      `/events/${event.id}?notice=registered`,
    )
    const seated = await load(cookie)
    expect(seated.event.onlineUrl).toBe('https://meeting.example/room-42')
    expect(seated.mine?.status).toBe('registered')
    expect(seated.mine?.checkInCode).toMatch(/^[A-Z2-9]{6}$/)
  })

  it('registers for the acting organisation, and shows a members-only refusal beside the form', async () => {
    const { space, event } = await setting({ audience: 'members' })
    const { org, owner } = await createStartup(db())
    const alone = await cookieFor(owner.id)
    const refused = await eventRoute.action({
      request: post(`/events/${event.id}`, alone, { intent: 'register', as: 'person' }),
      params: { id: event.id },
      context,
    })
    expect(refused).toBeInstanceOf(Response)
    const body = (await (refused as Response).json()) as {
      intent: string
      result: { error: Record<string, string[]> }
    }
    expect((refused as Response).status).toBe(400)
    expect(body.result.error['']).toEqual(['events:errors.membersOnly'])

    await admitToSpace(db(), {
      spaceId: space.id,
      orgId: org.id,
      stage: 'nursery',
      admittedOn: '2026-06-01',
    })
    const forOrg = await cookieFor(owner.id, org.id)
    const page = await eventRoute.loader({
      request: new Request(`http://localhost/events/${event.id}`, { headers: { cookie: forOrg } }),
      params: { id: event.id },
      context,
    })
    expect(page.refusal).toBeNull()
    expect(page.actingOrgName).toBe(org.name)
    await eventRoute.action({
      request: post(`/events/${event.id}`, forOrg, { intent: 'register', as: 'org' }),
      params: { id: event.id },
      context,
    })
    const [row] = await db()
      .select()
      .from(eventRegistrations)
      .where(eq(eventRegistrations.eventId, event.id))
    expect(row?.orgId).toBe(org.id)
  })
})

describe('the manage page', () => {
  it('is for the space’s admins only, and checks in by the code typed', async () => {
    const { event, adminCookie } = await setting()
    // A name a spreadsheet would run as a formula if it were written as typed.
    const p = await createUser(db(), { name: '=HYPERLINK("http://evil.example","点此")' })
    const pCookie = await cookieFor(p.id)
    await eventRoute.action({
      request: post(`/events/${event.id}`, pCookie, { intent: 'register', as: 'person' }),
      params: { id: event.id },
      context,
    })
    const manage = (cookie: string) =>
      manageRoute.loader({
        request: new Request(`http://localhost/events/${event.id}/manage`, { headers: { cookie } }),
        params: { id: event.id },
        context,
      })
    expect(await statusOf(manage(pCookie))).toBe(404)
    expect(
      await statusOf(
        csvRoute.loader({
          request: new Request(`http://localhost/events/${event.id}/registrations.csv`, {
            headers: { cookie: pCookie },
          }),
          params: { id: event.id },
          context,
        }),
      ),
    ).toBe(404)
    const view = await manage(adminCookie)
    const code = view.registrations[0]?.checkInCode ?? ''
    const res = await manageRoute.action({
      request: post(`/events/${event.id}/manage`, adminCookie, {
        intent: 'checkin',
        key: '',
        code: code.toLowerCase(),
      }),
      params: { id: event.id },
      context,
    })
    expect(res instanceof Response && res.headers.get('location')).toContain('notice=checkin')
    expect((await manage(adminCookie)).registrations[0]?.status).toBe('attended')

    const csv = await csvRoute.loader({
      request: new Request(`http://localhost/events/${event.id}/registrations.csv`, {
        headers: { cookie: adminCookie },
      }),
      params: { id: event.id },
      context,
    })
    // The BOM that lets Excel read UTF-8 (decoding the body strips it, so look at the bytes).
    const bytes = new Uint8Array(await csv.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes)
    expect(text.startsWith('姓名,邮箱,机构,状态')).toBe(true)
    expect(text).toContain(`,已签到,`)
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""点此"")"`)
  })

  it('lets a space admin create an event from the space’s events page; others are refused', async () => {
    const { space, adminCookie } = await setting()
    const fields = {
      intent: 'publish',
      kind: 'open_day',
      title: '开放日：走进中试平台',
      summary: '参观中试线与表征平台',
      startsAt: '2026-12-10T14:00',
      endsAt: '2026-12-10T16:00',
      place: '一号楼大厅',
      capacity: '60',
      audience: 'public',
    }
    const stranger = await cookieFor((await createUser(db())).id)
    expect(
      await statusOf(
        spaceEventsRoute.action({
          request: post(`/spaces/${space.slug}/events`, stranger, fields),
          params: { slug: space.slug },
          context,
        }),
      ),
    ).toBe(404)
    const res = await spaceEventsRoute.action({
      request: post(`/spaces/${space.slug}/events`, adminCookie, fields),
      params: { slug: space.slug },
      context,
    })
    expect(res instanceof Response && res.headers.get('location')).toMatch(
      /^\/events\/[0-9a-f-]{36}\/manage\?notice=published$/,
    )
    const list = await spaceEventsRoute.loader({
      request: new Request(`http://localhost/spaces/${space.slug}/events`),
      params: { slug: space.slug },
      context,
    })
    expect(list.upcoming.map((e) => e.title)).toContain('开放日：走进中试平台')
  })
})

describe('calendar files', () => {
  it('serves one event and the space’s feed as text/calendar, never a draft', async () => {
    const { space, event } = await setting()
    const draft = await createEvent(db(), {
      spaceId: space.id,
      status: 'draft',
      title: '内部草稿活动',
    })
    const one = await icsRoute.loader({
      request: new Request(`http://localhost/events/${event.id}.ics`),
      params: { id: event.id },
      context,
    })
    expect(one.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    expect(await one.text()).toContain(`UID:${event.id}@zhongchuang`)
    expect(
      await statusOf(
        icsRoute.loader({
          request: new Request(`http://localhost/events/${draft.id}.ics`),
          params: { id: draft.id },
          context,
        }),
      ),
    ).toBe(404)
    const feed = await spaceFeedRoute.loader({
      request: new Request(`http://localhost/spaces/${space.slug}/events.ics`),
      params: { slug: space.slug },
      context,
    })
    const text = (await feed.text()).replace(/\r\n /g, '')
    expect(text).toContain(`UID:${event.id}@zhongchuang`)
    expect(text).not.toContain(draft.id)
  })
})
