// A form's checks load when someone first uses the form, not with the page (ADR 0026): the page
// ships without zod; focusing a field loads the form's schema, after which a blocked submit is
// answered in the browser with no request. Until then, or when the download fails, the server
// checks and answers with the same messages.
import { expect, test, type Page } from '@playwright/test'
import { logIn, open } from './support.ts'

const schemaChunk = /\/assets\/accounts\.schema-[\w-]+\.js$/
// zod's own chunk (its classic `schemas` module) and Conform's adapter chunk.
const zodChunk = /\/assets\/(schemas|parse|coerce|v4)-[\w-]+\.js$/

function watch(page: Page) {
  const seen: string[] = []
  page.on('request', (r) => seen.push(`${r.method()} ${new URL(r.url()).pathname}`))
  return {
    fetched: (re: RegExp) => seen.filter((s) => s.startsWith('GET ') && re.test(s.slice(4))),
    posts: () => seen.filter((s) => s.startsWith('POST ')),
  }
}

const form = (page: Page) => page.locator('main form[method="post"]').first()
const email = (page: Page) => page.getByLabel('邮箱')
const submit = (page: Page) =>
  page.getByRole('main').getByRole('button', { name: '登录', exact: true })

test('the log-in form loads its checks on first use and then answers in the browser', async ({
  page,
}) => {
  const requests = watch(page)
  await open(page, '/login')
  expect(requests.fetched(schemaChunk)).toEqual([])
  expect(requests.fetched(zodChunk)).toEqual([])

  await email(page).focus()
  await expect(form(page)).toHaveAttribute('data-checks', 'browser')
  expect(requests.fetched(schemaChunk)).toHaveLength(1)

  await submit(page).click()
  await expect(page.getByText('请输入邮箱。')).toBeVisible()
  await email(page).fill('not-an-address')
  await submit(page).click()
  await expect(page.getByText('邮箱格式不正确。')).toBeVisible()
  await expect(email(page)).toHaveValue('not-an-address')
  expect(requests.posts()).toEqual([])
})

test('until the checks are loaded, the server checks with the same messages', async ({ page }) => {
  const requests = watch(page)
  // The schema's download fails (offline, or a deploy replaced the file).
  await page.route(schemaChunk, (route) => route.abort())
  await open(page, '/login')
  await email(page).fill('not-an-address')
  await submit(page).click()
  await expect(page.getByText('邮箱格式不正确。')).toBeVisible()
  await expect(email(page)).toHaveValue('not-an-address')
  expect(requests.posts().length).toBeGreaterThan(0)
  await expect(form(page)).not.toHaveAttribute('data-checks', 'browser')
})

test('a form that checks fields on blur sends nothing on blur before its checks arrive', async ({
  page,
}) => {
  // yangfan owns 秦川理工大学 and may list its instruments.
  await logIn(page, 'yangfan@demo.zhongchuang.cn')
  const requests = watch(page)
  const listingSchema = /\/assets\/listing-form\.schema-[\w-]+\.js$/
  await page.route(listingSchema, (route) => route.abort())
  await open(page, '/equipment/new')
  const name = page.getByLabel('设备名称')
  await name.fill('场发射扫描电镜')
  await name.press('Tab')
  await page.getByLabel('生产厂商').fill('')
  await page.getByLabel('生产厂商').press('Tab')
  expect(requests.posts()).toEqual([])
  expect(requests.fetched(listingSchema).length).toBeGreaterThan(0)

  // Once the download works, the next focus loads the checks and they run in the browser.
  await page.unroute(listingSchema)
  await name.fill('')
  await name.press('Tab')
  await name.focus()
  await expect(form(page)).toHaveAttribute('data-checks', 'browser')
  await page.getByRole('main').getByRole('button', { name: '保存草稿' }).click()
  await expect(page.getByText('请选择设备类别。')).toBeVisible()
  expect(requests.posts()).toEqual([])
})
