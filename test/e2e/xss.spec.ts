// The XSS sweep: hostile text stored through every kind of text field the product has (a
// person's name, an organisation's name and description, the names of uploaded files, an
// event's title, summary, description and link, a search query) and read back in every kind of
// context (page body, form values and alt/title attributes, search highlights, the e-mail, CSV,
// iCalendar and JSON exports, the hydration data in each page). Nothing may run: no dialog, no
// page error, no console error (a CSP refusal shows there), no element or attribute that the
// text brought with it, and the text must be visible as typed.
import fs from 'node:fs'
import path from 'node:path'
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test'
import { makeUscc } from '../../app/domains/orgs/uscc.ts'
import { beijing } from './journey.ts'
import { demo, DEMO_PASSWORD, files } from './support.ts'
import { payloads, personName, slice, tagPayloads } from './xss-payloads.ts'

const SPACE = 'nanshan-ai-robotics'
const OPERATOR = demo.orgAdmin
const SAME_ORIGIN = { 'Sec-Fetch-Site': 'same-origin' }
const PASSWORD = 'steady-lathe-2049'

// Sign-ups are limited per address and hour, and other journeys sign up too: one account with a
// hostile name serves every test here.
let person: { email: string; name: string } | undefined

// A segment code for registering organisations, read the way the product reads it.
const SEGMENT: string =
  (
    JSON.parse(fs.readFileSync(path.resolve('app/data/industry-segments.json'), 'utf8')) as {
      segments: { children: { code: string }[] }[]
    }
  ).segments[0]?.children[0]?.code ?? ''

/** A word no demo record contains, so a search finds only what this run stored. */
const token = () => `xss${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`

const norm = (s: string) => s.replace(/\s+/g, ' ').trim()

type Watched = { page: Page; problems: string[] }

/** A page whose dialogs, page errors and console errors are recorded as problems. */
async function watched(browser: Browser): Promise<Watched> {
  const page = await (await browser.newContext()).newPage()
  const problems: string[] = []
  page.on('dialog', (d) => {
    problems.push(`dialog ${d.type()}: ${d.message()} at ${page.url()}`)
    void d.dismiss()
  })
  page.on('pageerror', (e) => problems.push(`page error at ${page.url()}: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error at ${page.url()}: ${m.text()}`)
  })
  return { page, problems }
}

async function logIn(request: APIRequestContext, email: string, password = DEMO_PASSWORD) {
  const res = await request.post('/login', {
    headers: SAME_ORIGIN,
    form: { email, password },
    maxRedirects: 0,
  })
  expect(res.status(), `log in as ${email}`).toBe(302)
}

/**
 * Visits `url` and checks the page as a user and an attacker would see it: hydrated (hostile
 * JSON did not break the data script), nothing injected, and each of `shown` visible as text.
 */
async function visit(w: Watched, url: string, shown: readonly string[]) {
  const res = await w.page.goto(url)
  expect(res?.status(), url).toBe(200)
  await w.page.waitForSelector('html[data-hydrated]')
  const injected = await w.page.evaluate(() => {
    const found: string[] = []
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.getAttributeNames())
        if (a.toLowerCase().startsWith('on')) found.push(`${el.tagName} ${a}`)
      const tag = el.tagName.toLowerCase()
      if (['iframe', 'object', 'embed', 'base', 'marquee', 'audio', 'video'].includes(tag))
        found.push(tag)
      if (tag === 'meta' && el.getAttribute('http-equiv')) found.push('meta http-equiv')
      if (tag === 'img' && el.getAttribute('src') === 'x') found.push('img src=x')
      for (const a of ['href', 'src', 'action', 'formaction', 'data']) {
        const v =
          el
            .getAttribute(a)
            ?.replace(/[\s\p{Cc}]/gu, '')
            .toLowerCase() ?? ''
        if (/^(javascript|vbscript|data:text\/html)/.test(v)) found.push(`${tag} ${a}=${v}`)
      }
    }
    // Every script the product sends carries the response's nonce; one without came from data.
    for (const s of document.querySelectorAll('script'))
      if (!(s as HTMLScriptElement).nonce)
        found.push(`script without nonce: ${s.outerHTML.slice(0, 80)}`)
    return found
  })
  expect(injected, `elements or attributes injected at ${url}`).toEqual([])
  const text = norm(await w.page.locator('body').innerText())
  for (const p of shown) expect.soft(text, `${url} shows the text as typed`).toContain(norm(p))
}

