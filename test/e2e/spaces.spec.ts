// A space as its operator runs it, end to end in a browser: the operator admits a startup,
// schedules a roadshow with the startup presenting and two angels invited, both angels register,
// the roadshow takes place (its start is moved into the past in the database: e2e runs on real
// time), the operator checks both in by their codes and marks it held, and the dashboard and its
// CSV show the event, the registrations, the attendance and the startup served this month.
import { expect, test } from '@playwright/test'
import { beijing, database, shoot, shootBoth, signedIn } from './journey.ts'
import { demo, open } from './support.ts'

const SPACE = 'nanshan-ai-robotics'
const OPERATOR = demo.orgAdmin // 马骏, owner of the organisation that runs the space
const STARTUP_SLUG = 'chengxi-bio'
const STARTUP = '杭州澄析生物科技有限公司'
const ANGEL = 'zhengkai@demo.zhongchuang.cn' // 郑凯
const SECOND = 'wuting@demo.zhongchuang.cn' // 吴婷
const TITLE = '南山春季路演：医疗机器人与智能检测专场'

/** This month in Beijing as the dashboard's tables and CSV label it. */
const thisMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7)

test('an operator admits a startup, runs a roadshow two angels attend, and the figures show it', async ({
  browser,
}) => {
  test.setTimeout(300_000)
  const sql = database()
  const operator = await signedIn(browser, OPERATOR)

  // The figures before: this month's events held, registrations and attendance.
  const before = await monthRow(operator)

  // Admit the startup at the incubator stage, today.
  await open(operator, `/spaces/${SPACE}/members`)
  await operator.getByLabel('成员', { exact: true }).fill(STARTUP_SLUG)
  await operator.getByLabel('入驻阶段').selectOption({ label: '孵化器' })
  await operator.getByRole('button', { name: '接纳入驻' }).click()
  await expect(operator.getByText('已接纳新成员。')).toBeVisible()
  await expect(
    operator.locator('section', { hasText: '孵化器' }).getByText(STARTUP).first(),
  ).toBeVisible()

  // Schedule the roadshow three days ahead and publish it.
  await open(operator, `/spaces/${SPACE}/events`)
  await operator.locator('summary', { hasText: '发起活动' }).click()
  await operator.getByLabel('活动类型').selectOption({ label: '路演' })
  await operator.getByLabel('活动名称').fill(TITLE)
  await operator.getByLabel('一句话简介').fill('三家在孵企业面向天使投资人的项目路演')
  await operator.getByLabel('开始时间').fill(beijing(3))
  await operator.getByLabel('结束时间').fill(beijing(3.1))
  await operator.getByLabel('地点', { exact: true }).fill('南山智创园 A 座一楼路演厅')
  await operator.getByLabel('名额').fill('30')
  await operator.getByRole('button', { name: '发布并开放报名' }).click()
  await expect(operator.getByText('活动已发布，开放报名。')).toBeVisible()
  const eventId = await eventIdOf(operator)

  // The new member presents; both angels are invited.
  await open(operator, `/events/${eventId}/manage`)
  await operator.getByLabel('路演企业').selectOption({ label: STARTUP })
  await operator.getByRole('button', { name: '加入路演名单' }).click()
  await expect(operator.getByText('已加入路演名单，并通知了该企业。')).toBeVisible()
  for (const name of ['郑凯', '吴婷']) {
    await operator.getByLabel('按名称查找已认证的投资人').fill(name)
    await operator.getByRole('button', { name: '查找', exact: true }).click()
    await operator
      .locator('li', { hasText: name })
      .getByRole('button', { name: '邀请', exact: true })
      .first()
      .click()
    await expect(operator.getByText('邀请已发出。')).toBeVisible()
  }
  await shootBoth(operator, 'space-event-manage')

  // Each angel finds the invitation in the inbox and registers; each gets a check-in code.
  const codes: string[] = []
  for (const email of [ANGEL, SECOND]) {
    const angel = await signedIn(browser, email)
    await open(angel, '/notifications')
    await angel
      .getByRole('link', { name: new RegExp(TITLE.slice(0, 6)) })
      .first()
      .click()
    await angel.waitForSelector('html[data-hydrated]')
    await expect(angel.getByText('您已受邀参加本场路演。')).toBeVisible()
    await expect(angel.getByText(STARTUP)).toBeVisible()
    await angel.getByRole('button', { name: '立即报名' }).click()
    await expect(angel.getByText(/报名成功/)).toBeVisible()
    const code = (await angel.getByTestId('check-in-code').innerText()).trim()
    expect(code).toMatch(/^[0-9A-Z]{6}$/)
    codes.push(code)
    if (email === ANGEL) await shootBoth(angel, 'space-event-registered')
    await angel.context().close()
  }

  // The day comes: the roadshow starts and ends (moved into the past in the database).
  await sql`update space_events set starts_at = now() - interval '3 hours',
    ends_at = now() - interval '1 hour' where id = ${eventId}`

  // The operator checks both angels in by the codes they show at the door, then closes it.
  await open(operator, `/events/${eventId}/manage`)
  for (const code of codes) {
    await operator.getByLabel('签到码').fill(code.toLowerCase())
    await operator.getByRole('button', { name: '签到', exact: true }).first().click()
    await expect(operator.getByText('签到成功。')).toBeVisible()
  }
  await expect(operator.getByText(/已签到 2/)).toBeVisible()
  await operator.getByRole('button', { name: '标记为已举办' }).click()
  await expect(operator.getByText('活动已标记为已举办。')).toBeVisible()

  // The dashboard: one more event held this month, two more registrations and attendances,
  // and the startup among those served.
  const after = await monthRow(operator)
  expect(after.eventsHeld).toBe(before.eventsHeld + 1)
  expect(after.registrations).toBe(before.registrations + 2)
  expect(after.attendance).toBe(before.attendance + 2)
  await shootBoth(operator, 'space-dashboard')

  // The CSV of the events figures says the same, with Chinese intact and a BOM for Excel.
  const csv = await operator.request.get(
    `/spaces/${SPACE}/dashboard.csv?figure=all&from=${thisMonth()}&to=${thisMonth()}`,
  )
  expect(csv.status()).toBe(200)
  expect(csv.headers()['content-type']).toContain('text/csv')
  const bytes = await csv.body()
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const lines = bytes.toString('utf8').slice(1).split('\r\n')
  const cell = (figure: string) =>
    lines.find((l) => l.startsWith(thisMonth()) && l.includes(figure))?.split(',')
  expect(cell('举办活动场次')).toContain(String(after.eventsHeld))
  expect(cell('活动签到人次')).toContain(String(after.attendance))
  expect(cell('服务初创企业数')).toBeTruthy()

  // The public space page shows the startup among its members and the headline figures.
  await open(operator, `/spaces/${SPACE}`)
  await expect(operator.getByRole('heading', { name: /年运行数据/ })).toBeVisible()
  await expect(operator.getByText(STARTUP).first()).toBeVisible()
  await shoot(operator, 'space-page-zh')
  await sql.end()
})

