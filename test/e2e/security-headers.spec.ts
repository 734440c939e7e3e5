// The security headers on every answer the server gives: each route file's page or download
// (as a visitor and as the demo admin), 404s, the cross-site refusal, static files. A route file
// without a path here fails the test, so a new route cannot ship without being checked.
import fs from 'node:fs'
import path from 'node:path'
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test'
import { demo, DEMO_PASSWORD } from './support.ts'

const ZERO = '00000000-0000-4000-8000-000000000000'

// Paths for the route files with parameters (demo data); the others are derived from the name.
const withParams: Record<string, string> = {
  '$.tsx': '/no-such-page',
  'admin.investors.$id.tsx': `/admin/investors/${ZERO}`,
  'admin.investors.$id_.evidence.$fileId.ts': `/admin/investors/${ZERO}/evidence/${ZERO}`,
  'admin.orgs.$id.tsx': `/admin/orgs/${ZERO}`,
  'admin.payments.$id.tsx': `/admin/payments/${ZERO}`,
  'admin.users_.$id.tsx': `/admin/users/${ZERO}`,
  'bids.$id.tsx': `/bids/${ZERO}`,
  'bookings.$id.review.tsx': `/bookings/${ZERO}/review`,
  'bookings.$id.tsx': `/bookings/${ZERO}`,
  'bookings.$id_.packet.tsx': `/bookings/${ZERO}/packet`,
  'bookings.$id_.packet[.]pdf.ts': `/bookings/${ZERO}/packet.pdf`,
  'campaigns.$slug._index.tsx': '/campaigns/nanoge-separator-coating',
  'campaigns.$slug.closing.tsx': '/campaigns/jushi-vision-inspection/closing',
  'campaigns.$slug.commit.tsx': '/campaigns/nanoge-separator-coating/commit',
  'campaigns.$slug.documents.$documentId.ts': `/campaigns/nanoge-separator-coating/documents/${ZERO}`,
  'campaigns.$slug.edit.tsx': '/campaigns/nanoge-separator-coating/edit',
  'campaigns.$slug.manage.tsx': '/campaigns/nanoge-separator-coating/manage',
  'campaigns.$slug.withdraw.tsx': '/campaigns/nanoge-separator-coating/withdraw',
  'challenges.$id._index.tsx': '/challenges/ch-agv-obstacle-ideas',
  'challenges.$id.edit.tsx': '/challenges/ch-agv-obstacle-ideas/edit',
  'challenges.$id_.bid.tsx': '/challenges/ch-agv-obstacle-ideas/bid',
  'challenges.$id_.bids.tsx': '/challenges/ch-agv-obstacle-ideas/bids',
  'challenges.$id_.rate.tsx': '/challenges/ch-agv-obstacle-ideas/rate',
  'challenges.$id_.work.tsx': '/challenges/ch-agv-obstacle-ideas/work',
  'commitments.$id.tsx': `/commitments/${ZERO}`,
  'equipment.$id._index.tsx': '/equipment/cas-jiangnan-fe-sem',
  'equipment.$id.book.tsx': '/equipment/cas-jiangnan-fe-sem/book',
  'equipment.$id.edit.tsx': '/equipment/cas-jiangnan-fe-sem/edit',
  'equipment.$id.training.tsx': '/equipment/cas-jiangnan-fe-sem/training',
  'events.$id._index.tsx': 'EVENT',
  'events.$id.edit.tsx': 'EVENT/edit',
  'events.$id.manage.tsx': 'EVENT/manage',
  'events.$id.registrations[.]csv.ts': 'EVENT/registrations.csv',
  'events.$id[.]ics.ts': 'EVENT.ics',
  'intros.$id.tsx': `/intros/${ZERO}`,
  'investors.$id.tsx': `/investors/${ZERO}`,
  'invitations.$token.tsx': '/invitations/not-a-real-token',
  'mentoring.$id.tsx': `/mentoring/${ZERO}`,
  'messages.$id.tsx': `/messages/${ZERO}`,
  'orgs.$slug.tsx': '/orgs/nanshan-zhichuang',
  'payments.$id._index.tsx': `/payments/${ZERO}`,
  'payments.$id.fapiao.tsx': `/payments/${ZERO}/fapiao`,
  'spaces.$slug._index.tsx': '/spaces/nanshan-ai-robotics',
  'spaces.$slug.dashboard.tsx': '/spaces/nanshan-ai-robotics/dashboard',
  'spaces.$slug.dashboard[.]csv.ts': '/spaces/nanshan-ai-robotics/dashboard.csv?figure=all',
  'spaces.$slug.events.tsx': '/spaces/nanshan-ai-robotics/events',
  'spaces.$slug.events[.]ics.ts': '/spaces/nanshan-ai-robotics/events.ics',
  'spaces.$slug.members.$membershipId.tsx': `/spaces/nanshan-ai-robotics/members/${ZERO}`,
  'spaces.$slug.members._index.tsx': '/spaces/nanshan-ai-robotics/members',
  'spaces.$slug.mentors.tsx': '/spaces/nanshan-ai-robotics/mentors',
  'spaces.$slug.report.tsx': '/spaces/nanshan-ai-robotics/report',
  'spaces.$slug.settings.tsx': '/spaces/nanshan-ai-robotics/settings',
  'startups.$slug._index.tsx': '/startups/nanoge-materials',
  'startups.$slug.edit.tsx': '/startups/nanoge-materials/edit',
  'uploads.$id.tsx': `/uploads/${ZERO}`,
}

