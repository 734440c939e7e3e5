// Equity crowdfunding end to end, as its people do it in a browser: a startup creates and
// publishes a campaign; two qualified investors accept the NDA, read the terms and commit, paying
// now by bank transfer (the e2e deployment runs on the custody bank; saved cards charged at the
// deadline are covered against the Stripe test server in campaign-outcomes.test.ts); one
// cancels within the cooling-off window; the deadline passes with the target met; the startup
// uploads the signed agreement and the registration change; an admin verifies them; the startup
// is paid less the fee and the investor's holding is recorded. Key pages are looked at in both
// languages, on a desktop and on a phone.
import { expect, test } from '@playwright/test'
import { beijing, database, recordTransfer, shoot, shootBoth, signedIn } from './journey.ts'
import { demo, files, open } from './support.ts'

const FOUNDER = 'tangxin@demo.zhongchuang.cn' // owner of 深圳微构机器人 (weigou-robotics)
const STARTUP = '深圳微构机器人科技有限公司'
const ANGEL = 'zhengkai@demo.zhongchuang.cn' // 郑凯, a qualified angel
const SECOND = 'wuting@demo.zhongchuang.cn' // 吴婷, a qualified angel
const CHECKER = 'songwei@demo.zhongchuang.cn' // made a second finance admin for maker-checker
const TITLE = '微构机器人种子轮：力控末端执行器小批量试产'

