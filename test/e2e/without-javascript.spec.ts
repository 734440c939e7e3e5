// Forms work with JavaScript off: errors come back beside their fields with what was typed
// kept, and a correct submission goes through.
import { expect, test } from '@playwright/test'
import { demo, DEMO_PASSWORD, uniqueEmail } from './support.ts'

test.use({ javaScriptEnabled: false })

test('sign-up refuses bad input beside the fields and keeps what was typed', async ({ page }) => {
  const email = uniqueEmail('nojs')
  await page.goto('/signup')
  await page.getByLabel('姓名').fill('无脚本')
  await page.getByLabel('邮箱').fill(email)
  await page.getByLabel('密码').fill('short')
  await page.getByRole('button', { name: '注册' }).click()
  await expect(page.getByText('密码至少 10 个字符。')).toBeVisible()
  await expect(page.getByText('请阅读并同意个人信息保护政策。')).toBeVisible()
  await expect(page.getByLabel('姓名')).toHaveValue('无脚本')
  await expect(page.getByLabel('邮箱')).toHaveValue(email)
  // The password is not sent back into the page.
  await expect(page.getByLabel('密码')).toHaveValue('')
})

test('log-in and the language switch work without JavaScript', async ({ page }) => {
  await page.goto('/login')
  await page.getByLabel('邮箱').fill(demo.member)
  await page.getByLabel('密码').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '登录' }).click()
  await expect(page).toHaveURL(/\/dashboard/)
  await page.getByRole('button', { name: 'English' }).click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Hello')
})

test('pages carry the security headers, with a fresh script nonce each time', async ({
  request,
}) => {
  const first = await request.get('/')
  const second = await request.get('/')
  const csp = first.headers()['content-security-policy'] ?? ''
  expect(csp).toContain("frame-ancestors 'none'")
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/)
  expect(csp).not.toEqual(second.headers()['content-security-policy'])
  expect(first.headers()['x-content-type-options']).toBe('nosniff')
  expect(first.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin')
  expect(first.headers()['x-request-id']).toBeTruthy()
  // Every inline script in the page carries this response's nonce.
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1] ?? ''
  const html = await first.text()
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])
  expect(scripts.length).toBeGreaterThan(0)
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`)
})
