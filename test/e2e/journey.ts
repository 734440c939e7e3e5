// What the long journeys share: a signed-in browser per person, the database under test (for
// moving a deadline into the past: e2e runs on real time), Beijing times for the date inputs,
// screenshots at desktop and phone widths in both languages, and a finance admin recording a
// bank transfer.
import fs from 'node:fs'
import path from 'node:path'
import postgres from 'postgres'
import { expect, type Browser, type Page } from '@playwright/test'
import { namespaces } from '../../app/i18n/config.ts'
import { demo, DEMO_PASSWORD, logIn, open } from './support.ts'

export const SCREENS = 'test-results/screens'

export async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await logIn(page, email)
  return page
}

/** The database the product under test runs on: the embedded server's port from its pid file. */
export function database() {
  const pid = fs.readFileSync(path.resolve('.cache/e2e-data/postgres/postmaster.pid'), 'utf8')
  const port = Number(pid.split('\n')[3])
  return postgres(`postgres://zhongchuang:zhongchuang-embedded@127.0.0.1:${port}/zhongchuang`, {
    max: 1,
    onnotice: () => {},
  })
}

/** A Beijing wall-clock time `days` ahead, as a datetime-local or a date input wants it. */
export function beijing(days: number, withTime = true): string {
  const at = new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString()
  return withTime ? at.slice(0, 16) : at.slice(0, 10)
}

const untranslated = new RegExp(`\\b(${namespaces.join('|')}):[a-z]|\\{\\{`)

/** Screenshots at 1280 and 390 wide; no sideways scrolling on the phone; no untranslated key. */
export async function shoot(page: Page, name: string) {
  const text = await page.locator('body').innerText()
  expect.soft(text, `${name}: an untranslated key`).not.toMatch(untranslated)
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.screenshot({ path: `${SCREENS}/${name}-desktop.png`, fullPage: true })
  await page.setViewportSize({ width: 390, height: 844 })
  await page.screenshot({ path: `${SCREENS}/${name}-phone.png`, fullPage: true })
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  )
  if (overflow > 0) {
    // Name what sticks out, so a failure says where to look.
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth)
        .slice(0, 6)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
    )
    console.log(`${name} wider than the phone:`, wide)
  }
  expect.soft(overflow, `${name} scrolls sideways on a phone`).toBeLessThanOrEqual(0)
  await page.setViewportSize({ width: 1280, height: 800 })
}

/** The page in Chinese, then in English (the header's switch), then back to Chinese. */
export async function shootBoth(page: Page, name: string) {
  await shoot(page, `${name}-zh`)
  await page.getByRole('button', { name: 'English', exact: true }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await page.waitForSelector('html[data-hydrated]')
  await shoot(page, `${name}-en`)
  await page.getByRole('button', { name: '中文', exact: true }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  await page.waitForSelector('html[data-hydrated]')
}

/**
 * A finance admin confirms their password, then records the transfer that arrived. Above the
 * approval threshold a second finance admin (`approver`) checks it before it is collected.
 */
export async function recordTransfer(
  browser: Browser,
  input: { reference: string; yuan: string; payer: string; approver?: string },
) {
  const admin = await financeAdmin(browser, demo.admin)
  await admin.getByLabel('付款识别码').fill(input.reference)
  await admin.getByLabel('到账金额（元）').fill(input.yuan)
  await admin.getByLabel('付款人户名').fill(input.payer)
  await admin.getByRole('button', { name: '登记到账' }).click()
  if (!input.approver) {
    await expect(admin.getByText('已登记，款项已进入托管。')).toBeVisible()
    await admin.context().close()
    return
  }
  await expect(admin.getByText(/已登记。金额超过复核线/)).toBeVisible()
  await admin.context().close()
  const checker = await financeAdmin(browser, input.approver)
  await checker
    .locator('li, tr, section')
    .filter({ hasText: input.reference })
    .getByRole('button', { name: '复核通过' })
    .first()
    .click()
  await expect(checker.getByText('已复核通过，款项已进入托管。')).toBeVisible()
  await checker.context().close()
}

async function financeAdmin(browser: Browser, email: string): Promise<Page> {
  const admin = await signedIn(browser, email)
  await open(
    admin,
    `/confirm-password?redirectTo=${encodeURIComponent('/admin/payments/transfers')}`,
  )
  await admin.getByLabel('密码').fill(DEMO_PASSWORD)
  await admin.getByRole('button', { name: '确认' }).click()
  await expect(admin).toHaveURL(/\/admin\/payments\/transfers$/)
  await admin.waitForSelector('html[data-hydrated]')
  return admin
}
