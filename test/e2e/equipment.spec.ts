// The equipment marketplace end to end, as its people do it in a browser: a lab lists an
// accredited SEM, a maker finds it, books, pays by transfer, gets the report and reviews it; a
// startup pays half with its innovation voucher and the lab submits the redemption packet; two
// makers race for the same slot of an instant-book printer and exactly one of them gets it.
import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test'
import { demo, DEMO_PASSWORD, files, logIn, open } from './support.ts'

const LAB_QINCHUAN = 'yangfan@demo.zhongchuang.cn' // owner of 秦川理工大学, a verified university
const LAB_JIANGNAN = 'liujianguo@demo.zhongchuang.cn' // owner of the Jiangnan institute (the SEM)
const FOUNDER = 'wanghaoran@demo.zhongchuang.cn' // owner of 苏州纳格新材料 (startup, ¥20,000 voucher)
const MAKER = demo.member // 林晓彤, a maker with no organisation
const OTHER_MAKER = demo.orgMember // 陈思远, acting for himself
const NANOGE = '苏州纳格新材料科技有限公司'
const JIANGNAN = '中国科学院江南先进材料研究所'
const VOUCHER_REF = 'SIP-CXQ-2026-0318'
const SCREENS = 'test-results/screens'

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await logIn(page, email)
  return page
}

/**
 * A weekday (Shanghai) at least `days` ahead. Each journey has its own range of days, moved a
 * week on per repetition, so no two bookings of a run ever want the same slot.
 */
function weekdayAhead(days: number, info: TestInfo): string {
  const from = days + 7 * (info.repeatEachIndex + info.retry)
  for (let d = from; ; d++) {
    const local = new Date(Date.now() + 8 * 3_600_000 + d * 86_400_000)
    const weekday = local.getUTCDay()
    if (weekday >= 1 && weekday <= 5) return local.toISOString().slice(0, 10)
  }
}

const bookingId = (page: Page) => new URL(page.url()).pathname.split('/').pop() ?? ''

/** The status pill beside the booking page's title. */
const statusPill = (page: Page, status: string) =>
  page.getByRole('heading', { level: 1 }).getByText(status, { exact: true })

/** Desktop and phone screenshots of the page as it is, and no sideways scrolling on the phone. */
async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `${SCREENS}/${name}-desktop.png`, fullPage: true })
  const size = page.viewportSize() ?? { width: 1280, height: 720 }
  await page.setViewportSize({ width: 390, height: 844 })
  await page.screenshot({ path: `${SCREENS}/${name}-phone.png`, fullPage: true })
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  )
  expect.soft(overflow, `${name} scrolls sideways on a phone`).toBeLessThanOrEqual(0)
  await page.setViewportSize(size)
}

/** The booking's price payment as its payer sees it: the reference to quote and the amount. */
async function paymentToQuote(page: Page): Promise<{ reference: string; paymentUrl: string }> {
  await page.getByRole('link', { name: '去付款' }).click()
  await expect(page).toHaveURL(/\/payments\/[0-9a-f-]{36}$/)
  await expect(page.getByText('对公转账付款')).toBeVisible()
  const reference = (await page.getByTestId('payment-reference').innerText()).trim()
  expect(reference).toMatch(/^ZC[2-9A-HJ-NP-Z]{8}$/)
  return { reference, paymentUrl: new URL(page.url()).pathname }
}

/** A finance admin confirms their password, then records the transfer that arrived. */
async function recordTransfer(browser: Browser, reference: string, yuan: string, payer: string) {
  const admin = await signedIn(browser, demo.admin)
  await open(
    admin,
    `/confirm-password?redirectTo=${encodeURIComponent('/admin/payments/transfers')}`,
  )
  await admin.getByLabel('密码').fill(DEMO_PASSWORD)
  await admin.getByRole('button', { name: '确认' }).click()
  await expect(admin).toHaveURL(/\/admin\/payments\/transfers$/)
  await expect(admin.getByRole('link', { name: '现在确认密码' })).toHaveCount(0)
  await admin.waitForSelector('html[data-hydrated]')
  await admin.getByLabel('付款识别码').fill(reference)
  await admin.getByLabel('到账金额（元）').fill(yuan)
  await admin.getByLabel('付款人户名').fill(payer)
  await admin.getByRole('button', { name: '登记到账' }).click()
  await expect(admin.getByText('已登记，款项已进入托管。')).toBeVisible()
  await expect(admin.getByRole('row').filter({ hasText: reference })).toContainText(`¥${yuan}`)
  await admin.context().close()
}