/**
 * The page as sent, before any browser repairs it: no payload's markup comes through unescaped,
 * neither in the body nor in the hydration data (where `</script>` would end the script).
 */
async function expectRawInert(w: Watched, url: string) {
  const raw = await (await w.page.request.get(url)).text()
  for (const markup of ['<script>alert(', '<img src=x onerror', '<svg onload', '</script><script>'])
    expect(raw, `${url} as sent`).not.toContain(markup)
}

/** A new account with `name`, its e-mail verified by the code mailed to it. */
async function signUp(w: Watched, name: string): Promise<string> {
  const email = `xss-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}@example.test`
  const res = await w.page.request.post('/signup', {
    headers: SAME_ORIGIN,
    form: { name, email, password: PASSWORD, consent: 'on', redirectTo: '' },
    maxRedirects: 0,
  })
  expect(res.status(), 'sign up').toBe(302)
  const mail = await mailTo(w, email, /验证码/)
  // The greeting carries the name: the e-mail shows it as text.
  expect(norm(mail)).toContain(norm(name))
  const code = /(\d{8})/.exec(mail)?.[1] ?? ''
  const verified = await w.page.request.post('/verify-email', {
    headers: SAME_ORIGIN,
    form: { code },
    maxRedirects: 0,
  })
  expect(verified.status(), 'verify e-mail').toBe(302)
  return email
}

/** The newest mail to `to` in the development mailbox, opened in the browser and checked. */
async function mailTo(w: Watched, to: string, subject: RegExp): Promise<string> {
  let text = ''
  await expect
    .poll(
      async () => {
        await w.page.goto('/dev/mail')
        const item = w.page
          .locator('li', { has: w.page.getByTestId('mail-to').getByText(to, { exact: true }) })
          .filter({ has: w.page.getByTestId('mail-subject').getByText(subject) })
          .first()
        if ((await item.count()) === 0) return ''
        text = `${await item.getByTestId('mail-subject').innerText()}\n${await item.getByTestId('mail-text').innerText()}`
        return text
      },
      { timeout: 30_000, intervals: [250] },
    )
    .not.toBe('')
  await visit(w, '/dev/mail', [])
  return text
}

test.describe.configure({ mode: 'serial' })

