// Double opt-in intros against real PostgreSQL, through the pages' loaders and actions and the
// use cases: a request from either side and its answer; contacts absent from every page and
// response before the accept and present on the intro's page after it; the thread that opens;
// 10 requests in any 7 days per sender (the 11th refused, also when two race, and allowed once
// the clock moves past); the 90-day block after a decline; one open request per pair.
import { and, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import {
  investorProfiles,
  notifications,
  organisations,
  startupProfiles,
  threadParticipants,
} from '../../db/schema/index.ts'
import { setNow } from '../../app/clock.server.ts'
import { getAuth } from '../../app/domains/accounts/auth.server.ts'
import {
  createSession,
  sessionCookieName,
  setActingOrg,
} from '../../app/domains/accounts/session.server.ts'
import { INTRO_DECLINE_BLOCK_DAYS, INTROS_PER_WEEK } from '../../app/domains/deals/deals.schema.ts'
import {
  acceptIntro,
  declineIntro,
  requestIntro,
  withdrawIntro,
  type IntroTarget,
} from '../../app/domains/deals/intros.server.ts'
import { UserError } from '../../app/domains/problems.ts'
import * as introPage from '../../app/routes/intros.$id.tsx'
import * as introsList from '../../app/routes/intros._index.tsx'
import * as newIntroPage from '../../app/routes/intros.new.tsx'
import * as investorsList from '../../app/routes/investors._index.tsx'
import * as investorProfilePage from '../../app/routes/investors.$id.tsx'
import * as startupPage from '../../app/routes/startups.$slug._index.tsx'
import * as searchApi from '../../app/routes/api.v1.search.ts'
import * as dealsPage from '../../app/routes/deals.tsx'
import { createInvestor, createStartup } from '../factories/deals.ts'
import { addOrgMember, createUser } from '../factories/index.ts'

const NOW = new Date('2026-11-22T02:00:00Z')
const DAY = 86_400_000
beforeEach(() => setNow(NOW))
afterEach(() => setNow(null))

const context = { ip: '10.0.0.9', nonce: 'test', requestId: 'test' }

type Person = { id: string; email: string; name: string; cookie: string; sessionId: string }

async function signIn(user: { id: string; email: string | null; name: string }): Promise<Person> {
  const { token } = await createSession(db(), user.id)
  return {
    id: user.id,
    email: user.email ?? '',
    name: user.name,
    cookie: `${sessionCookieName()}=${token}`,
    sessionId: token.split('.')[0] ?? '',
  }
}

async function person(): Promise<Person> {
  return signIn(await createUser(db()))
}

async function actFor(p: Person, orgId: string | null) {
  await setActingOrg(db(), p.sessionId, p.id, orgId)
}

const req = (p: Person | null, path: string, init: RequestInit = {}) =>
  new Request(`http://localhost${path}`, {
    ...init,
    headers: { ...(p ? { cookie: p.cookie } : {}), ...(init.headers ?? {}) },
  })

async function authOf(p: Person) {
  const auth = await getAuth(req(p, '/'))
  if (!auth) throw new Error('no session')
  return auth
}

async function ask(
  p: Person,
  target: IntroTarget,
  message = '您好，我们在做固态电池隔膜涂层，想和您聊聊。',
) {
  return requestIntro({ auth: await authOf(p), target, message, lng: 'zh-CN' })
}

/** What the caller gets: the loader's data as JSON text, or the status it threw. */
async function loaded(
  load: (args: {
    request: Request
    params: Record<string, string>
    context: typeof context
  }) => unknown,
  request: Request,
  params: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  try {
    const data = await load({ request, params, context })
    if (data instanceof Response) return { status: data.status, text: await data.text() }
    return { status: 200, text: JSON.stringify(data) }
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, text: '' }
    throw thrown
  }
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (e) {
    if (e instanceof UserError) return e.messageKey
    throw e
  }
  return 'allowed'
}

/** A startup (owner signed in, acting for it) and an individual investor (signed in). */
async function pair(opts: { investorKind?: 'individual' | 'institution' } = {}) {
  const founder = await signIn(await createUser(db(), { name: '王浩然' }))
  const startup = await createStartup(db(), {
    ownerId: founder.id,
    name: `纳诺格新材料${Date.now()}`,
  })
  await actFor(founder, startup.org.id)
  const investorUser = await person()
  const investor = await createInvestor(db(), {
    userId: investorUser.id,
    kind: opts.investorKind ?? 'individual',
    lastActiveAt: new Date(NOW.getTime() - 30 * DAY),
  })
  if (investor.firm) await actFor(investorUser, investor.firm.id)
  return { founder, startup, investorUser, investor }
}

