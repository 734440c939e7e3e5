// axe-core on every page, as a visitor and signed in: no serious or critical violation.
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { demo, logIn } from './support.ts'

const publicPages = [
  '/',
  '/spaces',
  '/spaces/jiangnan-new-materials',
  '/challenges',
  '/equipment',
  '/equipment/cas-jiangnan-fe-sem',
  '/campaigns',
  '/search?q=空间',
  '/login',
  '/signup',
  '/forgot-password',
  '/login/mobile',
  '/privacy',
  '/orgs/cas-jiangnan',
  '/reset-password?token=x',
  '/no-such-page',
]
const memberPages = [
  '/dashboard',
  '/settings',
  '/orgs/new',
  '/spaces/new',
  '/dev/mail',
  '/notifications',
  '/messages',
  '/notifications/unsubscribe?token=not-a-real-token',
  '/payments',
  '/finance',
  '/finance/fapiao',
]
const adminPages = [
  '/admin',
  '/admin/orgs',
  '/admin/claims',
  '/admin/users',
  '/admin/audit',
  '/admin/jobs',
  '/admin/payments',
  '/admin/payments/transfers',
  '/admin/payments/statements',
  '/admin/payments/instructions',
  '/admin/payments/fees',
  '/spaces/nanshan-ai-robotics/members',
]

async function check(page: Page, url: string): Promise<string[]> {
  await page.goto(url)
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${url}: ${v.id} (${v.impact}) ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    )
}

test('public pages', async ({ page }) => {
  const found: string[] = []
  for (const url of publicPages) found.push(...(await check(page, url)))
  expect(found).toEqual([])
})

test('public pages in English on a phone', async ({ browser }) => {
  const context = await browser.newContext({
    viewport: { width: 375, height: 800 },
    locale: 'en',
    extraHTTPHeaders: { 'Accept-Language': 'en' },
  })
  const page = await context.newPage()
  const found: string[] = []
  for (const url of publicPages.slice(0, 8)) found.push(...(await check(page, url)))
  expect(found).toEqual([])
})

test('member pages', async ({ page }) => {
  await logIn(page, demo.member)
  const found: string[] = []
  for (const url of memberPages) found.push(...(await check(page, url)))
  expect(found).toEqual([])
})

test('admin and operator pages', async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage()
  await logIn(admin, demo.admin)
  const found: string[] = []
  for (const url of adminPages.slice(0, -1)) found.push(...(await check(admin, url)))
  const operator = await (await browser.newContext()).newPage()
  await logIn(operator, demo.orgAdmin)
  found.push(...(await check(operator, adminPages.at(-1) ?? '/')))
  found.push(...(await check(operator, '/orgs/nanshan-zhichuang')))
  expect(found).toEqual([])
})
