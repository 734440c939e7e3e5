// Finding offerings: the search page (filters, sort, pages, a result), each space's own search,
// and the public API with its OpenAPI document.
import { expect, test } from '@playwright/test'
import { open, waitForDemoIndex } from './support.ts'

test.beforeAll(async ({ request }) => waitForDemoIndex(request))

test('search, filter by segment and city, sort, page and open a result', async ({ page }) => {
  await open(page, '/search?q=材料')
  await expect(page.getByRole('heading', { name: '搜索', level: 1 })).toBeVisible()
  await expect(page.locator('mark').first()).toBeVisible()
  const filters = page.getByRole('complementary', { name: '筛选' })
  await filters.getByRole('link', { name: /^新材料产业/ }).click()
  await expect(page).toHaveURL(/segment=3/)
  await filters.getByRole('link', { name: /^苏州/ }).click()
  await expect(page).toHaveURL(/city=/)
  const titles = page.locator('li h3')
  await expect(titles.first()).toBeVisible()
  for (const city of await page.locator('li .text-slate-500:first-of-type').allInnerTexts())
    expect(city).toContain('苏州')
  await page.getByLabel('排序').selectOption('newest')
  await expect(page).toHaveURL(/sort=newest/)
  await titles.first().getByRole('link').click()
  await expect(page).toHaveURL(/\/(orgs|spaces)\//)
})

test('pages through results, as-you-type, in English', async ({ browser }) => {
  const context = await browser.newContext({
    locale: 'en',
    extraHTTPHeaders: { 'Accept-Language': 'en' },
  })
  const page = await context.newPage()
  await open(page, '/search?perPage=5')
  await expect(page.getByText(/Page 1 of \d/)).toBeVisible()
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: /Next/ }).click()
  await expect(page.getByText(/Page 2 of \d/)).toBeVisible()
  await page.getByRole('searchbox', { name: 'Search' }).last().fill('robot')
  await expect(page).toHaveURL(/q=robot/)
  await expect(page.getByRole('heading', { name: /results? for “robot”/ })).toBeVisible()
})

test('a space has its own search over its focus segments', async ({ page }) => {
  await open(page, '/spaces/jiangnan-new-materials')
  const section = page.locator('#space-search')
  await expect(section.getByRole('heading', { name: '本空间领域的资源' })).toBeVisible()
  await expect(section.locator('li h3').first()).toBeVisible()
  // Robotics offerings are outside this space's segments.
  await expect(section.getByText('深圳微构机器人科技有限公司')).toHaveCount(0)
})

test('the public API answers, names a bad parameter, and describes itself', async ({ request }) => {
  const ok = await request.get('/api/v1/search?q=SEM&kind=organisation&per_page=5')
  expect(ok.status()).toBe(200)
  const body = (await ok.json()) as {
    hits: { kind: string; url: string }[]
    facets: object
    total: number
    page: number
    degraded: boolean
  }
  expect(body).toMatchObject({ page: 1, degraded: false })
  expect(body.hits.every((h) => h.kind === 'organisation' && h.url.startsWith('http'))).toBe(true)

  const bad = await request.get('/api/v1/search?per_page=500')
  expect(bad.status()).toBe(400)
  expect(((await bad.json()) as { error: { parameter: string } }).error.parameter).toBe('per_page')
  const unknown = await request.get('/api/v1/search?colour=red')
  expect(((await unknown.json()) as { error: { parameter: string } }).error.parameter).toBe(
    'colour',
  )

  const doc = (await (await request.get('/api/v1/openapi.json')).json()) as {
    openapi: string
    paths: Record<string, unknown>
  }
  expect(doc.openapi).toBe('3.1.0')
  expect(Object.keys(doc.paths)).toContain('/search')
})