test('names, organisations and file names stay text on pages, in search highlights, in mail and exports', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const word = token()
  const applicant = await watched(browser)
  const email = await signUp(applicant, personName)
  person = { email, name: personName }

  // Two organisations: their names carry payloads beside the search word, their descriptions
  // carry every payload between them, their documents have hostile file names.
  const half = Math.ceil(payloads.length / 2)
  const orgs = [
    {
      name: `${word}甲 ${slice(0, 2).join(' ')}`,
      description: `${word} ${payloads.slice(0, half).join('\n')}`,
      license: '<img src=x onerror=alert(1)>营业执照.png',
      letter: '「<svg onload=alert(1)>」授权书.pdf',
    },
    {
      name: `${word}乙 ${slice(23, 2).join(' ')}`,
      description: `${word} ${payloads.slice(half).join('\n')}`,
      license: '"><script>alert(1)</script>.png',
      letter: '=HYPERLINK("http://evil.example").pdf',
    },
  ]
  const orgUrls: string[] = []
  for (const [i, o] of orgs.entries()) {
    const form = new FormData()
    form.set('type', 'startup')
    form.set('name', o.name)
    form.set('uscc', makeUscc((Date.now() + i * 7919) % 99_999_999, { regionCode: '440305' }))
    form.set('city', '深圳')
    form.set('segments', SEGMENT)
    form.set('description', o.description)
    form.set('documentsConsent', 'on')
    form.set('license', new File([files.png.buffer], o.license, { type: 'image/png' }))
    form.set('letter', new File([files.pdf.buffer], o.letter, { type: 'application/pdf' }))
    const res = await applicant.page.request.post('/orgs/new', {
      headers: SAME_ORIGIN,
      multipart: form,
      maxRedirects: 0,
    })
    expect(res.status(), `register ${o.name}`).toBe(302)
    orgUrls.push((res.headers()['location'] ?? '').split('?')[0] ?? '')
  }

  // The applicant's own pages: body text and the hydration data.
  for (const [i, o] of orgs.entries()) await visit(applicant, orgUrls[i] ?? '', [o.name])

  // The admin reads the documents (file names in the body and in alt texts) and verifies both.
  const admin = await watched(browser)
  await logIn(admin.page.request, demo.admin)
  const queue = await (await admin.page.request.get('/admin/orgs?status=pending')).text()
  for (const o of orgs) {
    const key = o.name.split(' ')[0] ?? ''
    const href = new RegExp(`href="(/admin/orgs/[0-9a-f-]{36})"[^>]*>(?:(?!</a>).)*${key}`, 's')
    const adminUrl = href.exec(queue)?.[1] ?? ''
    expect(adminUrl, `${o.name} waits in the queue`).toBeTruthy()
    await visit(admin, adminUrl, [o.name, o.license, o.letter, ...o.description.split('\n')])
    const alts = await admin.page
      .locator('img[alt]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('alt') ?? ''))
    expect(alts.some((a) => a.includes(o.license))).toBe(true)
    const verified = await admin.page.request.post(adminUrl, {
      headers: SAME_ORIGIN,
      form: { intent: 'verify' },
      maxRedirects: 0,
    })
    expect(verified.status(), `verify ${o.name}`).toBeLessThan(400)
  }

  // The public pages of the verified organisations, logged out.
  const visitor = await watched(browser)
  for (const [i, o] of orgs.entries()) {
    await visit(visitor, orgUrls[i] ?? '', [o.name])
    await expectRawInert(visitor, orgUrls[i] ?? '')
  }

  // Search: the names are the highlighted titles, the descriptions the highlighted summaries.
  await expect
    .poll(
      async () =>
        (
          (await (await visitor.page.request.get(`/api/v1/search?q=${word}`)).json()) as {
            total: number
          }
        ).total,
      { timeout: 30_000 },
    )
    .toBeGreaterThanOrEqual(2)
  await visit(
    visitor,
    `/search?q=${word}`,
    orgs.map((o) => o.name),
  )
  await expectRawInert(visitor, `/search?q=${word}`)
  await expect(visitor.page.locator('mark', { hasText: word }).first()).toBeVisible()
  // The public API answers JSON, never HTML.
  const api = await visitor.page.request.get(`/api/v1/search?q=${word}`)
  expect(api.headers()['content-type']).toMatch(/^application\/json/)

  // The mail telling the applicant that an organisation is verified names it.
  for (const o of orgs) {
    const mail = await mailTo(applicant, email, new RegExp(o.name.split(' ')[0] ?? ''))
    expect(norm(mail)).toContain(norm(o.name))
  }

  // The account export is a JSON download, not a page, and holds the name as typed.
  const exported = await applicant.page.request.get('/settings/export')
  expect(exported.status()).toBe(200)
  expect(exported.headers()['content-type']).toMatch(/^application\/json/)
  expect(exported.headers()['content-disposition']).toMatch(/^attachment/)
  expect(exported.headers()['x-content-type-options']).toBe('nosniff')
  expect(await exported.text()).toContain(JSON.stringify(personName).slice(1, -1))

  expect([...applicant.problems, ...admin.problems, ...visitor.problems]).toEqual([])
})

