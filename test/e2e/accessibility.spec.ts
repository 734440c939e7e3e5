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
  // A city read from the words (a chip) and a search that finds nothing (the closest types).
  '/search?q=XRD 西安',
  '/search?q=扫瞄电境',
  '/login',
  '/signup',
  '/forgot-password',
  '/login/mobile',
  '/privacy',
  '/orgs/cas-jiangnan',
  '/spaces/nanshan-ai-robotics/members',
  '/spaces/nanshan-ai-robotics/events',
  '/spaces/jiangnan-new-materials/mentors',
  '/events',
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
  '/events/mine',
  '/mentoring',
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
  '/admin/figures',
  '/admin/spaces',
  '/admin/listings',
  '/admin/moderation',
]
// Pages of the space nanshan-ai-robotics that only its operator's people open.
const operatorPages = [
  '/spaces/nanshan-ai-robotics/members',
  '/spaces/nanshan-ai-robotics/dashboard',
  '/spaces/nanshan-ai-robotics/report',
  '/spaces/nanshan-ai-robotics/settings',
  '/orgs/nanshan-zhichuang',
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
  for (const url of adminPages) found.push(...(await check(admin, url)))
  const operator = await (await browser.newContext()).newPage()
  await logIn(operator, demo.orgAdmin)
  for (const url of operatorPages) found.push(...(await check(operator, url)))
  expect(found).toEqual([])
})