const routeFiles = fs
  .readdirSync(path.join(process.cwd(), 'app/routes'))
  .filter((f) => /\.(tsx?|jsx?)$/.test(f) && !f.includes('.test.'))

/** A flat route file's URL: `admin.figures[.]csv.ts` → `/admin/figures.csv`. */
function pathOf(file: string): string | undefined {
  if (file in withParams) return withParams[file]
  if (file.includes('$')) return undefined
  const segments = file
    .replace(/\.(tsx?|jsx?)$/, '')
    .replaceAll('[.]', '\u0000')
    .split('.')
    .filter((s) => s !== '_index')
    .map((s) => s.replace(/_$/, '').replaceAll('\u0000', '.'))
  return `/${segments.join('/')}`
}

function expectSecurityHeaders(res: APIResponse, what: string): string {
  const h = res.headers()
  const csp = h['content-security-policy'] ?? ''
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1] ?? ''
  expect.soft(nonce, `${what}: CSP with a script nonce`).not.toBe('')
  expect.soft(csp, `${what}: scripts only by nonce`).toMatch(/script-src 'self' 'nonce-[^']+'/)
  expect.soft(csp, `${what}: no eval`).not.toContain('unsafe-eval')
  expect
    .soft(csp, `${what}: no inline script without a nonce`)
    .not.toMatch(/script-src[^;]*'unsafe-inline'/)
  expect.soft(csp, `${what}: never framed`).toContain("frame-ancestors 'none'")
  expect.soft(csp, `${what}: no plugins`).toContain("object-src 'none'")
  expect.soft(csp, `${what}: base fixed`).toContain("base-uri 'self'")
  expect.soft(csp, `${what}: forms post here only`).toContain("form-action 'self'")
  expect.soft(h['x-content-type-options'], `${what}: nosniff`).toBe('nosniff')
  expect.soft(h['referrer-policy'], `${what}: referrer`).toBe('strict-origin-when-cross-origin')
  expect.soft(h['x-frame-options'], `${what}: framing`).toBe('DENY')
  // Served over plain HTTP in a test deployment: HSTS there would be ignored, and on a
  // developer's localhost harmful. Production over HTTPS sends it (app/security/headers.test.ts).
  expect.soft(h['strict-transport-security'], `${what}: no HSTS over HTTP`).toBeUndefined()
  expect.soft(h['x-powered-by'], `${what}: no framework banner`).toBeUndefined()
  return nonce
}

async function logIn(request: APIRequestContext, email: string): Promise<void> {
  const res = await request.post('/login', {
    headers: { 'Sec-Fetch-Site': 'same-origin' },
    form: { email, password: DEMO_PASSWORD },
    maxRedirects: 0,
  })
  expect(res.status(), `log in as ${email}`).toBe(302)
}

test('every route file has a path to check', () => {
  expect(routeFiles.filter((f) => pathOf(f) === undefined)).toEqual([])
  expect(Object.keys(withParams).filter((f) => !routeFiles.includes(f))).toEqual([])
})