test('an event’s title, description and link stay text on its pages, in mail, iCalendar and CSV', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const word = token()
  const operator = await watched(browser)
  await logIn(operator.page.request, OPERATOR)
  const title = `${word} ${slice(30, 2).join(' ')}`
  const summary = `路演 ${slice(40, 3).join(' ')}`
  const description = payloads.join('\n')
  const base = {
    intent: 'publish',
    kind: 'roadshow',
    title,
    summary,
    description,
    startsAt: beijing(20),
    endsAt: beijing(20.1),
    place: slice(50, 2).join(' '),
    capacity: '50',
    audience: 'public',
  }

  // A link field takes only http(s): a javascript: link is refused beside the field, with what
  // was typed kept.
  await operator.page.goto(`/spaces/${SPACE}/events`)
  await operator.page.waitForSelector('html[data-hydrated]')
  await operator.page.locator('summary', { hasText: '发起活动' }).click()
  await operator.page.getByLabel('活动类型').selectOption({ label: '路演' })
  await operator.page.getByLabel('活动名称').fill(title)
  await operator.page.getByLabel('一句话简介').fill(summary)
  await operator.page.getByLabel('开始时间').fill(base.startsAt)
  await operator.page.getByLabel('结束时间').fill(base.endsAt)
  await operator.page.getByLabel('名额').fill('50')
  for (const link of [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(document.domain)',
    'data:text/html;base64,PHNjcmlwdD4=',
  ]) {
    await operator.page.getByLabel('线上会议链接').fill(link)
    await operator.page.getByRole('button', { name: '发布并开放报名' }).click()
    await expect(operator.page.getByText('请填写以 http:// 或 https:// 开头的链接。')).toBeVisible()
    await expect(operator.page.getByLabel('活动名称')).toHaveValue(title)
  }
  const refused = await operator.page.request.post(`/spaces/${SPACE}/events`, {
    headers: SAME_ORIGIN,
    form: { ...base, onlineUrl: 'javascript:alert(1)' },
    maxRedirects: 0,
  })
  expect(refused.status(), 'a javascript: link is not stored').not.toBe(302)

  const onlineUrl = 'https://meeting.example.cn/j/1?x="><script>alert(1)</script>'
  const created = await operator.page.request.post(`/spaces/${SPACE}/events`, {
    headers: SAME_ORIGIN,
    form: { ...base, onlineUrl },
    maxRedirects: 0,
  })
  expect(created.status(), 'publish the event').toBe(302)
  const eventId = /\/events\/([0-9a-f-]{36})/.exec(created.headers()['location'] ?? '')?.[1]
  expect(eventId).toBeTruthy()
  const eventUrl = `/events/${eventId}`

  // Form values: the edit form shows each field as typed.
  await visit(operator, `${eventUrl}/edit`, [])
  await expect(operator.page.getByLabel('活动名称')).toHaveValue(title)
  await expect(operator.page.getByLabel('一句话简介')).toHaveValue(summary)
  await expect(operator.page.getByLabel('线上会议链接')).toHaveValue(onlineUrl)
  expect(norm(await operator.page.getByLabel('活动介绍').inputValue())).toBe(norm(description))

  // The person with a hostile name registers, and gets a mail naming the event.
  expect(person, 'the account made in the first test').toBeDefined()
  const guest = await watched(browser)
  await logIn(guest.page.request, person?.email ?? '', PASSWORD)
  await visit(guest, eventUrl, [title, summary, ...payloads])
  await expectRawInert(guest, eventUrl)
  // The document title and the description meta carry the text, not markup.
  expect(await guest.page.title()).toBe(`${norm(title)} · 众创 Zhongchuang`)
  expect(await guest.page.locator('meta[name="description"]').getAttribute('content')).toBe(
    summary.slice(0, 160),
  )
  const registered = await guest.page.request.post(eventUrl, {
    headers: SAME_ORIGIN,
    form: { intent: 'register', as: 'person' },
    maxRedirects: 0,
  })
  expect(registered.headers()['location'], 'register').toMatch(/notice=registered/)
  // The link is shown to those registered, as the http(s) address typed.
  await visit(guest, eventUrl, [])
  const href = await guest.page.getByRole('link', { name: '进入线上会议室' }).getAttribute('href')
  expect(href).toBe(onlineUrl)
  const mail = await mailTo(guest, person?.email ?? '', new RegExp(word))
  expect(norm(mail)).toContain(norm(title).slice(0, 60))
  expect(guest.problems).toEqual([])

  // The operator's pages: the registrants' names as text.
  await visit(operator, `${eventUrl}/manage`, [title, person?.name ?? ''])
  await visit(operator, `/spaces/${SPACE}/events`, [title])

  // The CSV of registrations: formula-looking cells neutralised, the markup inert text.
  const csv = await operator.page.request.get(`${eventUrl}/registrations.csv`)
  expect(csv.status()).toBe(200)
  expect(csv.headers()['content-type']).toMatch(/^text\/csv/)
  const csvText = await csv.text()
  expect(csvText).not.toMatch(/(^|[,\n])"?[=+\-@]/)
  expect(csvText).toContain("'=HYPERLINK(")

  // The iCalendar file: a calendar, not a page, with the title as escaped text.
  const ics = await operator.page.request.get(`${eventUrl}.ics`)
  expect(ics.status()).toBe(200)
  expect(ics.headers()['content-type']).toMatch(/^text\/calendar/)
  expect(ics.headers()['x-content-type-options']).toBe('nosniff')
  const icsText = await ics.text()
  expect(icsText).toMatch(/^BEGIN:VCALENDAR\r\n/)
  // A line break in a value would start a property of the attacker's choosing.
  expect(
    icsText.split('\r\n').every((line) => !/^(BEGIN|END):(?!VCALENDAR|VEVENT)/.test(line)),
  ).toBe(true)

  expect(operator.problems).toEqual([])
})

