// Hostile input on every search and filter parameter, and hostile redirect targets on every
// parameter that names where to go next. Nothing answers 500; a value outside a closed set is a
// 400 page; words are words, searched literally; every redirect stays on this site.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import { setNow } from '../../app/clock.server.ts'
import { RedirectToSchema, sameSitePath } from '../../app/domains/accounts/redirect-to.schema.ts'
import {
  createOrg,
  createSpace,
  createUser,
  FACTORY_PASSWORD,
  makeAdmin,
} from '../factories/index.ts'
import { context, sessionFor, type Person } from '../support/campaigns.ts'
import * as search from '../../app/routes/search.tsx'
import * as suggest from '../../app/routes/search.suggest.ts'
import * as equipment from '../../app/routes/equipment._index.tsx'
import * as challenges from '../../app/routes/challenges._index.tsx'
import * as campaigns from '../../app/routes/campaigns._index.tsx'
import * as events from '../../app/routes/events._index.tsx'
import * as investors from '../../app/routes/investors._index.tsx'
import * as spaces from '../../app/routes/spaces._index.tsx'
import * as space from '../../app/routes/spaces.$slug._index.tsx'
import * as api from '../../app/routes/api.v1.search.ts'
import * as adminOrgs from '../../app/routes/admin.orgs._index.tsx'
import * as adminUsers from '../../app/routes/admin.users.tsx'
import * as adminAudit from '../../app/routes/admin.audit.tsx'
import * as adminCampaigns from '../../app/routes/admin.campaigns.tsx'
import * as adminChallenges from '../../app/routes/admin.challenges.tsx'
import * as adminClaims from '../../app/routes/admin.claims.tsx'
import * as adminListings from '../../app/routes/admin.listings.tsx'
import * as adminModeration from '../../app/routes/admin.moderation.tsx'
import * as adminPayments from '../../app/routes/admin.payments._index.tsx'
import * as adminDisputes from '../../app/routes/admin.disputes.tsx'
import * as adminSpaces from '../../app/routes/admin.spaces.tsx'
import * as adminVouchers from '../../app/routes/admin.vouchers.tsx'
import * as equipmentDashboard from '../../app/routes/equipment.dashboard.tsx'
import * as introsNew from '../../app/routes/intros.new.tsx'
import * as login from '../../app/routes/login.tsx'
import * as confirmPassword from '../../app/routes/confirm-password.tsx'
import * as verifyEmail from '../../app/routes/verify-email.tsx'
import * as language from '../../app/routes/language.tsx'
import * as acting from '../../app/routes/acting.tsx'

type Loader = (args: {
  request: Request
  params: Record<string, string>
  context: never
}) => unknown
type Who = 'visitor' | 'member' | 'admin'
type Target = {
  name: string
  path: string
  loader: Loader
  who: Who
  params?: Record<string, string>
  /** Free text: every probe is 200. */
  text?: string[]
  /** A closed set of values (or a number in a range): a value outside it is 400. */
  closed?: string[]
  /** Read leniently by design (a value it does not know is ignored): never 500. */
  lenient?: string[]
  /** What the page answers to no parameters at all, when not 200. */
  bare?: number
  /** An API for programs: an empty or unknown parameter is a 400 naming it, not ignored. */
  strict?: boolean
}

const asLoader = (f: unknown) => f as Loader

// Filter values a user could not have picked from any form of ours.
const PROBES: string[] = [
  "' OR 1=1--",
  '1;DROP TABLE users',
  '"',
  '" OR kind = "equipment',
  'kind IN [equipment, challenge]',
  '= OR',
  '\u0000',
  'SEM\u0000\u0001\u001f',
  'x'.repeat(10_000),
  '-1',
  '1e308',
  'NaN',
  'Infinity',
  '0x10',
  '__proto__',
  'constructor',
  '{"$gt":""}',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '苏州 " OR 1=1',
]
// Written into the query string as they stand: broken percent-encoding, broken UTF-8.
const RAW_PROBES = ['%E4%B8', '%ZZ', '%', '%00', '%ED%A0%80', '%C0%AF', '%FF%FE']