const secrets = (
  investor: { profile: { contactEmail: string; contactPhone: string } },
  founder: Person,
) => [investor.profile.contactEmail, investor.profile.contactPhone, founder.email]

describe('an intro from a startup to an investor', () => {
  it('shows contacts to neither side until the investor accepts, then to both, with a thread', async () => {
    const { founder, startup, investorUser, investor } = await pair()
    const intro = await ask(founder, { kind: 'investor', investorId: investor.profile.id })

    // The investor is told.
    const told = await db()
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.userId, investorUser.id), eq(notifications.kind, 'intro.requested')),
      )
    expect(told).toHaveLength(1)
    expect(told[0]?.link).toBe(`/intros/${intro.id}`)

    // Before the accept: no contacts anywhere either side looks.
    const before = [
      await loaded(introPage.loader, req(founder, `/intros/${intro.id}`), { id: intro.id }),
      await loaded(introPage.loader, req(investorUser, `/intros/${intro.id}`), { id: intro.id }),
      await loaded(introsList.loader, req(founder, '/intros')),
      await loaded(introsList.loader, req(investorUser, '/intros')),
      await loaded(investorsList.loader, req(founder, '/investors')),
      await loaded(investorsList.loader, req(null, '/investors')),
      await loaded(dealsPage.loader, req(investorUser, '/deals')),
      await loaded(investorProfilePage.loader, req(founder, `/investors/${investor.profile.id}`), {
        id: investor.profile.id,
      }),
      await loaded(startupPage.loader, req(investorUser, `/startups/${startup.org.slug}`), {
        slug: startup.org.slug,
      }),
      await loaded(
        searchApi.loader,
        req(null, `/api/v1/search?q=${encodeURIComponent(investor.profile.displayName)}`),
      ),
    ]
    for (const page of before) {
      expect(page.status).toBe(200)
      for (const secret of secrets(investor, founder)) expect(page.text).not.toContain(secret)
    }
    const waiting = JSON.parse(before[1]?.text ?? '{}') as {
      intro: { canDecide: boolean; contacts: unknown }
    }
    expect(waiting.intro.canDecide).toBe(true)
    expect(waiting.intro.contacts).toBeNull()

    // An outsider is told it does not exist.
    const stranger = await person()
    expect(
      (await loaded(introPage.loader, req(stranger, `/intros/${intro.id}`), { id: intro.id }))
        .status,
    ).toBe(404)
    // The sender cannot answer its own request.
    expect(await refusal(acceptIntro({ introId: intro.id, userId: founder.id }))).toBe(
      'intros:errors.notRecipient',
    )

    // The investor accepts through the page.
    const form = new FormData()
    form.set('intent', 'accept')
    const res = (await introPage.action({
      request: req(investorUser, `/intros/${intro.id}`, { method: 'POST', body: form }),
      params: { id: intro.id },
      context,
    })) as Response
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe(`/intros/${intro.id}?done=accept`)

    for (const viewer of [founder, investorUser]) {
      const page = await loaded(introPage.loader, req(viewer, `/intros/${intro.id}`), {
        id: intro.id,
      })
      const data = JSON.parse(page.text) as {
        intro: {
          status: string
          threadHref: string
          contacts: {
            investor: { email: string; phone: string }
            startup: { orgName: string; personName: string; personEmail: string }
          }
        }
      }
      expect(data.intro.status).toBe('accepted')
      expect(data.intro.contacts.investor).toMatchObject({
        email: investor.profile.contactEmail,
        phone: investor.profile.contactPhone,
      })
      expect(data.intro.contacts.startup).toEqual({
        orgName: startup.org.name,
        personName: '王浩然',
        personEmail: founder.email,
      })
      expect(data.intro.threadHref).toMatch(/^\/messages\//)
    }
    // Still nowhere else.
    const after = await loaded(investorsList.loader, req(founder, '/investors'))
    expect(after.text).not.toContain(investor.profile.contactEmail)

    // The thread holds both sides; the founder is told of the accept.
    const intro2 = JSON.parse(
      (await loaded(introPage.loader, req(founder, `/intros/${intro.id}`), { id: intro.id })).text,
    ) as { intro: { threadHref: string } }
    const threadId = intro2.intro.threadHref.split('/').pop() ?? ''
    const participants = await db()
      .select({ userId: threadParticipants.userId })
      .from(threadParticipants)
      .where(eq(threadParticipants.threadId, threadId))
    expect(participants.map((p) => p.userId).sort()).toEqual([founder.id, investorUser.id].sort())
    const accepted = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, founder.id), eq(notifications.kind, 'intro.accepted')))
    expect(accepted).toHaveLength(1)

    // Both profiles were active just now.
    const [s] = await db()
      .select()
      .from(startupProfiles)
      .where(eq(startupProfiles.orgId, startup.org.id))
    const [i] = await db()
      .select()
      .from(investorProfiles)
      .where(eq(investorProfiles.id, investor.profile.id))
    expect(s?.lastActiveAt.getTime()).toBe(NOW.getTime())
    expect(i?.lastActiveAt.getTime()).toBe(NOW.getTime())
  })

  it('refuses an empty message beside the field, and a startup member who does not run it', async () => {
    const { founder, startup, investor } = await pair()
    const form = new FormData()
    form.set('message', '   ')
    const res = (await newIntroPage.action({
      request: req(founder, `/intros/new?investor=${investor.profile.id}`, {
        method: 'POST',
        body: form,
      }),
      params: {},
      context,
    })) as { result: { error: Record<string, string[]> } }
    expect(res.result.error.message).toEqual(['intros:errors.messageRequired'])

    const member = await person()
    await addOrgMember(db(), startup.org.id, member.id, 'member')
    await actFor(member, startup.org.id)
    expect(await refusal(ask(member, { kind: 'investor', investorId: investor.profile.id }))).toBe(
      'intros:refusals.notStartupAdmin',
    )
    const draft = await loaded(
      newIntroPage.loader,
      req(member, `/intros/new?investor=${investor.profile.id}`),
    )
    expect(JSON.parse(draft.text)).toMatchObject({ draft: { refusal: { key: 'notStartupAdmin' } } })
  })
})