test('a startup raises: commitments, a cancellation, the deadline, closing documents and the payout', async ({
  browser,
}) => {
  test.setTimeout(360_000)
  const sql = database()
  // Transfers above ¥10,000 need a second finance admin: the demo has one admin, so another
  // person is given the finance role for this journey.
  await sql`insert into platform_admins (user_id, roles, created_at)
    select id, '{finance}', now() from users where email = ${CHECKER}
    on conflict (user_id) do update set roles = excluded.roles`

  // The founder acts for the startup and creates the campaign.
  const founder = await signedIn(browser, FOUNDER)
  await founder.locator('summary', { hasText: '以个人身份' }).click()
  await founder.getByRole('button', { name: new RegExp(STARTUP.slice(0, 6)) }).click()
  await expect(founder.locator('summary', { hasText: STARTUP.slice(0, 6) })).toBeVisible()
  await open(founder, '/campaigns/new')
  await founder.getByLabel('项目名称').fill(TITLE)
  await founder
    .getByLabel('一句话介绍')
    .fill('把柔性协作机械臂的力控末端执行器推向两家 3C 装配厂小批量试产')
  await founder.getByLabel('融资目标（元）').fill('200000')
  await founder.getByLabel('超募上限（元）').fill('400000')
  await founder.getByLabel('最低认投额（元）').fill('50000')
  await founder.getByLabel('可接受的最低融资额（元）').fill('150000')
  await founder.getByLabel('投前估值（元）').fill('18000000')
  await expect(founder.getByText('1.10%').first()).toBeVisible()
  await founder.getByLabel('证券类型').selectOption({ label: '普通股权' })
  await founder.getByLabel('投资方式').selectOption({ label: '直接持股' })
  await founder.getByLabel('截止时间（北京时间）').fill(beijing(30))
  await founder
    .getByLabel('资金用途')
    .fill('小批量试产物料 50%，两家客户的现场验证 30%，研发 20%。')
  await founder
    .getByLabel('风险揭示')
    .fill('早期硬件项目，试产良率和客户验证都可能不及预期，投资可能全部损失；股权流动性差。')
  await founder.getByRole('button', { name: '保存草稿' }).click()
  await expect(founder.getByText('草稿已保存。确认无误后即可发布。')).toBeVisible()
  const slug = new URL(founder.url()).pathname.split('/')[2] ?? ''
  await founder.getByRole('button', { name: '发布融资' }).click()
  await expect(founder.getByText('融资已发布，合格投资者现在可以看到并认投。')).toBeVisible()
  await shootBoth(founder, 'deals-manage-published')

  // A visitor sees the teaser only.
  const visitor = await (await browser.newContext()).newPage()
  await open(visitor, `/campaigns/${slug}`)
  await expect(visitor.getByRole('heading', { name: TITLE })).toBeVisible()
  await expect(visitor.getByText('融资条款仅向合格投资者展示')).toBeVisible()
  await expect(visitor.getByText('¥1,800万')).toHaveCount(0)
  await shoot(visitor, 'deals-teaser-visitor')
  await visitor.context().close()

  // Two qualified investors accept the NDA, read the terms and commit, paying now.
  const references: Record<string, string> = {}
  for (const [email, amount] of [
    [ANGEL, '200000'],
    [SECOND, '100000'],
  ] as const) {
    const investor = await signedIn(browser, email)
    await open(investor, `/campaigns/${slug}`)
    await investor.getByRole('button', { name: '我已阅读并接受保密协议' }).click()
    await expect(investor.getByRole('heading', { name: '融资条款' })).toBeVisible()
    await expect(investor.getByText('¥1,800万').first()).toBeVisible()
    if (email === ANGEL) await shootBoth(investor, 'deals-campaign-terms')
    await investor.getByRole('link', { name: '认投', exact: true }).click()
    await investor.getByLabel('认投金额（元）').fill(amount)
    await investor.getByLabel('立即支付').check()
    await investor.getByText(/我已阅读并理解上述风险揭示/).click()
    await investor.getByText(/我同意当前版本（第 1 版）的融资条款/).click()
    if (email === ANGEL) await shoot(investor, 'deals-commit')
    await investor.getByRole('button', { name: '确认认投' }).click()
    await expect(investor).toHaveURL(/\/payments\//)
    references[email] = (await investor.getByTestId('payment-reference').innerText()).trim()
    await investor.context().close()
  }

  // 吴婷 changes her mind within the cooling-off window.
  const second = await signedIn(browser, SECOND)
  await open(second, '/investments')
  await second.getByRole('link', { name: TITLE }).first().click()
  await expect(second.getByText(/冷静期内可随时取消/)).toBeVisible()
  await shoot(second, 'deals-commitment-pending')
  second.once('dialog', (d) => void d.accept())
  await second.getByRole('button', { name: '取消认投' }).click()
  await expect(second.getByText('已取消认投。如已付款，将全额退回。')).toBeVisible()
  await second.context().close()

  // 郑凯's transfer arrives; finance records it and a second finance admin checks it.
  await recordTransfer(browser, {
    reference: references[ANGEL] ?? '',
    yuan: '200000.00',
    payer: '郑凯',
    approver: CHECKER,
  })
  const angel = await signedIn(browser, ANGEL)
  await open(angel, '/investments')
  await expect(angel.getByText('已认投', { exact: true }).first()).toBeVisible()

  // The deadline passes (the campaign's deadline and its timer are moved into the past); the
  // worker's timer sweep runs every minute.
  await sql`update campaigns set deadline = now() - interval '1 minute' where slug = ${slug}`
  await sql`update timers set due_at = now() - interval '1 minute'
    where kind = 'campaign.deadline' and fired_at is null and cancelled_at is null
      and subject_id = (select id::text from campaigns where slug = ${slug})`
  await expect(async () => {
    await open(founder, `/campaigns/${slug}/closing`)
    await expect(founder.getByText('上传交割材料')).toBeVisible({ timeout: 1000 })
  }).toPass({ timeout: 150_000, intervals: [5000] })

  // The founder uploads the signed agreement and the registration change.
  await founder.getByLabel('投资协议（签署版）').setInputFiles(files.pdf)
  await founder.getByLabel('工商变更登记材料').setInputFiles(files.pdf)
  await founder.getByRole('button', { name: '提交核验' }).click()
  await expect(founder.getByText('材料已提交，等待平台核验。').first()).toBeVisible()
  await shootBoth(founder, 'deals-closing-submitted')

  // An admin opens the documents and verifies them: the startup is paid, the holding recorded.
  const admin = await signedIn(browser, demo.admin)
  await open(admin, '/admin/campaigns')
  const row = admin.locator('li, tr, section').filter({ hasText: TITLE }).first()
  await expect(row).toBeVisible()
  await shoot(admin, 'deals-admin-campaigns')
  admin.once('dialog', (d) => void d.accept())
  await row.getByRole('button', { name: '核验通过，划付并登记持股' }).click()
  await expect(admin.getByText('已完成交割：款项已划付，持股已登记。')).toBeVisible()

  await open(founder, `/campaigns/${slug}/closing`)
  await expect(founder.getByText('交割完成，款项已划付，投资人持股已登记。')).toBeVisible()
  // 3 % of ¥200,000 stays with the platform: ¥194,000 goes to the startup.
  await open(founder, '/finance')
  await expect(founder.getByText('¥194,000.00').first()).toBeVisible()
  await shoot(founder, 'deals-finance-paid')

  await open(angel, '/investments')
  await expect(angel.getByText(STARTUP).first()).toBeVisible()
  await expect(angel.getByText('1.0989%').first()).toBeVisible()
  await shootBoth(angel, 'deals-investments-holding')
  await sql.end()
})
