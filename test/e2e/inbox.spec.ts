// One inbox for every marketplace: a reply with an attachment reaches the other participant as
// a bell count, an in-app notification and an e-mail in their language with an unsubscribe link
// that works signed out; a stranger to the thread gets 404, for the thread and its attachment.
import { expect, test, type Browser, type Page } from '@playwright/test'
import { files, logIn, open, readMail } from './support.ts'

const LAB = 'liujianguo@demo.zhongchuang.cn' // runs the Jiangnan space's instruments
const MAKER = 'linxiaotong@demo.zhongchuang.cn' // a nursery member of that space
const STRANGER = 'chensiyuan@demo.zhongchuang.cn'
const SUBJECT = '材料表征平台的使用安排'

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await logIn(page, email)
  return page
}

test('a reply reaches the other participant in the inbox and by e-mail; strangers get 404', async ({
  browser,
}) => {
  const maker = await signedIn(browser, MAKER)
  await open(maker, '/messages')
  await maker.getByRole('link', { name: SUBJECT }).click()
  await expect(maker.getByRole('heading', { name: SUBJECT })).toBeVisible()
  await expect(maker.getByText(/首次上机前需参加一次安全培训/)).toBeVisible()

  // An empty reply is refused in place.
  await maker.getByRole('button', { name: '发送' }).click()
  await expect(maker.getByText('请填写消息内容。')).toBeVisible()

  const reply = '刘老师好，下周三下午两点可以参加培训，样品是两片氧化铝陶瓷基板。'
  await maker.getByLabel('消息内容').fill(reply)
  await maker.getByLabel('附件（可选）').setInputFiles({ ...files.png, name: '样品照片.png' })
  await maker.getByRole('button', { name: '发送' }).click()
  await expect(maker.getByText('消息已发送。')).toBeVisible()
  await expect(maker.getByText(reply)).toBeVisible()
  // Ready for the next message.
  await expect(maker.getByLabel('消息内容')).toHaveValue('')
  const threadUrl = new URL(maker.url()).pathname
  const attachment =
    (await maker.getByRole('link', { name: '查看附件' }).getAttribute('href')) ?? ''
  expect(attachment).toMatch(/^\/uploads\//)
  await maker.screenshot({ path: 'test-results/screens/thread-zh-desktop.png', fullPage: true })
  await maker.setViewportSize({ width: 390, height: 844 })
  await maker.screenshot({ path: 'test-results/screens/thread-zh-phone.png', fullPage: true })

  // The lab manager: the bell counts it, the inbox says who wrote where, the link opens it.
  const lab = await signedIn(browser, LAB)
  await expect(lab.getByRole('link', { name: /通知（\d+ 条未读）/ })).toBeVisible()
  await open(lab, '/notifications')
  const note = lab.getByRole('link', { name: `林晓彤 在「${SUBJECT}」中给您发来一条新消息。` })
  await expect(note).toBeVisible()
  await lab.screenshot({
    path: 'test-results/screens/notifications-zh-desktop.png',
    fullPage: true,
  })
  await note.click()
  await expect(lab).toHaveURL(threadUrl)
  await expect(lab.getByText(reply)).toBeVisible()
  const file = await lab.request.get(attachment)
  expect(file.status()).toBe(200)
  expect(file.headers()['content-type']).toBe('image/png')
  // Opening the thread read the notification.
  await open(lab, '/notifications')
  await expect(lab.getByText('通知', { exact: true }).first()).toBeVisible()
  await expect(lab.getByRole('link', { name: /通知（\d+ 条未读）/ })).toHaveCount(0)

  // The e-mail, in Chinese, with the way back and the way out.
  const mail = await readMail(lab, LAB, /给您发来一条新消息/)
  expect(mail.subject).toBe(`【众创】林晓彤 在「${SUBJECT}」中给您发来一条新消息。`)
  expect(mail.text).toContain(threadUrl)
  const unsubscribe = /\/notifications\/unsubscribe\?token=\S+/.exec(mail.text)?.[0] ?? ''
  expect(unsubscribe).not.toBe('')

  // Unsubscribing works without being signed in, and shows in the lab manager's settings.
  const anonymous = await (await browser.newContext()).newPage()
  await open(anonymous, unsubscribe)
  await anonymous.getByRole('button', { name: '确认退订' }).click()
  await expect(
    anonymous.getByText('您将不再收到「站内消息」类别的邮件通知。', { exact: false }),
  ).toBeVisible()
  await open(lab, '/notifications')
  await expect(lab.getByLabel('站内消息 · 邮件通知')).not.toBeChecked()
  await expect(lab.getByLabel('站内消息 · 站内通知')).toBeChecked()

  // Someone outside the thread learns nothing, not even that it exists.
  const stranger = await signedIn(browser, STRANGER)
  const page = await stranger.goto(threadUrl)
  expect(page?.status()).toBe(404)
  expect((await stranger.request.get(attachment)).status()).toBe(404)
  await open(stranger, '/messages')
  await expect(stranger.getByRole('link', { name: SUBJECT })).toHaveCount(0)
})