const targets = (slug: string): Target[] => {
  const offerings = {
    text: ['q'],
    closed: ['kind', 'segment', 'sort', 'page', 'perPage', 'category', 'mode', 'type', 'ip'],
    lenient: ['city', 'space'],
  }
  return [
    {
      name: 'search',
      path: '/search',
      loader: asLoader(search.loader),
      who: 'visitor',
      ...offerings,
    },
    {
      name: 'equipment',
      path: '/equipment',
      loader: asLoader(equipment.loader),
      who: 'visitor',
      ...offerings,
      closed: [...offerings.closed, 'accredited', 'vouchers', 'priceKind'],
    },
    {
      name: 'challenges',
      path: '/challenges',
      loader: asLoader(challenges.loader),
      who: 'visitor',
      ...offerings,
      closed: [...offerings.closed, 'status', 'award', 'due'],
    },
    {
      name: 'campaigns',
      path: '/campaigns',
      loader: asLoader(campaigns.loader),
      who: 'member',
      ...offerings,
      closed: [...offerings.closed, 'status', 'stage'],
    },
    {
      name: 'space search',
      path: `/spaces/${slug}`,
      params: { slug },
      loader: asLoader(space.loader),
      who: 'visitor',
      ...offerings,
    },
    {
      name: 'suggest',
      path: '/search/suggest',
      loader: asLoader(suggest.loader),
      who: 'visitor',
      text: ['q'],
    },
    {
      name: 'api',
      path: '/api/v1/search',
      loader: asLoader(api.loader),
      who: 'visitor',
      closed: ['kind', 'segment', 'sort', 'page', 'per_page'],
      lenient: ['q', 'city', 'space'],
      strict: true,
    },
    {
      name: 'events',
      path: '/events',
      loader: asLoader(events.loader),
      who: 'visitor',
      closed: ['kind'],
      lenient: ['space'],
    },
    {
      name: 'investors',
      path: '/investors',
      loader: asLoader(investors.loader),
      who: 'member',
      closed: ['segment', 'stage', 'verified', 'page'],
    },
    {
      name: 'spaces',
      path: '/spaces',
      loader: asLoader(spaces.loader),
      who: 'visitor',
      lenient: ['q'],
    },
    {
      name: 'admin orgs',
      path: '/admin/orgs',
      loader: asLoader(adminOrgs.loader),
      who: 'admin',
      closed: ['status', 'page'],
    },
    {
      name: 'admin users',
      path: '/admin/users',
      loader: asLoader(adminUsers.loader),
      who: 'admin',
      closed: ['page'],
      lenient: ['q'],
    },
    {
      name: 'admin audit',
      path: '/admin/audit',
      loader: asLoader(adminAudit.loader),
      who: 'admin',
      lenient: ['format', 'page', 'q', 'action'],
    },
    {
      name: 'admin campaigns',
      path: '/admin/campaigns',
      loader: asLoader(adminCampaigns.loader),
      who: 'admin',
      lenient: ['q', 'status', 'page', 'held'],
    },
    {
      name: 'admin challenges',
      path: '/admin/challenges',
      loader: asLoader(adminChallenges.loader),
      who: 'admin',
      lenient: ['q', 'page'],
    },
    {
      name: 'admin claims',
      path: '/admin/claims',
      loader: asLoader(adminClaims.loader),
      who: 'admin',
      closed: ['page'],
    },
    {
      name: 'admin listings',
      path: '/admin/listings',
      loader: asLoader(adminListings.loader),
      who: 'admin',
      closed: ['page'],
      lenient: ['q'],
    },
    {
      name: 'admin moderation',
      path: '/admin/moderation',
      loader: asLoader(adminModeration.loader),
      who: 'admin',
      closed: ['status'],
    },
    {
      name: 'admin payments',
      path: '/admin/payments',
      loader: asLoader(adminPayments.loader),
      who: 'admin',
      closed: ['status', 'page'],
    },
    {
      name: 'admin disputes',
      path: '/admin/disputes',
      loader: asLoader(adminDisputes.loader),
      who: 'admin',
      lenient: ['show'],
    },
    {
      name: 'admin spaces',
      path: '/admin/spaces',
      loader: asLoader(adminSpaces.loader),
      who: 'admin',
      lenient: ['check'],
    },
    {
      name: 'admin vouchers',
      path: '/admin/vouchers',
      loader: asLoader(adminVouchers.loader),
      who: 'admin',
      lenient: ['org', 'q'],
    },
    {
      name: 'equipment dashboard',
      path: '/equipment/dashboard',
      loader: asLoader(equipmentDashboard.loader),
      who: 'member',
      lenient: ['org', 'week'],
    },
    {
      name: 'intro request',
      path: '/intros/new',
      loader: asLoader(introsNew.loader),
      who: 'member',
      lenient: ['investor', 'startup'],
      bare: 404,
    },
  ]
}