describe('an intro from an investment firm to a startup', () => {
  it('is declined by a startup admin, blocks a repeat for 90 days and allows one after', async () => {
    const { founder, startup, investorUser, investor } = await pair({ investorKind: 'institution' })
    const admin = await person()
    await addOrgMember(db(), startup.org.id, admin.id, 'admin')
    const toStartup: IntroTarget = { kind: 'startup', slug: startup.org.slug }
    const intro = await ask(investorUser, toStartup)
    // The startup's owner and admin are told.
    const told = await db()
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(
        and(
          eq(notifications.kind, 'intro.requested'),
          eq(notifications.link, `/intros/${intro.id}`),
        ),
      )
    expect(told.map((t) => t.userId).sort()).toEqual([founder.id, admin.id].sort())

    await declineIntro({ introId: intro.id, userId: admin.id, reason: '目前不在融资窗口' })
    const declined = await db()
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.userId, investorUser.id), eq(notifications.kind, 'intro.declined')),
      )
    expect(declined).toHaveLength(1)
    const page = JSON.parse(
      (await loaded(introPage.loader, req(investorUser, `/intros/${intro.id}`), { id: intro.id }))
        .text,
    ) as {
      intro: { status: string; declineReason: string; contacts: unknown; blockedUntil: string }
    }
    expect(page.intro).toMatchObject({
      status: 'declined',
      declineReason: '目前不在融资窗口',
      contacts: null,
    })
    const until = new Date(NOW.getTime() + INTRO_DECLINE_BLOCK_DAYS * DAY)
    expect(page.intro.blockedUntil).toBe(until.toISOString())

    // The firm may not ask again for 90 days, and is told until when (Beijing time).
    try {
      await ask(investorUser, toStartup)
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(UserError)
      expect((e as UserError).messageKey).toBe('intros:refusals.declinedBlock')
      expect((e as UserError).values?.date).toContain('2027')
    }
    setNow(new Date(until.getTime() - 1000))
    // Sessions lapse over 90 days: both sign in again, acting as before.
    const firmPerson = await signIn({ id: investorUser.id, email: investorUser.email, name: '' })
    await actFor(firmPerson, investor.firm?.id ?? null)
    const founderAgain = await signIn({ id: founder.id, email: founder.email, name: '' })
    await actFor(founderAgain, startup.org.id)
    expect(await refusal(ask(firmPerson, toStartup))).toBe('intros:refusals.declinedBlock')
    // The other side is not blocked from asking.
    const back = await ask(founderAgain, { kind: 'investor', investorId: investor.profile.id })
    expect(await refusal(withdrawIntro({ introId: back.id, userId: investorUser.id }))).toBe(
      'intros:errors.notSender',
    )
    await withdrawIntro({ introId: back.id, userId: founder.id })
    setNow(new Date(until.getTime() + 1000))
    expect(await refusal(ask(firmPerson, toStartup))).toBe('allowed')
  })
})