test('a lab lists an accredited SEM; a maker finds, books, pays, gets the report and reviews it', async ({
  browser,
}, testInfo) => {
  test.setTimeout(180_000)
  const tag = `QC${Date.now().toString(36).slice(-5).toUpperCase()}`
  const name = `场发射扫描电镜 ${tag}`
  const day = weekdayAhead(30, testInfo)

  // The university's lab manager lists the instrument: a draft first, then published.
  const lab = await signedIn(browser, LAB_QINCHUAN)
  await open(lab, '/equipment/new')
  await expect(lab.getByText('以 秦川理工大学 的名义发布')).toBeVisible()
  await lab.getByLabel('设备名称').fill(name)
  await lab.getByLabel('设备类别').selectOption({ label: '检验检测' })
  await lab.getByRole('checkbox', { name: '操作员代为操作' }).check()
  await lab.getByLabel('生产厂商').fill('日立 Hitachi')
  await lab.getByLabel('型号', { exact: true }).fill('Regulus 8230')
  await lab.locator('input[name="segments"][value="3.6"]').check()
  await lab.locator('input[name="specs[0].key"]').fill('分辨率')
  await lab.locator('input[name="specs[0].value"]').fill('0.8（15 kV）')
  await lab.locator('input[name="specs[0].unit"]').fill('nm')
  await lab.getByLabel('城市').fill('西安')
  await lab.getByLabel('详细地址').fill('西安市雁塔区秦川理工大学分析测试中心 1 楼 105 室')
  await lab.getByLabel('CNAS 证书编号').fill('CNAS L15432')
  await lab.getByLabel('CNAS 有效期至').fill('2030-06-30')
  await lab.getByLabel('每小时（元）').fill('400')
  await lab.getByLabel('最少预约（小时）').fill('1')
  await lab.getByLabel('最多预约（小时）').fill('4')
  await lab.getByRole('radio', { name: /预约需确认/ }).check()
  await lab.getByRole('button', { name: '保存草稿' }).click()
  await expect(lab.getByText('草稿已保存。')).toBeVisible()
  await expect(lab).toHaveURL(/\/equipment\/[^/]+\/edit\?done=created$/)
  await lab.getByRole('button', { name: '发布' }).click()
  await expect(lab.getByText('设备已发布，可以被预约了。')).toBeVisible()
  const listingUrl = new URL(lab.url()).pathname.replace(/\/edit$/, '')

  // A maker searches for 电镜; the index catches up a moment after publishing.
  const maker = await signedIn(browser, MAKER)
  await expect(async () => {
    await open(maker, `/equipment?q=${encodeURIComponent('电镜')}`)
    await expect(maker.getByRole('link', { name })).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 45_000, intervals: [500, 1_000, 2_000] })
  await maker.getByRole('link', { name }).click()
  await expect(maker).toHaveURL(listingUrl)
  await expect(maker.getByRole('heading', { level: 1, name })).toBeVisible()
  await expect(maker.getByText('CMA/CNAS 认证').first()).toBeVisible()
  await expect(maker.getByText('暂无评分')).toBeVisible()

  // Two hours run by the lab's operator.
  await maker.getByRole('link', { name: '预约使用' }).click()
  await expect(maker).toHaveURL(/\/book$/)
  await maker.waitForSelector('html[data-hydrated]')
  await maker.getByLabel('日期', { exact: true }).fill(day)
  await maker.getByLabel('开始时间（北京时间）').fill('10:00')
  await maker.getByLabel('时长').selectOption('2')
  await maker.getByLabel('用途').fill('锂电正极材料颗粒形貌观察，需 5 万倍以上二次电子像')
  const quote = maker
    .locator('section')
    .filter({ has: maker.getByRole('heading', { name: '报价', exact: true }) })
    .first()
  await expect(quote.getByText('按小时 · 2 小时')).toBeVisible()
  await expect(quote.getByText('¥800.00').first()).toBeVisible()
  await expect(quote.getByText('设备方确认后才需付款；报价以确认时为准。')).toBeVisible()
  await maker.getByRole('button', { name: '提交预约' }).click()
  await expect(maker).toHaveURL(/\/bookings\/[0-9a-f-]{36}$/)
  await expect(statusPill(maker, '待设备方确认')).toBeVisible()
  const id = bookingId(maker)
  const bookingUrl = `/bookings/${id}`

  // The lab approves; checkout opens for the maker.
  await open(lab, bookingUrl)
  await expect(lab.getByText('您是该设备的管理方。')).toBeVisible()
  await expect(lab.getByRole('definition').getByText('林晓彤', { exact: true })).toBeVisible()
  await lab.getByRole('button', { name: '批准' }).click()
  await expect(statusPill(lab, '待付款')).toBeVisible()

  // The maker pays by bank transfer, quoting the payment's reference.
  await open(maker, bookingUrl)
  await expect(statusPill(maker, '待付款')).toBeVisible()
  await expect(maker.getByRole('row', { name: /应付合计/ })).toContainText('¥800.00')
  await shoot(maker, 'equipment-booking-booker-awaiting')
  const { reference, paymentUrl } = await paymentToQuote(maker)
  await recordTransfer(browser, reference, '800.00', '林晓彤')
  await open(maker, paymentUrl)
  await expect(maker.getByText('对公转账付款')).toHaveCount(0)
  await open(maker, bookingUrl)
  await expect(statusPill(maker, '已付款')).toBeVisible()

  // The lab runs it, uploads the report and completes the booking.
  await open(lab, bookingUrl)
  await expect(statusPill(lab, '已付款')).toBeVisible()
  await lab.getByRole('button', { name: '开始使用 / 已收样' }).click()
  await expect(statusPill(lab, '使用中')).toBeVisible()
  await lab
    .getByLabel('上传检测报告（PDF）')
    .setInputFiles({ ...files.pdf, name: `检测报告-${tag}.pdf` })
  await lab.getByRole('button', { name: '上传', exact: true }).click()
  await expect(lab.getByRole('link', { name: `下载 检测报告-${tag}.pdf` })).toBeVisible()
  await lab.getByRole('button', { name: '标记为已完成' }).click()
  await expect(statusPill(lab, '已完成')).toBeVisible()
  await shoot(lab, 'equipment-booking-owner-completed')

  // The maker downloads the report; someone else gets nothing, not even that it exists.
  await open(maker, bookingUrl)
  await expect(statusPill(maker, '已完成')).toBeVisible()
  const reportHref =
    (await maker.getByRole('link', { name: `下载 检测报告-${tag}.pdf` }).getAttribute('href')) ?? ''
  expect(reportHref).toMatch(/^\/uploads\/[0-9a-f-]{36}$/)
  const report = await maker.request.get(reportHref)
  expect(report.status()).toBe(200)
  expect(report.headers()['content-type']).toBe('application/pdf')
  expect((await report.body()).subarray(0, 5).toString()).toBe('%PDF-')
  const stranger = await signedIn(browser, OTHER_MAKER)
  expect((await stranger.request.get(reportHref)).status()).toBe(404)
  expect((await stranger.goto(bookingUrl))?.status()).toBe(404)

  // Five stars.
  await maker.locator('label', { hasText: '5 星' }).click()
  await maker.getByLabel('评价内容（可选）').fill('操作员很专业，图像清晰，报告当天就出来了。')
  await maker.getByRole('button', { name: '提交评价' }).click()
  await expect(statusPill(maker, '已评价')).toBeVisible()
  await expect(maker.getByRole('heading', { name: '您的评价' })).toBeVisible()
  await expect(maker.getByLabel('5 星', { exact: true })).toBeVisible()
  await shoot(maker, 'equipment-booking-booker-reviewed')

  // The listing shows its rating to everyone.
  await open(stranger, listingUrl)
  await expect(stranger.getByText('5.0 分')).toBeVisible()
  await expect(stranger.getByRole('link', { name: '1 条评价' })).toBeVisible()
  await expect(stranger.getByText('操作员很专业，图像清晰，报告当天就出来了。')).toBeVisible()
})

