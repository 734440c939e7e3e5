// Each page loads only the strings it renders, in its language: one chunk per namespace, the ones
// the server's render listed loaded before hydration and the rest when a page first needs them.
// In Chinese and in English, a person moves through pages of different namespaces by links, a
// form (errors, then a redirect), back and forward, and switches language; no catalogue key is
// ever shown, headings read in the page's language, and the browser fetched a few namespace
// chunks of that language, never the whole catalogue.
import fs from 'node:fs'
import path from 'node:path'
import { expect, test, type Page, type TestInfo } from '@playwright/test'
import { flattenCatalogue, withoutPluralSuffix } from '../../app/i18n/catalogue-keys.ts'
import { namespaces, namespacesElementId, type Language } from '../../app/i18n/config.ts'
import { DEMO_PASSWORD, demo, open, waitForDemoIndex } from './support.ts'
import { namespaceChunksOf } from '../../scripts/lib/namespace-chunks.ts'

const locales = path.join(import.meta.dirname, '../../app/i18n/locales')

const catalogues = new Map<string, Record<string, unknown>>()

function catalogue(lng: Language, ns: string): Record<string, unknown> {
  let found = catalogues.get(`${lng}/${ns}`)
  if (!found) {
    found = JSON.parse(fs.readFileSync(path.join(locales, lng, `${ns}.json`), 'utf8')) as Record<
      string,
      unknown
    >
    catalogues.set(`${lng}/${ns}`, found)
  }
  return found
}

/** A catalogue text, as the page shows it. */
function text(lng: Language, ns: string, key: string): string {
  let value: unknown = catalogue(lng, ns)
  for (const part of key.split('.')) value = (value as Record<string, unknown>)[part]
  if (typeof value !== 'string') throw new Error(`${lng} ${ns}:${key} is not a text`)
  return value
}

// Every key with a dot (a bare word like `tag` could be ordinary English), plural suffixes off:
// what i18next shows when a text is missing.
const keys = [
  ...new Set(
    namespaces.flatMap((ns) =>
      Object.keys(flattenCatalogue(catalogue('zh-CN', ns)))
        .map(withoutPluralSuffix)
        .filter((k) => k.includes('.')),
    ),
  ),
]
const prefixed = new RegExp(`(^|[^\\w-])(${namespaces.join('|')}):[a-zA-Z]`)

/** Catalogue keys showing in the page instead of their texts. */
async function rawKeys(page: Page): Promise<string[]> {
  const shown = await page.locator('body').innerText()
  const found = keys.filter((k) =>
    new RegExp(`(^|[^\\w.])${k.replace(/\./g, '\\.')}($|[^\\w.])`).test(shown),
  )
  const ns = prefixed.exec(shown)
  return ns ? [...found, ns[0].trim()] : found
}

async function expectNoKeys(page: Page): Promise<void> {
  expect(await rawKeys(page), `keys shown on ${page.url()}`).toEqual([])
}

/**
 * The namespace chunks the browser fetched: the client entry maps every language's namespace to
 * its chunk (`import.meta.glob`); requests for those chunks are what a page loaded.
 */
async function watchChunks(page: Page) {
  const requested: string[] = []
  page.on('request', (r) => {
    if (/\/assets\/[^/]+\.js$/.test(r.url())) requested.push(new URL(r.url()).pathname)
  })
  let map: Map<string, string> | null = null
  const chunkMap = async () => {
    if (!map) {
      const entry = await page.evaluate(
        () =>
          (window as unknown as { __remixManifest: { entry: { module: string } } }).__remixManifest
            .entry.module,
      )
      const source = await (await page.request.get(entry)).text()
      map = new Map([...namespaceChunksOf(source)].map(([name, url]) => [url, name]))
      expect(map.size, 'a chunk per language and namespace').toBe(namespaces.length * 2)
    }
    return map
  }
  return {
    /** Namespaces (as `lng/ns`) fetched since the last call. */
    async take(): Promise<string[]> {
      const chunks = await chunkMap()
      const taken = requested.splice(0).flatMap((url) => chunks.get(url) ?? [])
      return [...new Set(taken)].sort()
    },
  }
}