/** The status a loader answered with: a Response's own, 200 for data, 500 for anything thrown. */
async function statusOf(work: () => unknown): Promise<{ status: number; error?: string }> {
  try {
    const value = await work()
    return { status: value instanceof Response ? value.status : 200 }
  } catch (error) {
    if (error instanceof Response) return { status: error.status }
    return {
      status: 500,
      error: error instanceof Error ? error.message.slice(0, 160) : String(error),
    }
  }
}

describe('injection probes on search and filter parameters', () => {
  const people = {} as Record<Who, Person | null>
  let slug = ''

  beforeAll(async () => {
    setNow(new Date('2026-11-22T04:00:00Z'))
    people.visitor = null
    people.member = await sessionFor((await createUser(db())).id)
    const admin = await createUser(db())
    await makeAdmin(db(), admin.id)
    people.admin = await sessionFor(admin.id)
    const operator = await createOrg(db(), { type: 'space_operator' })
    slug = (await createSpace(db(), { operatorOrgId: operator.id })).slug
  })

  afterAll(() => setNow(null))

  let caller = 0
  const call = (t: Target, query: string) => {
    const who = people[t.who]
    // Each call from its own address, so the API's rate limit does not answer for the probe.
    caller++
    const ip = `10.${(caller >> 16) & 255}.${(caller >> 8) & 255}.${caller & 255}`
    return statusOf(() =>
      t.loader({
        request: new Request(`http://localhost${t.path}?${query}`, {
          headers: who ? { cookie: who.cookie } : {},
        }),
        params: t.params ?? {},
        context: { ...context, ip } as never,
      }),
    )
  }

  it('never answers 500, whatever a parameter holds', async () => {
    const failures: string[] = []
    for (const t of targets(slug)) {
      const keys = [...(t.text ?? []), ...(t.closed ?? []), ...(t.lenient ?? [])]
      for (const key of keys) {
        const queries = [
          ...PROBES.map((p) => `${key}=${encodeURIComponent(p)}`),
          ...RAW_PROBES.map((p) => `${key}=${p}`),
          `${key}=a&${key}=b`,
          `${key}[]=a`,
          `__proto__[${key}]=1&__proto__=1&constructor[prototype][x]=1`,
        ]
        for (const query of queries) {
          const got = await call(t, query)
          if (got.status >= 500)
            failures.push(`${t.name} ?${query.slice(0, 60)} → ${got.status} ${got.error ?? ''}`)
        }
      }
    }
    expect(failures).toEqual([])
  }, 240_000)

  it('answers 400 for a value outside a closed set', async () => {
    const failures: string[] = []
    for (const t of targets(slug)) {
      for (const key of t.closed ?? []) {
        for (const query of [
          `${key}=not-a-value`,
          `${key}=${encodeURIComponent("' OR 1=1--")}`,
          `${key}=1&${key}=2`,
          `${key}=-1`,
          `${key}=NaN`,
          `${key}=${'9'.repeat(400)}`,
        ]) {
          const got = await call(t, query)
          if (got.status !== 400) failures.push(`${t.name} ?${query.slice(0, 50)} → ${got.status}`)
        }
      }
    }
    expect(failures).toEqual([])
  }, 120_000)

  it('searches words literally and keeps what the forms send working', async () => {
    const failures: string[] = []
    for (const t of targets(slug)) {
      const queries = [
        '',
        // The forms' own "any" choices send empty values.
        ...(t.strict ? [] : [...(t.closed ?? []), ...(t.lenient ?? [])].map((k) => `${k}=`)),
        ...(t.text ?? []).flatMap((k) => [
          ...PROBES.map((p) => `${k}=${encodeURIComponent(p)}`),
          ...RAW_PROBES.map((p) => `${k}=${p}`),
        ]),
        ...(t.strict ? [] : ['utm_source=wechat']),
      ]
      for (const query of queries) {
        const got = await call(t, query)
        if (got.status !== (t.bare ?? 200))
          failures.push(`${t.name} ?${query.slice(0, 50)} → ${got.status}`)
      }
    }
    expect(failures).toEqual([])
  }, 240_000)

  it('keeps filter syntax typed as words as words: no filter comes of it', async () => {
    for (const q of ['" OR kind = "equipment', 'kind IN [equipment, challenge]', "' OR 1=1--"]) {
      const data = (await search.loader({
        request: new Request(`http://localhost/search?q=${encodeURIComponent(q)}`),
        params: {},
        context,
      })) as { typed: { q: string; kind?: string }; params: { kind?: string; q: string } }
      expect(data.typed.q).toBe(q)
      expect(data.typed.kind).toBeUndefined()
      expect(data.params.kind).toBeUndefined()
    }
  })

  it('names the parameter the API could not read', async () => {
    const api = targets(slug).find((t) => t.name === 'api')
    if (!api) throw new Error('api target')
    for (const [query, parameter] of [
      ['utm_source=wechat', 'utm_source'],
      ['city=%00', 'city'],
      ['segment=3&segment=4', 'segment'],
      ['page=NaN', 'page'],
    ]) {
      const res = (await api.loader({
        request: new Request(`http://localhost/api/v1/search?${query}`),
        params: {},
        context: { ...context, ip: `10.200.0.${parameter.length}` } as never,
      })) as Response
      expect(res.status).toBe(400)
      expect(await res.json()).toMatchObject({ error: { code: 'invalid_parameter', parameter } })
    }
  })

  it('reads the values the filter forms offer', async () => {
    const ok = [
      ['/search', search.loader, 'q=SEM&kind=equipment&segment=3.6&sort=newest&page=2'],
      [
        '/equipment',
        equipment.loader,
        'category=testing_inspection&accredited=1&mode=operator_run',
      ],
      ['/challenges', challenges.loader, 'status=any&type=rd_task&due=open'],
      ['/campaigns', campaigns.loader, 'status=any&stage=seed'],
      ['/events', events.loader, 'kind=roadshow&space=nanshan-ai-robotics'],
      ['/investors', investors.loader, 'segment=3.6&verified=1&page=1'],
    ] as const
    for (const [path, loader, query] of ok) {
      const got = await statusOf(() =>
        asLoader(loader)({
          request: new Request(`http://localhost${path}?${query}`),
          params: {},
          context: context as never,
        }),
      )
      expect(`${path}?${query} → ${got.status} ${got.error ?? ''}`).toBe(`${path}?${query} → 200 `)
    }
  })
})