test('a startup pays half with its innovation voucher; the lab submits the redemption packet', async ({
  browser,
}, testInfo) => {
  test.setTimeout(180_000)
  const day = weekdayAhead(37, testInfo)

  // 王浩然 acts for his startup: vouchers are granted to organisations.
  const founder = await signedIn(browser, FOUNDER)
  await open(founder, '/equipment/cas-jiangnan-fe-sem/book')
  await expect(
    founder.getByText('创新券发放给机构。若要使用，请切换为以您的机构身份预约。'),
  ).toBeVisible()
  await founder.locator('summary', { hasText: '以个人身份' }).click()
  await founder.getByRole('button', { name: NANOGE }).click()
  await expect(founder.locator('summary', { hasText: NANOGE })).toBeVisible()
  await expect(founder).toHaveURL(/\/equipment\/cas-jiangnan-fe-sem\/book$/)
  await founder.waitForSelector('html[data-hydrated]')

  await founder.getByRole('radio', { name: /操作员代为操作/ }).check()
  await founder.getByLabel('日期', { exact: true }).fill(day)
  await founder.getByLabel('开始时间（北京时间）').fill('09:00')
  await founder.getByLabel('时长').selectOption('2')
  await founder.getByLabel('用途').fill('纳米陶瓷涂层隔膜截面形貌及 EDS 元素分布')
  const quote = founder
    .locator('section')
    .filter({ has: founder.getByRole('heading', { name: '报价', exact: true }) })
    .last()
  // A member of the institute's space: the member price, ¥380 an hour.
  await expect(quote.getByText('已按会员价计算（贵方是该空间的入驻成员）')).toBeVisible()
  await expect(quote.getByRole('definition').filter({ hasText: '¥760.00' }).first()).toBeVisible()

  // Half of it from the voucher.
  const voucherSelect = founder.getByLabel('使用创新券')
  const option = voucherSelect.locator('option', { hasText: VOUCHER_REF })
  await voucherSelect.selectOption((await option.getAttribute('value')) ?? '')
  await founder.getByLabel('抵扣金额（元）').fill('380')
  const voucherLine = quote.locator('div', { hasText: '创新券抵扣' }).last()
  await expect(voucherLine).toContainText('−¥380.00')
  const payNow = quote.locator('div', { hasText: '现在支付' }).last()
  await expect(payNow).toContainText('¥380.00')
  await founder.screenshot({
    path: `${SCREENS}/equipment-voucher-form-desktop.png`,
    fullPage: true,
  })
  await founder.getByRole('button', { name: '提交预约' }).click()
  await expect(founder).toHaveURL(/\/bookings\/[0-9a-f-]{36}$/)
  await expect(statusPill(founder, '待设备方确认')).toBeVisible()
  await expect(founder.getByText(`王浩然（代表 ${NANOGE}）`)).toBeVisible()
  const id = bookingId(founder)
  const bookingUrl = `/bookings/${id}`

  // The institute hears of the request in its notifications, opens it and approves.
  const lab = await signedIn(browser, LAB_JIANGNAN)
  const requested = lab
    .getByRole('link', { name: /^场发射扫描电子显微镜 收到新的预约申请/ })
    .first()
  await expect(async () => {
    await open(lab, '/notifications')
    await expect(requested).toBeVisible({ timeout: 1_000 })
  }).toPass({ timeout: 20_000 })
  await requested.click()
  await expect(lab).toHaveURL(bookingUrl)
  await lab.getByRole('button', { name: '批准' }).click()
  await expect(statusPill(lab, '待付款')).toBeVisible()

  // The startup pays the rest by transfer.
  await open(founder, bookingUrl)
  await expect(founder.getByRole('row', { name: /创新券抵扣/ })).toContainText('¥380.00')
  await expect(founder.getByRole('row', { name: /应付合计/ })).toContainText('¥380.00')
  await shoot(founder, 'equipment-voucher-booking-booker')
  const { reference } = await paymentToQuote(founder)
  await recordTransfer(browser, reference, '380.00', NANOGE)
  await open(founder, bookingUrl)
  await expect(statusPill(founder, '已付款')).toBeVisible()

  // The institute runs and completes it.
  await open(lab, bookingUrl)
  await lab.getByRole('button', { name: '开始使用 / 已收样' }).click()
  await expect(statusPill(lab, '使用中')).toBeVisible()
  await lab.getByRole('button', { name: '标记为已完成' }).click()
  await expect(statusPill(lab, '已完成')).toBeVisible()
  await shoot(lab, 'equipment-voucher-booking-owner')

  // The provider submits the redemption and downloads the packet.
  await open(lab, '/equipment/vouchers')
  const row = lab.getByRole('row').filter({ has: lab.locator(`a[href="${bookingUrl}"]`) })
  await expect(row).toContainText(NANOGE)
  await expect(row).toContainText('¥380.00')
  await expect(row).toContainText('可提交')
  await row.getByRole('button', { name: '提交兑付' }).click()
  await expect(lab.getByText('兑付申请已提交。请下载兑付材料，盖章后报送发券机构。')).toBeVisible()
  const submitted = lab.getByRole('row').filter({ has: lab.locator(`a[href="${bookingUrl}"]`) })
  await expect(submitted).toContainText('待审核')

  const pdf = await lab.request.get(`${bookingUrl}/packet.pdf`)
  expect(pdf.status()).toBe(200)
  expect(pdf.headers()['content-type']).toBe('application/pdf')
  const body = await pdf.body()
  expect(body.subarray(0, 5).toString()).toBe('%PDF-')
  expect(body.length).toBeGreaterThan(5_000)
  // The booker is not the provider: the packet is not theirs to see.
  expect((await founder.request.get(`${bookingUrl}/packet.pdf`)).status()).toBe(404)

  await submitted.getByRole('link', { name: '兑付材料' }).click()
  await expect(lab).toHaveURL(`${bookingUrl}/packet`)
  const sheet = lab.locator('article')
  await expect(sheet.getByRole('heading', { level: 1 })).toBeVisible()
  await expect(sheet).toContainText(NANOGE)
  await expect(sheet).toContainText(JIANGNAN)
  await expect(sheet).toContainText(VOUCHER_REF)
  await expect(sheet).toContainText('¥380.00')
  await shoot(lab, 'equipment-voucher-packet')

  // The lab manager reads the rest of the news, leaving the shared demo account as found.
  await expect(async () => {
    await open(lab, '/notifications')
    const readAll = lab.getByRole('button', { name: '全部标为已读' })
    if (await readAll.isVisible()) await readAll.click()
    await expect(lab.getByRole('link', { name: /通知（\d+ 条未读）/ })).toHaveCount(0, {
      timeout: 1_000,
    })
  }).toPass({ timeout: 20_000 })
})