/** The id of the event whose page the operator was sent to, or whose link the page shows. */
async function eventIdOf(page: import('@playwright/test').Page): Promise<string> {
  const fromUrl = /\/events\/([0-9a-f-]{36})/.exec(page.url())?.[1]
  if (fromUrl) return fromUrl
  const href = await page.getByRole('link', { name: TITLE }).first().getAttribute('href')
  const id = /\/events\/([0-9a-f-]{36})/.exec(href ?? '')?.[1]
  if (!id) throw new Error('no event link')
  return id
}

/** This month's numbers in the events table on the dashboard, read as a user reads them. */
async function monthRow(page: import('@playwright/test').Page) {
  await open(page, `/spaces/${SPACE}/dashboard`)
  const table = page.getByRole('table', { name: '活动与创业辅导：逐月数字' })
  const headers = (await table.locator('thead th').allInnerTexts()).map((h) => h.trim())
  const row = table.locator('tbody tr', { has: page.locator('th', { hasText: thisMonth() }) })
  const cells = await row.locator('th, td').allInnerTexts()
  const value = (name: string) => Number((cells[headers.indexOf(name)] ?? '').replace(/,/g, ''))
  return {
    eventsHeld: value('举办活动场次'),
    registrations: value('活动报名人次'),
    attendance: value('活动签到人次'),
  }
}
