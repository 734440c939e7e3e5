// Booking an instrument as a booker does: pick a free half hour in the calendar, see the quote
// the server computed, book, and land on the booking; and the same with JavaScript off, through
// the plain date, time and duration fields and the "update quote" button.
import { expect, test, type Page } from '@playwright/test'
import { demo, DEMO_PASSWORD, logIn, open } from './support.ts'

// An instant-book 3D printer (weekdays 08:00–20:00, at least 2 hours, 4 hours' lead time).
const PRINTER = '/equipment/qiheng-sla-3d-printer/book'

/** A weekday (Shanghai) at least `days` ahead, so lead time and today's hours never matter. */
function weekdayAhead(days: number): string {
  for (let d = days; ; d++) {
    const local = new Date(Date.now() + 8 * 3_600_000 + d * 86_400_000)
    const weekday = local.getUTCDay()
    if (weekday >= 1 && weekday <= 5) return local.toISOString().slice(0, 10)
  }
}

async function logInWithoutScript(page: Page, email: string) {
  await page.goto('/login')
  await page.getByLabel('邮箱').fill(email)
  await page.getByLabel('密码').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '登录' }).click()
  await expect(page).toHaveURL(/\/dashboard/)
}

test.describe('with JavaScript', () => {
  test('a slot picked in the calendar fills the fields, is quoted and booked', async ({ page }) => {
    await logIn(page, demo.member)
    await open(page, PRINTER)
    await page.getByRole('link', { name: /下一周/ }).click()
    await expect(page).toHaveURL(/week=1/)
    await expect(page.getByText('第 2 / 4 周')).toBeVisible()

    // The first free half hour of the second week.
    const cell = page.getByRole('button', { name: /: 空闲$/ }).first()
    const label = (await cell.getAttribute('aria-label')) ?? ''
    const time = /(\d{2}:\d{2}): 空闲$/.exec(label)?.[1] ?? ''
    await cell.click()
    await expect(page.getByLabel('开始时间（北京时间）')).toHaveValue(time)
    await expect(page.getByLabel('日期', { exact: true })).toHaveValue(/^\d{4}-\d{2}-\d{2}$/)
    await expect(page.getByRole('button', { name: label })).toHaveAttribute('aria-pressed', 'true')

    // A longer duration re-asks the server for its price, without a reload.
    await page.getByLabel('时长').selectOption('3')
    const quote = page
      .locator('section')
      .filter({ has: page.getByRole('heading', { name: '报价', exact: true }) })
    await expect(quote.getByText('按小时 · 3 小时')).toBeVisible()
    await expect(quote.getByText('现在支付')).toBeVisible()
    await expect(quote.getByText('¥450.00').first()).toBeVisible()
    await expect(quote.getByText('押金单独支付，由平台托管，使用结束后退还。')).toBeVisible()

    const bookedDate = await page.getByLabel('日期', { exact: true }).inputValue()
    await page.getByLabel('用途').fill('打印外壳样件，验证装配')
    await page.getByRole('button', { name: '预约并付款' }).click()
    await expect(page).toHaveURL(/\/bookings\/[0-9a-f-]{36}$/)
    await expect(page.getByRole('heading', { level: 1 })).toContainText('预约详情')

    // The calendar now shows those hours as booked, and choosing them again is flagged at once.
    await open(page, `${PRINTER}?week=1`)
    await expect(page.getByRole('img', { name: label.replace('空闲', '已约满') })).toBeVisible()
    await page.getByLabel('日期', { exact: true }).fill(bookedDate)
    await page.getByLabel('开始时间（北京时间）').fill(time)
    await expect(page.getByText('所选时段与已有预约冲突', { exact: false })).toBeVisible()
  })
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('the plain fields, the quote button and booking work', async ({ page }) => {
    await logInWithoutScript(page, demo.member)
    const date = weekdayAhead(16)
    await page.goto(PRINTER)
    await page.getByLabel('日期', { exact: true }).fill(date)
    await page.getByLabel('开始时间（北京时间）').fill('14:00')
    await page.getByLabel('时长').selectOption('2')
    await page.getByLabel('用途').fill('无脚本预约：打印夹具')
    await page.getByRole('button', { name: '更新报价' }).click()

    // The page came back from the server with the quote and every value kept.
    await expect(page).toHaveURL(/startTime=14%3A00/)
    await expect(page.getByText('现在支付')).toBeVisible()
    await expect(page.getByText('按小时 · 2 小时')).toBeVisible()
    await expect(page.getByLabel('用途')).toHaveValue('无脚本预约：打印夹具')
    await expect(page.getByLabel('日期', { exact: true })).toHaveValue(date)
    // The calendar shows the week of that date with the chosen start pressed.
    await expect(page.locator('button[aria-pressed="true"]')).toHaveCount(1)

    await page.getByRole('button', { name: '预约并付款' }).click()
    await expect(page).toHaveURL(/\/bookings\/[0-9a-f-]{36}$/)
    await expect(page.getByRole('heading', { level: 1 })).toContainText('预约详情')
  })
})