test('two makers submit the same instant-book slot at once: one books it, the other is offered the next', async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000)
  const day = weekdayAhead(44, testInfo)
  const PRINTER = '/equipment/qiheng-sla-3d-printer/book'
  const purposes = ['打印机械臂关节外壳样件 A', '打印微流控夹具样件 B']

  const pages = await Promise.all([signedIn(browser, MAKER), signedIn(browser, OTHER_MAKER)])
  for (const [i, page] of pages.entries()) {
    await open(page, PRINTER)
    await page.getByLabel('日期', { exact: true }).fill(day)
    await page.getByLabel('开始时间（北京时间）').fill('10:00')
    await page.getByLabel('时长').selectOption('2')
    await page.getByLabel('用途').fill(purposes[i] ?? '')
    await expect(page.getByText('按小时 · 2 小时')).toBeVisible()
    await expect(page.getByText(/所选时段/)).toHaveCount(0)
  }

  // Both press the button at the same moment.
  await Promise.all(pages.map((p) => p.getByRole('button', { name: '预约并付款' }).click()))
  const booked = /\/bookings\/[0-9a-f-]{36}$/
  const taken = '这个时段刚刚被别人预约了。'
  await expect
    .poll(
      async () =>
        (
          await Promise.all(
            pages.map(async (p) =>
              booked.test(p.url()) ? 'booked' : (await p.getByText(taken).count()) ? 'taken' : '',
            ),
          )
        )
          .sort()
          .join(','),
      { timeout: 20_000 },
    )
    .toBe('booked,taken')

  const winner = booked.test(pages[0]?.url() ?? '') ? 0 : 1
  const loser = pages[1 - winner] as Page
  const winnerPage = pages[winner] as Page
  await expect(statusPill(winnerPage, '待付款')).toBeVisible()
  await expect(winnerPage.getByText(purposes[winner] ?? '')).toBeVisible()

  // The other keeps everything typed and is offered free starts to book instead.
  await expect(loser).toHaveURL(/\/book(\?.*)?$/)
  await expect(loser.getByText('您填写的内容都已保留。可直接改约以下空闲时段：')).toBeVisible()
  const offers = loser.getByRole('button', { name: /^改约 / })
  await expect(offers.first()).toBeVisible()
  await expect(loser.getByLabel('用途')).toHaveValue(purposes[1 - winner] ?? '')
  await expect(loser.getByLabel('日期', { exact: true })).toHaveValue(day)
  await expect(loser.getByLabel('开始时间（北京时间）')).toHaveValue('10:00')
  await shoot(loser, 'equipment-race-conflict')

  // Taking the first offer books it, with the purpose kept.
  await offers.first().click()
  await expect(loser).toHaveURL(booked)
  await expect(statusPill(loser, '待付款')).toBeVisible()
  await expect(loser.getByText(purposes[1 - winner] ?? '')).toBeVisible()
})