// Where a browser would go for each: every one leaves the site unless stopped.
const HOSTILE = [
  '//evil.example',
  'https://evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '/%2F%2Fevil.example',
  '%2F%2Fevil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  'javascript:alert(1)',
  'http:evil.example',
  '/%5Cevil.example',
  '////evil.example',
  '/\\/evil.example',
  ' //evil.example',
  '/\u0000/evil.example',
  'https:/evil.example',
  '//evil.example/%2F..',
  '/.//evil.example',
]

/** Whether a Location header would take a browser off this site (resolved as a browser does). */
function leaves(location: string): boolean {
  const here = 'https://zhongchuang.test'
  // Browsers strip tabs and line breaks and treat `\` as `/` before resolving.
  const browserish = location.replace(/[\t\n\r]/g, '').replace(/\\/g, '/')
  try {
    return new URL(browserish, `${here}/somewhere/page`).origin !== here
  } catch {
    return true
  }
}

describe('open-redirect probes', () => {
  let member: Person

  beforeAll(async () => {
    member = await sessionFor((await createUser(db())).id)
  })

  it('the one rule lets through only paths on this site', () => {
    for (const target of HOSTILE) {
      const kept = sameSitePath(target)
      expect(kept === undefined || !leaves(kept), `${JSON.stringify(target)} → ${kept}`).toBe(true)
      expect(RedirectToSchema.parse(target)).toBe(kept)
    }
    expect(sameSitePath('/bookings/1?done=1#review')).toBe('/bookings/1?done=1#review')
    expect(sameSitePath('/search?q=%E8%8B%8F%E5%B7%9E')).toBe('/search?q=%E8%8B%8F%E5%B7%9E')
    expect(RedirectToSchema.parse(undefined)).toBeUndefined()
  })

  const location = async (work: () => unknown) => {
    try {
      const value = await work()
      return value instanceof Response ? (value.headers.get('location') ?? '') : ''
    } catch (error) {
      if (error instanceof Response) return error.headers.get('location') ?? ''
      throw error
    }
  }
  const post = (path: string, who: Person | null, form: Record<string, string>) =>
    new Request(`http://localhost${path}`, {
      method: 'POST',
      headers: who ? { cookie: who.cookie } : {},
      body: new URLSearchParams(form),
    })

  it('the language and acting switchers go back only to a page of this site', async () => {
    const failures: string[] = []
    for (const target of HOSTILE) {
      const routes = [
        () =>
          language.action({
            request: post('/language', null, { lng: 'en', redirectTo: target }),
            params: {},
            context,
          }),
        () =>
          acting.action({
            request: post('/acting', member, { orgId: '', redirectTo: target }),
            params: {},
            context,
          }),
      ]
      for (const [i, route] of routes.entries()) {
        const to = await location(route)
        if (!to || leaves(to))
          failures.push(`${i ? 'acting' : 'language'} ${JSON.stringify(target)} → ${to}`)
      }
    }
    expect(failures).toEqual([])
    expect(
      await location(() =>
        language.action({
          request: post('/language', null, { lng: 'en', redirectTo: '/search?q=SEM' }),
          params: {},
          context,
        }),
      ),
    ).toBe('/search?q=SEM')
  })

  it('log-in, confirm-password and verify-email land on this site', async () => {
    const failures: string[] = []
    for (const target of HOSTILE) {
      const to = await location(() =>
        verifyEmail.loader({
          request: new Request(
            `http://localhost/verify-email?redirectTo=${encodeURIComponent(target)}`,
            { headers: { cookie: member.cookie } },
          ),
          params: {},
          context,
        }),
      )
      if (to && leaves(to)) failures.push(`verify-email ${JSON.stringify(target)} → ${to}`)
    }
    // The forms carry the target in a hidden field; the actions parse it with the one rule.
    const user = await createUser(db())
    const session = await sessionFor(user.id)
    for (const [i, target] of HOSTILE.entries()) {
      const ctx = { ...context, ip: `10.9.${i}.1` }
      const form = { email: user.email ?? '', password: FACTORY_PASSWORD, redirectTo: target }
      const pages = {
        login: () =>
          login.action({ request: post('/login', null, form), params: {}, context: ctx }),
        'confirm-password': () =>
          confirmPassword.action({
            request: post('/confirm-password', session, form),
            params: {},
            context: ctx,
          }),
      }
      for (const [name, page] of Object.entries(pages)) {
        const to = await location(page)
        if (!to || leaves(to)) failures.push(`${name} ${JSON.stringify(target)} → ${to}`)
      }
    }
    expect(failures).toEqual([])
  })
})
