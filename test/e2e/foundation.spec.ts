// The foundation journey: a person signs up, verifies their e-mail from the development
// mailbox, registers an organisation (a bad 信用代码 refused, a good one accepted with its
// documents), a verifier approves it, a colleague is invited and joins, the language switches,
// and everyone logs out.
import { expect, test } from '@playwright/test'
import { makeUscc } from '../../app/domains/orgs/uscc.ts'
import { demo, files, logIn, open, readMail, uniqueEmail } from './support.ts'

test('sign up, verify, register an organisation, get verified, invite a colleague', async ({
  browser,
}) => {
  const ownerEmail = uniqueEmail('owner')
  const colleagueEmail = uniqueEmail('colleague')
  const orgName = `苏州测试新材料科技有限公司${Date.now() % 100000}`
  const uscc = makeUscc(Date.now() % 99_999_999, { regionCode: '320505' })

  const owner = await (await browser.newContext()).newPage()
  await open(owner, '/signup')
  await owner.getByLabel('姓名').fill('林一帆')
  await owner.getByLabel('邮箱').fill(ownerEmail)
  await owner.getByLabel('密码').fill('password123')
  await owner.getByRole('checkbox').check()
  await owner.getByRole('button', { name: '注册' }).click()
  // A common password is refused beside its field, and what was typed stays.
  await expect(owner.getByText('这是常见密码，容易被猜到，请换一个。')).toBeVisible()
  await expect(owner.getByLabel('邮箱')).toHaveValue(ownerEmail)
  await owner.getByLabel('密码').fill('steady-lathe-2049')
  await owner.getByRole('button', { name: '注册' }).click()
  await expect(owner).toHaveURL(/\/verify-email/)

  const mail = await readMail(await owner.context().newPage(), ownerEmail, /验证码/)
  const code = /(\d{8})/.exec(mail.text)?.[1] ?? ''
  expect(code).toMatch(/^\d{8}$/)
  await owner.getByLabel('验证码').fill(code)
  await owner.getByRole('button', { name: '验证', exact: true }).click()
  await expect(owner).toHaveURL(/\/dashboard/)
  await expect(owner.getByText('邮箱已验证')).toBeVisible()

  // Register the organisation: a wrong check digit first.
  await open(owner, '/orgs/new')
  await owner.getByLabel('机构类型').selectOption('startup')
  await owner.getByLabel('机构全称').fill(orgName)
  const wrong = uscc.slice(0, 17) + (uscc.endsWith('0') ? '1' : '0')
  await owner.getByLabel('统一社会信用代码').fill(wrong)
  await owner.getByLabel('所在城市').fill('苏州')
  await owner.getByLabel('前沿新材料').check()
  await owner.locator('input[name="license"]').setInputFiles(files.png)
  await owner.locator('input[name="letter"]').setInputFiles(files.pdf)
  await owner.getByRole('checkbox', { name: /单独同意/ }).check()
  await owner.getByRole('button', { name: '提交认证' }).click()
  await expect(owner.getByText('统一社会信用代码校验位不正确')).toBeVisible()
  await expect(owner.getByLabel('机构全称')).toHaveValue(orgName)

  await owner.getByLabel('统一社会信用代码').fill(uscc)
  await owner.locator('input[name="license"]').setInputFiles(files.png)
  await owner.locator('input[name="letter"]').setInputFiles(files.pdf)
  await owner.getByRole('button', { name: '提交认证' }).click()
  await expect(owner).toHaveURL(/\/orgs\/org-/)
  await expect(owner.getByText('待审核').first()).toBeVisible()
  const orgUrl = owner.url().split('?')[0] ?? ''

  // A platform verifier sees the documents beside the data and approves.
  const admin = await (await browser.newContext()).newPage()
  await logIn(admin, demo.admin)
  await open(admin, '/admin/orgs')
  await admin.getByRole('link', { name: orgName }).click()
  await expect(admin.getByText(uscc)).toBeVisible()
  await expect(admin.locator('img[src^="/uploads/"]')).toHaveCount(1)
  await admin.getByRole('button', { name: /^通过/ }).click()
  await expect(admin.getByText('已认证').first()).toBeVisible()

  await open(owner, orgUrl)
  await expect(owner.getByText('已认证').first()).toBeVisible()

  // Invite a colleague, who signs up and accepts.
  await owner.getByLabel('邮箱').fill(colleagueEmail)
  await owner.getByRole('button', { name: '发送邀请' }).click()
  await expect(owner.getByText('邀请已发送。')).toBeVisible()

  const colleague = await (await browser.newContext()).newPage()
  const invitation = await readMail(colleague, colleagueEmail, /邀请/)
  const link = /(\/invitations\/[a-z0-9]+)/.exec(invitation.text)?.[1] ?? ''
  expect(link).not.toBe('')
  await open(colleague, link)
  await colleague.getByRole('link', { name: '注册新账号' }).click()
  await colleague.waitForURL(/\/signup/)
  await colleague.waitForSelector('html[data-hydrated]')
  await colleague.getByLabel('姓名').fill('周同事')
  await colleague.getByLabel('邮箱').fill(colleagueEmail)
  await colleague.getByLabel('密码').fill('quiet-harbour-7731')
  await colleague.getByRole('checkbox').check()
  await colleague.getByRole('button', { name: '注册' }).click()
  const colleagueCode =
    /(\d{8})/.exec(
      (await readMail(await colleague.context().newPage(), colleagueEmail, /验证码/)).text,
    )?.[1] ?? ''
  await colleague.getByLabel('验证码').fill(colleagueCode)
  await colleague.getByRole('button', { name: '验证', exact: true }).click()
  await expect(colleague).toHaveURL(new RegExp(link))
  await colleague.getByRole('button', { name: '接受邀请' }).click()
  await expect(colleague.getByText('您已加入该机构。')).toBeVisible()
  await expect(colleague.getByRole('heading', { name: orgName })).toBeVisible()

  // The colleague acts for the organisation from the header switcher.
  await colleague.locator('summary', { hasText: '以个人身份' }).click()
  await colleague.getByRole('button', { name: orgName }).click()
  await expect(colleague.locator('summary', { hasText: orgName })).toBeVisible()

  // Switch language; the choice is remembered.
  await colleague.getByRole('button', { name: 'English' }).click()
  await expect(colleague.locator('html')).toHaveAttribute('lang', 'en')
  await expect(colleague.getByText('Members', { exact: true })).toBeVisible()
  await colleague.goto('/')
  await expect(colleague.getByRole('heading', { level: 1 })).toContainText(
    'Professional maker spaces',
  )

  // Log out.
  await colleague.locator('summary', { hasText: '周同事' }).click()
  await colleague.getByRole('button', { name: 'Log out' }).click()
  await expect(colleague.getByRole('link', { name: 'Log in' })).toBeVisible()
})