for (const who of ['visitor', 'admin', 'space admin'] as const) {
  test(`every route answers with the security headers (${who})`, async ({
    playwright,
    baseURL,
  }) => {
    test.setTimeout(180_000)
    const request = await playwright.request.newContext({ baseURL })
    if (who === 'admin') await logIn(request, demo.admin)
    if (who === 'space admin') await logIn(request, demo.orgAdmin)
    const events = await (await request.get('/spaces/nanshan-ai-robotics/events')).text()
    const event = /href="(\/events\/[0-9a-f-]{36})"/.exec(events)?.[1] ?? '/events/missing'
    const seen = new Set<number>()
    for (const file of routeFiles) {
      const target = (pathOf(file) ?? '').replace(/^EVENT(?=$|[./])/, event)
      const res = await request.get(target, { maxRedirects: 0 })
      seen.add(res.status())
      const nonce = expectSecurityHeaders(res, `${who} GET ${target} (${res.status()})`)
      // A page's scripts carry this response's nonce, or the browser would refuse them.
      if ((res.headers()['content-type'] ?? '').startsWith('text/html')) {
        const html = await res.text()
        for (const tag of html.match(/<script\b[^>]*>/g) ?? [])
          expect
            .soft(tag, `${who} ${target}: script with this response's nonce`)
            .toContain(`nonce="${nonce}"`)
      }
    }
    // Pages, redirects, refusals and misses alike were checked.
    expect([...seen].sort()).toEqual(expect.arrayContaining([200, 302, 404]))
  })
}

test('downloads, the API, misses, refusals and static files carry them too', async ({
  playwright,
  baseURL,
}) => {
  const request = await playwright.request.newContext({ baseURL })
  await logIn(request, demo.orgAdmin)
  const checks: [string, () => Promise<APIResponse>, number, RegExp][] = [
    ['CSV', () => request.get('/spaces/nanshan-ai-robotics/dashboard.csv?figure=all'), 200, /csv/],
    ['ICS', () => request.get('/spaces/nanshan-ai-robotics/events.ics'), 200, /calendar/],
    ['API', () => request.get('/api/v1/search?q=SEM'), 200, /json/],
    ['API 400', () => request.get('/api/v1/search?kind=nope'), 400, /json/],
    ['OpenAPI', () => request.get('/api/v1/openapi.json'), 200, /json/],
    ['upload', () => request.get(`/uploads/${ZERO}`), 404, /./],
    ['404', () => request.get('/no/such/page'), 404, /html/],
    ['400', () => request.get('/equipment?sort=cheapest-first'), 400, /html/],
    [
      'cross-site POST',
      () =>
        request.post('/logout', {
          headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
          maxRedirects: 0,
        }),
      403,
      /text/,
    ],
    ['favicon', () => request.get('/favicon.svg'), 200, /svg/],
    ['healthz', () => request.get('/healthz'), 200, /./],
  ]
  const page = await (await request.get('/')).text()
  const asset =
    /src="(\/assets\/[^"]+\.js)"/.exec(page)?.[1] ?? /href="(\/assets\/[^"]+\.css)"/.exec(page)?.[1]
  expect(asset, 'a built asset linked from the home page').toBeTruthy()
  checks.push(['asset', () => request.get(asset ?? '/assets/missing.js'), 200, /javascript|css/])
  for (const [what, send, status, type] of checks) {
    const res = await send()
    expect.soft(res.status(), what).toBe(status)
    expect.soft(res.headers()['content-type'] ?? '', `${what}: content type`).toMatch(type)
    expectSecurityHeaders(res, what)
  }
})

test('each page gets a fresh nonce, and the 400 page explains itself in the reader’s language', async ({
  playwright,
  baseURL,
}) => {
  const request = await playwright.request.newContext({ baseURL })
  const nonces = new Set<string>()
  for (let i = 0; i < 3; i++) nonces.add(expectSecurityHeaders(await request.get('/'), 'home'))
  expect(nonces.size).toBe(3)
  const zh = await request.get('/search?kind=rocket')
  expect(zh.status()).toBe(400)
  expect(await zh.text()).toContain('链接参数有误')
  const en = await request.get('/search?kind=rocket', { headers: { 'Accept-Language': 'en' } })
  expect(await en.text()).toContain('This link has a value we cannot read')
})
