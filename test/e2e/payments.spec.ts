// Custody mode end to end: the payer is shown the custody account and a reference, pays by
// transfer, a finance admin's statement import matches the transfer, the payment is held in
// escrow for the payee to see, and the payer's 发票 request is issued by the payee's lab.
import { expect, test, type Browser, type Page } from '@playwright/test'
import { demo, files, logIn, open } from './support.ts'

const LAB = 'liujianguo@demo.zhongchuang.cn' // owner of the Jiangnan institute, the payee
const ORDER = '扫描电镜形貌表征（氧化铝陶瓷基板）'

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await logIn(page, email)
  return page
}

test('pay by transfer, matched by a statement import, seen by the payee, invoiced', async ({
  browser,
}) => {
  // The payer: what is owed, where to send it, and the reference to quote.
  const maker = await signedIn(browser, demo.member)
  await open(maker, '/payments')
  await maker.getByRole('link', { name: ORDER }).click()
  await expect(maker.getByRole('heading', { name: ORDER })).toBeVisible()
  await expect(maker.getByText('对公转账付款')).toBeVisible()
  await expect(maker.getByText('待付款', { exact: true })).toBeVisible()
  const reference = (await maker.getByTestId('payment-reference').innerText()).trim()
  expect(reference).toMatch(/^ZC[2-9A-HJ-NP-Z]{8}$/)
  await expect(maker.getByRole('cell', { name: '¥1,560.00' })).toBeVisible()
  const paymentUrl = new URL(maker.url()).pathname
  await maker.screenshot({ path: 'test-results/screens/payment-bank-zh.png', fullPage: true })

  // The custody bank's statement, as a finance admin imports it.
  const admin = await signedIn(browser, demo.admin)
  await open(admin, '/admin/payments/statements')
  const statement = [
    '交易日期,金额,币种,付款人,付款账号,摘要,流水号',
    `2026-11-22,"1,560.00",CNY,林晓彤,6217000011112222333,电镜测试费 ${reference},E2E${Date.now()}`,
    `2026-11-22,880.00,CNY,某科技有限公司,6222000033334444,货款,E2E${Date.now()}X`,
  ].join('\r\n')
  await admin.getByLabel('CSV 文件').setInputFiles({
    name: '对账单.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(statement, 'utf8'),
  })
  await admin.getByRole('button', { name: '导入' }).click()
  await expect(admin.getByText(/匹配 1 行/)).toBeVisible()
  await expect(admin.getByText('摘要中没有付款识别码').first()).toBeVisible()
  await admin.screenshot({ path: 'test-results/screens/admin-statements-zh.png', fullPage: true })

  // The payer sees the money arrived and held.
  await open(maker, paymentUrl)
  await expect(maker.getByText('已到账·托管中', { exact: true })).toBeVisible()
  await expect(maker.getByText('对公转账付款')).toHaveCount(0)

  // The payee's lab sees it, with what it will receive after the platform's fee.
  const lab = await signedIn(browser, LAB)
  await open(lab, '/finance')
  const row = lab.getByRole('listitem').filter({ hasText: ORDER })
  await expect(row.getByText('已到账·托管中')).toBeVisible()
  await expect(row.getByText('实得 ¥1,482.00')).toBeVisible()

  // The payer asks the lab for a 发票.
  await open(maker, `${paymentUrl}/fapiao`)
  await maker.getByLabel('发票抬头').fill('林晓彤')
  await maker.getByLabel('纳税人识别号（税号）').fill('320594123456789')
  await maker.getByLabel('接收邮箱').fill(demo.member)
  await maker.getByRole('button', { name: '提交申请' }).click()
  await expect(maker.getByText('发票申请已提交，开票方会收到通知。')).toBeVisible()
  await expect(maker.getByText('待开具').first()).toBeVisible()

  // The lab issues it: the PDF and its number.
  await open(lab, '/finance/fapiao')
  await expect(lab.getByText('林晓彤').first()).toBeVisible()
  await lab.getByText('开具或驳回').first().click()
  await lab.getByLabel('发票文件（PDF）').setInputFiles({ ...files.pdf, name: '发票.pdf' })
  await lab.getByLabel('发票号码').fill('25322000000012345678')
  await lab.getByRole('button', { name: '上传并开具' }).click()
  await expect(lab.getByText('发票已开具，申请人会收到通知。')).toBeVisible()

  // The payer sees it issued and downloads it.
  await open(maker, `${paymentUrl}/fapiao`)
  await expect(maker.getByText('已开具').first()).toBeVisible()
  const href =
    (await maker.getByRole('link', { name: '下载发票（PDF）' }).getAttribute('href')) ?? ''
  const pdf = await maker.request.get(href)
  expect(pdf.status()).toBe(200)
  expect(pdf.headers()['content-type']).toBe('application/pdf')
  await maker.screenshot({ path: 'test-results/screens/fapiao-issued-zh.png', fullPage: true })
})