test('a burst of wrong passwords meets the rate limit', async ({ page }) => {
  await open(page, '/login')
  const statuses: number[] = []
  for (let i = 0; i < 7; i++) {
    await page.getByLabel('邮箱').fill('tangxin@demo.zhongchuang.cn')
    await page.getByLabel('密码').fill(`wrong-password-${i}`)
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: '登录' }).click(),
    ])
    statuses.push(response.status())
  }
  expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400])
  expect(statuses.slice(5)).toEqual([429, 429])
  await expect(page.getByText(/尝试次数过多/)).toBeVisible()
  // The e-mail typed stays in the form.
  await expect(page.getByLabel('邮箱')).toHaveValue('tangxin@demo.zhongchuang.cn')
})

test('a cross-site POST is refused', async ({ request, baseURL }) => {
  const crossSite = await request.post('/login', {
    headers: { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' },
    form: { email: demo.admin, password: 'x' },
    maxRedirects: 0,
  })
  expect(crossSite.status()).toBe(403)
  // A browser that sends no Fetch Metadata is judged by Origin.
  const foreignOrigin = await request.post('/logout', {
    headers: { Origin: 'https://evil.example' },
    maxRedirects: 0,
  })
  expect(foreignOrigin.status()).toBe(403)
  const sameSite = await request.post('/language', {
    headers: { 'Sec-Fetch-Site': 'same-origin', Origin: baseURL ?? '' },
    form: { lng: 'en', redirectTo: '/' },
    maxRedirects: 0,
  })
  expect(sameSite.status()).toBe(302)
})
