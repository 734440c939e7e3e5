// An innovation challenge end to end, as its people do it in a browser: an enterprise posts a
// challenge, a maker asks and the poster answers, two makers bid, the poster shortlists and
// awards, milestones are agreed, the award is escrowed by bank transfer, the winner delivers and
// the poster accepts milestone by milestone, both dashboards show the release, and both sides
// rate each other. Key pages are looked at in both languages, on a desktop and on a phone.
import { expect, test, type Page } from '@playwright/test'
import { beijing, database, recordTransfer, shootBoth, signedIn } from './journey.ts'
import { demo, files, open } from './support.ts'

const POSTER = 'zhanglixin@demo.zhongchuang.cn' // owner of 合肥启衡智能装备 (qiheng-equipment)
const WINNER = demo.member // 林晓彤, a maker with no organisation
const OTHER_MAKER = demo.orgMember // 陈思远, bidding for himself

/** A bid's card on the poster's review page. */
const bidCard = (page: Page, bidder: string) =>
  page
    .locator('section:not(:has(section))')
    .filter({ has: page.getByText(bidder, { exact: true }) })

/** A milestone's card on the work page. */
const milestoneCard = (page: Page, title: string) =>
  page.locator('li').filter({ has: page.getByRole('heading', { name: title }) })

test('an enterprise posts a challenge; makers ask and bid; the award is escrowed, delivered, released and rated', async ({
  browser,
}) => {
  test.setTimeout(300_000)
  const sql = database()
  const tag = Date.now().toString(36).slice(-5).toUpperCase()
  const title = `AGV 激光雷达标定工装 ${tag}`
  try {
    // The enterprise's owner writes the challenge as a draft, then publishes it.
    const poster = await signedIn(browser, POSTER)
    await open(poster, '/challenges/new')
    await expect(poster.getByText('以 合肥启衡智能装备股份有限公司 的名义发布')).toBeVisible()
    await poster.getByLabel('挑战标题').fill(title)
    await poster
      .getByLabel('公开摘要')
      .fill('为 AGV 产线设计一套激光雷达外参快速标定工装，十分钟内完成标定。')
    await poster
      .getByLabel('详细需求')
      .fill('现有人工标定耗时 2 小时；要求工装成本低于 2 万元，标定误差小于 0.1°。')
    await poster.getByLabel('挑战类型').selectOption({ label: '样机试制' })
    await poster.getByRole('group', { name: '所属领域' }).getByRole('checkbox').first().check()
    await poster.getByLabel('固定奖金（元）').fill('9000')
    await poster.getByLabel('知识产权约定').selectOption({ label: '独占许可' })
    await poster.getByLabel('投标截止').fill(beijing(3))
    await poster.getByLabel('评审授予截止').fill(beijing(10))
    await poster.getByLabel('交付截止').fill(beijing(60))
    await poster.getByRole('button', { name: '保存草稿' }).click()
    await expect(poster).toHaveURL(/\/challenges\/[^/]+\/edit\?done=created/)
    const slug = new URL(poster.url()).pathname.split('/')[2] ?? ''
    await poster.getByRole('button', { name: '发布', exact: true }).click()
    await expect(poster.getByText('挑战已发布，投标截止时将自动进入评审。')).toBeVisible()

    // A maker asks a question; the poster answers it once for everyone.
    const winner = await signedIn(browser, WINNER)
    await open(winner, `/challenges/${slug}`)
    await expect(winner.getByRole('heading', { level: 1, name: title })).toBeVisible()
    await winner.getByLabel('向发布方提问').fill('标定工装是否需要兼容两种雷达型号？')
    await winner.getByRole('button', { name: '提交问题' }).click()
    // The asker is not shown their own unanswered question; the page only comes back ?asked=1.
    await expect(winner).toHaveURL(/\?asked=1/)

    await open(poster, `/challenges/${slug}`)
    await poster.getByLabel('回答', { exact: true }).fill('需要：兼容 16 线和 32 线两种型号。')
    await poster.getByRole('button', { name: '回答（对所有人公开）' }).click()
    await expect(poster.getByText('答： 需要：兼容 16 线和 32 线两种型号。')).toBeVisible()
    await open(winner, `/challenges/${slug}`)
    await expect(winner.getByText('答： 需要：兼容 16 线和 32 线两种型号。')).toBeVisible()
    await shootBoth(winner, 'challenge-page-answered')

    // Two makers bid, each alone.
    for (const [page, approach] of [
      [winner, '基于棋盘格靶标与多位姿采集的快速外参标定，配合定位销一次装夹。'],
      [await signedIn(browser, OTHER_MAKER), '采用球形靶标与点云拟合，工装可折叠。'],
    ] as const) {
      await open(page, `/challenges/${slug}/bid`)
      await expect(page.getByText('个人', { exact: true }).first()).toBeVisible()
      await page.getByLabel('工期').fill('30')
      await page.getByLabel('技术方案').fill(approach)
      await page.getByLabel('团队').fill('两名机械工程师、一名算法工程师。')
      await page.getByRole('button', { name: '提交投标' }).click()
      await expect(page.getByText('投标已保存。截止前您仍可修改或撤回。')).toBeVisible()
    }

    // The bid deadline passes (e2e runs on real time: the deadline is moved in the database).
    await sql`update challenges set bid_deadline = now() - interval '1 minute' where slug = ${slug}`

    // The poster shortlists both bids and awards 林晓彤's.
    await open(poster, `/challenges/${slug}/bids`)
    await expect(poster.getByText('投标（2）')).toBeVisible()
    for (const name of ['林晓彤', '陈思远']) {
      await bidCard(poster, name).getByRole('button', { name: '入围' }).click()
      await expect(bidCard(poster, name).getByText('已入围', { exact: true })).toBeVisible()
    }
    await expect(bidCard(poster, '林晓彤').getByTestId('bidder-reputation')).toContainText(
      '暂无已完成的挑战',
    )
    await shootBoth(poster, 'challenge-bids-shortlisted')
    poster.once('dialog', (d) => void d.accept())
    await bidCard(poster, '林晓彤').getByRole('button', { name: '授予此投标' }).click()
    await expect(poster.getByText(/已授予。其余投标已告知未选中/)).toBeVisible()
    await expect(bidCard(poster, '林晓彤').getByText('已中标', { exact: true })).toBeVisible()
    await expect(bidCard(poster, '陈思远').getByText('未选中', { exact: true })).toBeVisible()

    // The poster proposes two milestones, half each; the winner agrees.
    const work = `/challenges/${slug}/work`
    await open(poster, work)
    await poster.getByLabel('里程碑').nth(0).fill('工装设计与仿真')
    await poster.getByLabel('截止日期').nth(0).fill(beijing(20, false))
    await poster.getByLabel('里程碑').nth(1).fill('样机交付与现场标定')
    await poster.getByLabel('截止日期').nth(1).fill(beijing(45, false))
    await expect(poster.getByText('合计 100.00 %，等于 100.00 %。')).toBeVisible()
    await poster.getByRole('button', { name: '提交方案' }).click()
    await expect(poster.getByText('等待对方同意或提出修改方案。')).toBeVisible()

    await open(winner, work)
    await expect(winner.getByRole('cell', { name: '¥4,500.00' })).toHaveCount(2)
    await winner.getByRole('button', { name: '同意此方案' }).click()
    await expect(winner.getByText('工装设计与仿真').first()).toBeVisible()
    await expect(winner.getByText('奖金托管到账后开始交付。')).toBeVisible()

    // The poster funds the award and the fee into escrow by bank transfer (under the ¥10,000
    // line above which a second finance admin must review the transfer).
    await open(poster, work)
    await poster.getByRole('link', { name: '支付托管款' }).click()
    await expect(poster).toHaveURL(/\/payments\/[0-9a-f-]{36}$/)
    const paymentId = new URL(poster.url()).pathname.split('/')[2] ?? ''
    const reference = (await poster.getByTestId('payment-reference').innerText()).trim()
    const [payment] = await sql<{ amount_fen: string }[]>`
      select amount_fen from payments where id = ${paymentId}`
    const totalFen = Number(payment?.amount_fen)
    expect(totalFen).toBeGreaterThanOrEqual(900_000)
    await recordTransfer(browser, {
      reference,
      yuan: (totalFen / 100).toFixed(2),
      payer: '合肥启衡智能装备股份有限公司',
    })
    await open(poster, work)
    await expect(poster.getByText('已托管', { exact: true })).toBeVisible()

    // The winner delivers milestone 1 with a file; the poster accepts and ¥4,500 is released.
    await open(winner, work)
    const first = milestoneCard(winner, '1. 工装设计与仿真')
    await first.getByText('提交交付物').click()
    await first.getByLabel('交付说明').fill('工装三维模型与仿真报告，见附件。')
    await first.getByLabel('文件').setInputFiles({ ...files.pdf, name: `仿真报告-${tag}.pdf` })
    await first.getByRole('button', { name: '提交', exact: true }).click()
    await expect(first.getByRole('link', { name: `仿真报告-${tag}.pdf` })).toBeVisible()

    await open(poster, work)
    await milestoneCard(poster, '1. 工装设计与仿真')
      .getByRole('button', { name: '验收并释放 ¥4,500.00' })
      .click()
    await expect(
      milestoneCard(poster, '1. 工装设计与仿真').getByText('已验收', { exact: true }),
    ).toBeVisible()
    await expect(poster.getByText('已释放 ¥4,500.00 / ¥9,000.00')).toBeVisible()
    await expect(poster.getByRole('link', { name: '为已放款的奖金申请发票' })).toHaveAttribute(
      'href',
      `/payments/${paymentId}/fapiao`,
    )
    await shootBoth(poster, 'challenge-work-released')
    await poster.getByRole('link', { name: '为已放款的奖金申请发票' }).click()
    await expect(poster).toHaveURL(new RegExp(`/payments/${paymentId}/fapiao$`))
    await expect(poster.getByRole('heading', { level: 1 })).toContainText('申请发票')

    // Both dashboards show the release.
    for (const page of [poster, winner]) {
      await open(page, '/dashboard')
      const item = page.getByTestId('dashboard-challenge').filter({ hasText: title })
      await expect(item).toContainText('已放款里程碑 1/2 · ¥4,500.00')
      await expect(item).toContainText('奖金 ¥9,000.00')
    }
    await expect(
      poster.getByTestId('dashboard-challenge').filter({ hasText: title }),
    ).toContainText('验收交付')
    await expect(
      winner.getByTestId('dashboard-challenge').filter({ hasText: title }),
    ).toContainText('提交里程碑交付')
    await shootBoth(poster, 'dashboard-poster')
    await shootBoth(winner, 'dashboard-winner')

    // Milestone 2: delivered, accepted; the challenge is complete.
    await open(winner, work)
    const second = milestoneCard(winner, '2. 样机交付与现场标定')
    await second.getByText('提交交付物').click()
    await second.getByLabel('交付说明').fill('样机已在二号产线完成标定，误差 0.06°。')
    await second.getByLabel('文件').setInputFiles({ ...files.png, name: `现场照片-${tag}.png` })
    await second.getByRole('button', { name: '提交', exact: true }).click()
    await expect(second.getByRole('link', { name: `现场照片-${tag}.png` })).toBeVisible()
    await open(poster, work)
    await milestoneCard(poster, '2. 样机交付与现场标定')
      .getByRole('button', { name: '验收并释放 ¥4,500.00' })
      .click()
    await expect(poster.getByText('已释放 ¥9,000.00 / ¥9,000.00')).toBeVisible()

    // Both rate: the poster's rating stays hidden from the winner until the winner rates too.
    await expect(poster.getByRole('heading', { name: '双方评价' })).toBeVisible()
    await poster.locator('label', { hasText: '5 星（满分 5 星）' }).click()
    await poster.getByLabel('合作感受（选填）').fill('方案扎实，交付准时，现场配合好。')
    await poster.getByRole('button', { name: '提交评价' }).click()
    await expect(poster.getByText('您的评价')).toBeVisible()
    await expect(poster.getByText('揭榜方尚未评价。', { exact: false })).toBeVisible()

    await open(winner, work)
    await expect(winner.getByText(/发榜方已评价您。/)).toBeVisible()
    await expect(winner.getByText('方案扎实，交付准时，现场配合好。')).toHaveCount(0)
    await shootBoth(winner, 'challenge-work-rate')
    await winner.locator('label', { hasText: '4 星（满分 5 星）' }).click()
    await winner.getByLabel('合作感受（选填）').fill('需求清晰，验收及时。')
    await winner.getByRole('button', { name: '提交评价' }).click()
    await expect(winner.getByText('方案扎实，交付准时，现场配合好。')).toBeVisible()
    await expect(winner.getByText('需求清晰，验收及时。')).toBeVisible()
    await shootBoth(winner, 'challenge-work-rated')

    // The profiles show the track record: the winner's on /bids, the enterprise's on its page.
    await open(winner, '/bids')
    await expect(winner.getByTestId('my-reputation')).toContainText('已完成 1 项挑战')
    await expect(winner.getByTestId('my-reputation')).toContainText('5.0 分（1 条评价）')
    await shootBoth(winner, 'bids-reputation')
    // The enterprise's public page, as the winner (not a member) sees it.
    await open(winner, '/orgs/qiheng-equipment')
    await expect(winner.getByRole('heading', { name: '挑战履约记录' })).toBeVisible()
    await expect(winner.getByText('4.0 分（1 条评价）')).toBeVisible()
    await shootBoth(winner, 'org-reputation')
  } finally {
    await sql.end()
  }
})