describe('limits', () => {
  it('refuses the 11th request in 7 days and allows it once the first leaves the window', async () => {
    const founder = await person()
    const startup = await createStartup(db(), { ownerId: founder.id })
    await actFor(founder, startup.org.id)
    const investors: Awaited<ReturnType<typeof createInvestor>>[] = []
    for (let n = 0; n < INTROS_PER_WEEK + 2; n++) investors.push(await createInvestor(db()))
    const at = (hours: number) => setNow(new Date(NOW.getTime() + hours * 3_600_000))
    // Ten requests over three days.
    for (let n = 0; n < INTROS_PER_WEEK; n++) {
      at(n * 7)
      await ask(founder, { kind: 'investor', investorId: investors[n]?.profile.id ?? '' })
    }
    at(3 * 24)
    const eleventh = { kind: 'investor' as const, investorId: investors[10]?.profile.id ?? '' }
    expect(await refusal(ask(founder, eleventh))).toBe('intros:refusals.weekly')
    const draft = await loaded(
      newIntroPage.loader,
      req(founder, `/intros/new?investor=${eleventh.investorId}`),
    )
    expect(JSON.parse(draft.text)).toMatchObject({ draft: { refusal: { key: 'weekly' } } })
    // A moment before 7 days after the first it still counts; at 7 days it has left the window.
    setNow(new Date(NOW.getTime() + 7 * DAY - 1))
    expect(await refusal(ask(founder, eleventh))).toBe('intros:refusals.weekly')
    setNow(new Date(NOW.getTime() + 7 * DAY))
    expect(await refusal(ask(founder, eleventh))).toBe('allowed')
    // And the window is full again.
    expect(
      await refusal(
        ask(founder, { kind: 'investor', investorId: investors[11]?.profile.id ?? '' }),
      ),
    ).toBe('intros:refusals.weekly')
  })

  it('lets only one of two racing requests be the 10th', async () => {
    const founder = await person()
    const startup = await createStartup(db(), { ownerId: founder.id })
    await actFor(founder, startup.org.id)
    const investors: Awaited<ReturnType<typeof createInvestor>>[] = []
    for (let n = 0; n < INTROS_PER_WEEK + 1; n++) investors.push(await createInvestor(db()))
    for (let n = 0; n < INTROS_PER_WEEK - 1; n++)
      await ask(founder, { kind: 'investor', investorId: investors[n]?.profile.id ?? '' })
    const results = await Promise.all(
      [9, 10].map((n) =>
        refusal(ask(founder, { kind: 'investor', investorId: investors[n]?.profile.id ?? '' })),
      ),
    )
    expect(results.sort()).toEqual(['allowed', 'intros:refusals.weekly'])
  })

  it('keeps one open request between a pair, whichever side asks, also when two race', async () => {
    const { founder, investorUser, investor, startup } = await pair()
    const toInvestor: IntroTarget = { kind: 'investor', investorId: investor.profile.id }
    const toStartup: IntroTarget = { kind: 'startup', slug: startup.org.slug }
    // Both sides at once: different senders, so only the open-request index can decide.
    const racing = await Promise.all(
      [ask(founder, toInvestor), ask(investorUser, toStartup)].map(refusal),
    )
    expect(racing.sort()).toEqual(['allowed', 'intros:refusals.open'])
    expect(await refusal(ask(founder, toInvestor))).toBe('intros:refusals.open')
    expect(await refusal(ask(investorUser, toStartup))).toBe('intros:refusals.open')
  })

  it('hides an investor shown only to verified startups from an unverified one', async () => {
    const founder = await person()
    const startup = await createStartup(db(), { ownerId: founder.id })
    await db()
      .update(organisations)
      .set({ status: 'pending' })
      .where(eq(organisations.id, startup.org.id))
    await actFor(founder, startup.org.id)
    const hidden = await createInvestor(db(), { visibility: 'verified_startups' })
    const page = await loaded(
      newIntroPage.loader,
      req(founder, `/intros/new?investor=${hidden.profile.id}`),
    )
    expect(page.status).toBe(404)
    await db()
      .update(organisations)
      .set({ status: 'verified' })
      .where(eq(organisations.id, startup.org.id))
    expect(await refusal(ask(founder, { kind: 'investor', investorId: hidden.profile.id }))).toBe(
      'allowed',
    )
  })
})