async function listed(page: Page): Promise<string[]> {
  const json = await page.locator(`#${namespacesElementId}`).textContent()
  return (JSON.parse(json ?? '[]') as string[]).sort()
}

function watchErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error' && /hydrat|did not match|Minified React error/i.test(m.text()))
      errors.push(m.text())
  })
  return errors
}

async function shot(page: Page, info: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: false })
}

// The instrument list shows what search has indexed.
test.beforeAll(async ({ request }) => {
  await waitForDemoIndex(request)
})

for (const lng of ['zh-CN', 'en'] as const) {
  test(`${lng}: pages load their own namespaces, by link, form, back and forward`, async ({
    browser,
  }, info) => {
    const context = await browser.newContext({
      locale: lng,
      extraHTTPHeaders: { 'Accept-Language': lng === 'en' ? 'en' : 'zh-CN,zh;q=0.9' },
    })
    const page = await context.newPage()
    const errors = watchErrors(page)
    const chunks = await watchChunks(page)
    const heading = (name: string) => page.getByRole('heading', { level: 1, name, exact: true })
    const nav = page.getByRole('navigation', { name: text(lng, 'common', 'nav.label') })
    const other = lng === 'en' ? 'zh-CN' : 'en'
    const fetched: string[] = []
    const take = async () => {
      const taken = await chunks.take()
      expect(
        taken.filter((c) => c.startsWith(`${other}/`)),
        'the other language',
      ).toEqual([])
      fetched.push(...taken)
      info.annotations.push({ type: 'chunks', description: `${page.url()}: ${taken.join(' ')}` })
      return taken.map((c) => c.slice(c.indexOf('/') + 1))
    }

    // The first page: exactly the namespaces its render used, loaded before hydration.
    await open(page, '/')
    await expect(heading(text(lng, 'common', 'home.title'))).toBeVisible()
    const first = await listed(page)
    expect(first).toContain('common')
    expect(await take()).toEqual(first)
    await expectNoKeys(page)

    // Links: the list of instruments (equipment strings arrive on the way).
    await nav.getByRole('link', { name: text(lng, 'common', 'nav.equipment'), exact: true }).click()
    await expect(page).toHaveURL(/\/equipment$/)
    await expect(heading(text(lng, 'equipment', 'market.title'))).toBeVisible()
    expect(await take()).toContain('equipment')
    await expectNoKeys(page)

    // An instrument.
    const instrument = page.locator('main a[href="/equipment/cas-jiangnan-fe-sem"]').first()
    const instrumentName = (await instrument.innerText()).trim()
    await instrument.click()
    await expect(page).toHaveURL(/\/equipment\/cas-jiangnan-fe-sem$/)
    await expect(heading(instrumentName)).toBeVisible()
    await expect(
      page.getByRole('heading', { name: text(lng, 'equipment', 'detail.overview') }),
    ).toBeVisible()
    await take()
    await expectNoKeys(page)
    await shot(page, info, `${lng}-instrument`)

    // Challenges, a namespace no page so far used.
    await nav
      .getByRole('link', { name: text(lng, 'common', 'nav.challenges'), exact: true })
      .click()
    await expect(page).toHaveURL(/\/challenges$/)
    await expect(heading(text(lng, 'challenges', 'market.title'))).toBeVisible()
    expect(await take()).toContain('challenges')
    await expectNoKeys(page)

    // A space.
    await nav.getByRole('link', { name: text(lng, 'common', 'nav.spaces'), exact: true }).click()
    await expect(heading(text(lng, 'spaces', 'index.title'))).toBeVisible()
    await page.locator('main a[href="/spaces/nanshan-ai-robotics"]').first().click()
    await expect(page).toHaveURL(/\/spaces\/nanshan-ai-robotics$/)
    await expect(page.getByRole('link', { name: text(lng, 'spaces', 'detail.back') })).toBeVisible()
    expect(await take()).toContain('spaces')
    await expectNoKeys(page)
    await shot(page, info, `${lng}-space`)

    // Back and forward.
    await page.goBack()
    await expect(heading(text(lng, 'spaces', 'index.title'))).toBeVisible()
    await page.goBack()
    await expect(heading(text(lng, 'challenges', 'market.title'))).toBeVisible()
    await expectNoKeys(page)
    await page.goForward()
    await expect(heading(text(lng, 'spaces', 'index.title'))).toBeVisible()
    await expectNoKeys(page)

    // A form: errors from the browser's own check, then from the server, then a redirect.
    await page
      .getByRole('banner')
      .getByRole('link', { name: text(lng, 'common', 'nav.login'), exact: true })
      .click()
    await expect(heading(text(lng, 'auth', 'login.title'))).toBeVisible()
    expect(await take()).toContain('auth')
    const submit = page
      .getByRole('main')
      .getByRole('button', { name: text(lng, 'auth', 'login.submit'), exact: true })
    await submit.click()
    await expect(page.getByRole('alert').first()).toBeVisible()
    await expectNoKeys(page)
    await page.getByLabel(/邮箱|E-mail/).fill(demo.member)
    await page.getByLabel(/^(密码|Password)$/).fill('not-the-password')
    await submit.click()
    await expect(page.getByText(text(lng, 'auth', 'errors.loginFailed'))).toBeVisible()
    await expect(page.getByLabel(/邮箱|E-mail/)).toHaveValue(demo.member)
    await expectNoKeys(page)
    await page.getByLabel(/^(密码|Password)$/).fill(DEMO_PASSWORD)
    await submit.click()
    await expect(page).toHaveURL(/\/dashboard/)
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    await expectNoKeys(page)

    // Chunks of this language as pages needed them, never the whole catalogue.
    await take()
    const distinct = [...new Set(fetched)]
    expect(distinct.length, distinct.join(' ')).toBeLessThan(namespaces.length)
    expect(errors).toEqual([])
    await context.close()
  })
}

