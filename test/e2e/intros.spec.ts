// An investor and a startup meet through an accepted intro, as its people do it in a browser:
// the founder acts for the startup, finds the investor ranked by fit on /investors, asks for an
// intro; the investor sees the startup in the deal feed on the dashboard, is told of the request,
// sees no contacts until accepting, accepts; both then see each other's contacts and talk in the
// thread that opened. Pages are looked at on a desktop and on a phone.
import { expect, test } from '@playwright/test'
import { shoot, signedIn } from './journey.ts'
import { open } from './support.ts'

const FOUNDER = 'wanghaoran@demo.zhongchuang.cn' // owner of 苏州纳格新材料 (nanoge-materials)
const INVESTOR = 'zhengkai@demo.zhongchuang.cn' // 郑凯, a verified angel

test('an investor and a startup meet through an accepted intro', async ({ browser }) => {
  const founder = await signedIn(browser, FOUNDER)
  // Act for the startup, from the header's switcher.
  await founder.locator('summary', { hasText: '以个人身份' }).click()
  await founder.getByRole('button', { name: /苏州纳格新材料/ }).click()
  await expect(founder.locator('summary', { hasText: '苏州纳格新材料' })).toBeVisible()
  await open(founder, '/investors')
  await expect(founder.getByText(/按与苏州纳格新材料科技有限公司的匹配度排序/)).toBeVisible()
  const card = founder.locator('li', { has: founder.getByRole('link', { name: '郑凯' }) }).first()
  await expect(card.getByText('匹配度 100')).toBeVisible()
  await expect(card.getByText('前沿新材料', { exact: true }).first()).toBeVisible()
  await shoot(founder, 'intros-investors-ranked')
  await card.getByRole('link', { name: '请求引荐' }).click()
  await expect(founder).toHaveURL(/\/intros\/new\?investor=/)
  // An empty message is refused beside the field.
  await founder.getByRole('button', { name: '发送请求' }).click()
  await expect(founder.getByText('请填写留言。')).toBeVisible()
  await founder
    .getByLabel('留言')
    .fill('郑总您好，我们做动力电池隔膜用纳米陶瓷涂层，已向两家电池厂送样，想向您介绍种子轮。')
  await founder.getByRole('button', { name: '发送请求' }).click()
  await expect(founder.getByText('引荐请求已发送。')).toBeVisible()
  const introPath = new URL(founder.url()).pathname
  await expect(founder.getByText('双方都同意后才会显示联系方式。')).toBeVisible()
  await expect(founder.getByText('zhengkai@demo.zhongchuang.cn')).toHaveCount(0)

  const investor = await signedIn(browser, INVESTOR)
  // The deal feed on the dashboard lists the startup with its fit.
  await expect(investor.getByRole('heading', { name: '为您推荐的项目' })).toBeVisible()
  await expect(
    investor.getByRole('link', { name: '苏州纳格新材料科技有限公司' }).first(),
  ).toBeVisible()
  await shoot(investor, 'intros-dashboard-deals')
  await open(investor, '/intros')
  await investor
    .getByRole('link', { name: /与苏州纳格新材料科技有限公司/ })
    .first()
    .click()
  await expect(investor).toHaveURL(new RegExp(`${introPath}$`))
  await expect(investor.getByText('wanghaoran@demo.zhongchuang.cn')).toHaveCount(0)
  await shoot(investor, 'intros-received')
  await investor.getByRole('button', { name: '接受并交换联系方式' }).click()
  await expect(investor.getByText('已接受引荐，联系方式已互相可见。')).toBeVisible()
  await expect(investor.getByText('wanghaoran@demo.zhongchuang.cn')).toBeVisible()
  await shoot(investor, 'intros-accepted')

  // The founder sees the investor's contacts, and the two talk in the thread.
  await open(founder, introPath)
  await expect(founder.getByText('zhengkai@demo.zhongchuang.cn')).toBeVisible()
  await founder.getByRole('link', { name: '进入会话' }).click()
  await expect(founder).toHaveURL(/\/messages\//)
  const thread = new URL(founder.url()).pathname
  await founder.getByLabel('消息内容').fill('郑总好，方便下周二下午来苏州看看中试线吗？')
  await founder.getByRole('button', { name: '发送' }).click()
  await expect(founder.getByText('消息已发送。')).toBeVisible()
  await open(investor, thread)
  await expect(investor.getByText('方便下周二下午来苏州看看中试线吗？')).toBeVisible()
})
