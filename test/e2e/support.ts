// Helpers for journeys: demo accounts, logging in through the page, reading the dev mailbox.
import { expect, type APIRequestContext, type Page } from '@playwright/test'

export const DEMO_PASSWORD = 'zhongchuang-demo-2026'
export const demo = {
  admin: 'admin@demo.zhongchuang.cn',
  member: 'linxiaotong@demo.zhongchuang.cn', // a maker with no organisation
  orgMember: 'chensiyuan@demo.zhongchuang.cn', // member (role member) of qiantang-med-univ
  orgAdmin: 'majun@demo.zhongchuang.cn', // owner of nanshan-zhichuang, which runs nanshan-ai-robotics
} as const

/** Navigates and waits until React has hydrated, so form state set by the test is kept. */
export async function open(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.waitForSelector('html[data-hydrated]')
}

export async function logIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await open(page, '/login')
  await page.getByLabel(/邮箱|E-mail/).fill(email)
  await page.getByLabel(/^(密码|Password)$/).fill(password)
  await page.getByRole('button', { name: /^(登录|Log in)$/ }).click()
  await expect(page).toHaveURL(/\/dashboard/)
}

/** The newest message to `to` in the development mailbox. */
export async function readMail(
  page: Page,
  to: string,
  subject?: RegExp,
): Promise<{ subject: string; text: string }> {
  for (let attempt = 0; attempt < 40; attempt++) {
    await page.goto('/dev/mail')
    let item = page.locator('li', {
      has: page.getByTestId('mail-to').getByText(to, { exact: true }),
    })
    if (subject) item = item.filter({ has: page.getByTestId('mail-subject').getByText(subject) })
    item = item.first()
    if ((await item.count()) > 0) {
      return {
        subject: await item.getByTestId('mail-subject').innerText(),
        text: await item.getByTestId('mail-text').innerText(),
      }
    }
    // The worker sends mail a moment after the request that caused it.
    await page.waitForTimeout(250)
  }
  throw new Error(`no mail to ${to}`)
}

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}@example.test`
}

/** A real one-pixel PNG and a minimal PDF, for upload fields. */
export const files = {
  png: {
    name: 'license.png',
    mimeType: 'image/png',
    buffer: Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    ),
  },
  pdf: {
    name: 'letter.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    ),
  },
  html: {
    name: 'evil.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('<html><script>alert(1)</script></html>'),
  },
}

/** The worker indexes the demo data right after start: searching specs wait until it has. */
export async function waitForDemoIndex(request: APIRequestContext): Promise<void> {
  await expect
    .poll(
      async () =>
        ((await (await request.get('/api/v1/search?per_page=1')).json()) as { total: number })
          .total,
      { timeout: 60_000 },
    )
    .toBeGreaterThanOrEqual(15)
}