test('switching language loads the other language’s chunks only', async ({ browser }, info) => {
  const context = await browser.newContext({
    locale: 'zh-CN',
    extraHTTPHeaders: { 'Accept-Language': 'zh-CN,zh;q=0.9' },
  })
  const page = await context.newPage()
  const errors = watchErrors(page)
  const chunks = await watchChunks(page)
  await open(page, '/challenges')
  await expect(
    page.getByRole('heading', { level: 1, name: text('zh-CN', 'challenges', 'market.title') }),
  ).toBeVisible()
  expect(await chunks.take()).toEqual((await listed(page)).map((ns) => `zh-CN/${ns}`))

  await page.getByRole('button', { name: 'English' }).click()
  await page.waitForSelector('html[lang="en"][data-hydrated]')
  await expect(
    page.getByRole('heading', { level: 1, name: text('en', 'challenges', 'market.title') }),
  ).toBeVisible()
  expect(await chunks.take()).toEqual((await listed(page)).map((ns) => `en/${ns}`))
  await expectNoKeys(page)

  // A page of other namespaces, by a link, in English.
  await page
    .getByRole('navigation', { name: text('en', 'common', 'nav.label') })
    .getByRole('link', { name: text('en', 'common', 'nav.equipment'), exact: true })
    .click()
  await expect(
    page.getByRole('heading', { level: 1, name: text('en', 'equipment', 'market.title') }),
  ).toBeVisible()
  const loaded = await chunks.take()
  expect(loaded).toContain('en/equipment')
  expect(loaded.every((c) => c.startsWith('en/'))).toBe(true)
  await expectNoKeys(page)
  await shot(page, info, 'en-after-switch-equipment')

  await page.getByRole('button', { name: '中文' }).click()
  await page.waitForSelector('html[lang="zh-CN"][data-hydrated]')
  await expect(
    page.getByRole('heading', { level: 1, name: text('zh-CN', 'equipment', 'market.title') }),
  ).toBeVisible()
  expect((await chunks.take()).every((c) => c.startsWith('zh-CN/'))).toBe(true)
  await expectNoKeys(page)
  expect(errors).toEqual([])
  await context.close()
})