test('keywords stay text as tags on the listing and in its edit form', async ({ browser }) => {
  const owner = await watched(browser)
  await logIn(owner.page.request, 'yangfan@demo.zhongchuang.cn')
  const blank = await (await owner.page.request.get('/equipment/new')).text()
  const orgId = /name="orgId"[^>]*value="([0-9a-f-]{36})"|<option value="([0-9a-f-]{36})"/.exec(
    blank,
  )
  const name = `${token()} 拉曼光谱仪 ${slice(5, 1).join('')}`
  const created = await owner.page.request.post('/equipment/new', {
    headers: SAME_ORIGIN,
    form: {
      orgId: orgId?.[1] ?? orgId?.[2] ?? '',
      name,
      category: 'testing_inspection',
      serviceModes: 'operator_run',
      city: '深圳',
      segments: SEGMENT,
      keywords: tagPayloads.join('、'),
    },
    maxRedirects: 0,
  })
  expect(created.status(), 'save the draft listing').toBe(302)
  const edit = (created.headers()['location'] ?? '').split('?')[0] ?? ''
  await visit(owner, edit, [])
  expect(await owner.page.locator('input[name="keywords"]').inputValue()).toBe(
    tagPayloads.join('、'),
  )
  // The owner's preview of the draft shows each keyword as a tag of its own.
  await visit(owner, edit.replace(/\/edit$/, ''), [name, ...tagPayloads])
  expect(owner.problems).toEqual([])
})

test('a hostile search query is shown as text in the page, the search box and the page data', async ({
  browser,
}) => {
  const visitor = await watched(browser)
  for (const q of slice(0, payloads.length).filter((_, i) => i % 3 === 0)) {
    await visit(visitor, `/search?q=${encodeURIComponent(q)}`, [])
    await expect(visitor.page.getByRole('searchbox').first()).toHaveValue(q)
  }
  expect(visitor.problems).toEqual([])
})
