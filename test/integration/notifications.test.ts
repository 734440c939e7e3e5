// Notifications and message threads against the real database and job queue: the inbox, the
// e-mail in the reader's language, preferences and unsubscribe, and who may read a thread.
import { describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import { readMailbox } from '../../app/domains/notifications/mailbox.server.ts'
import {
  listNotifications,
  notify,
  preferencesOf,
  readUnsubscribeToken,
  savePreferences,
  unreadCount,
  unsubscribe,
} from '../../app/domains/notifications/notify.server.ts'
import {
  createThread,
  listThreads,
  postMessage,
  readThread,
} from '../../app/domains/notifications/threads.server.ts'
import { transitionOrg } from '../../app/domains/orgs/decide-verification.server.ts'
import { admitMember } from '../../app/domains/spaces/spaces.server.ts'
import {
  addOrgMember,
  createOrg,
  createSpace,
  createUser,
  randomEmail,
} from '../factories/index.ts'
import { drainJobs } from '../support/jobs.ts'

const mailsTo = (email: string) => readMailbox(1000).filter((m) => m.to === email)

async function notifyVerified(userId: string, orgName: string) {
  await db().transaction((tx) =>
    notify(tx, {
      userId,
      kind: 'org.verified',
      params: { orgName },
      link: '/orgs/test-org',
    }),
  )
}

describe('notify', () => {
  it('puts the notification in the inbox and mails it in each member’s language', async () => {
    const zh = await createUser(db(), { email: randomEmail('zh'), locale: 'zh-CN', name: '李雷' })
    const en = await createUser(db(), { email: randomEmail('en'), locale: 'en', name: 'Lucy' })
    await notifyVerified(zh.id, '苏州测试科技有限公司')
    await notifyVerified(en.id, 'Suzhou Test Tech')

    expect(await unreadCount(zh.id)).toBe(1)
    const [entry] = await listNotifications(zh.id)
    expect(entry).toMatchObject({
      kind: 'org.verified',
      category: 'organisation',
      link: '/orgs/test-org',
      readAt: null,
    })
    // No mail is sent in the request; only the job sends it.
    expect(mailsTo(zh.email ?? '')).toHaveLength(0)

    await drainJobs()
    const [zhMail] = mailsTo(zh.email ?? '')
    expect(zhMail?.subject).toContain('您的机构「苏州测试科技有限公司」已通过认证')
    expect(zhMail?.text).toContain('李雷，您好')
    expect(zhMail?.text).toContain('/orgs/test-org')
    expect(zhMail?.text).toMatch(/\/notifications\/unsubscribe\?token=[A-Za-z0-9_-]{40,}/)
    const [enMail] = mailsTo(en.email ?? '')
    expect(enMail?.subject).toContain('Your organisation Suzhou Test Tech has been verified')
    expect(enMail?.text).toContain('Hello Lucy')
  })

  it('sends no mail for a category with e-mail off, but keeps the inbox entry', async () => {
    const user = await createUser(db(), { email: randomEmail('quiet') })
    await savePreferences(user.id, { organisation: { email: false, inApp: true } })
    await notifyVerified(user.id, '静默科技')
    await drainJobs()
    expect(mailsTo(user.email ?? '')).toHaveLength(0)
    expect((await listNotifications(user.id)).map((n) => n.kind)).toEqual(['org.verified'])
  })

  it('turns e-mail off for the category through the unsubscribe token', async () => {
    const user = await createUser(db(), { email: randomEmail('unsub') })
    await notifyVerified(user.id, '退订科技')
    await drainJobs()
    const token = /unsubscribe\?token=([A-Za-z0-9_-]+)/.exec(
      mailsTo(user.email ?? '')[0]?.text ?? '',
    )?.[1]
    expect(token).toBeTruthy()
    expect(await readUnsubscribeToken(`${token ?? ''}x`)).toBeNull()
    expect(await readUnsubscribeToken(token ?? '')).toEqual({
      email: user.email,
      category: 'organisation',
    })
    // Reading the token changes nothing; only confirming does.
    expect((await preferencesOf(user.id)).organisation.email).toBe(true)
    await unsubscribe(token ?? '')
    expect((await preferencesOf(user.id)).organisation).toEqual({ email: false, inApp: true })
    expect((await preferencesOf(user.id)).space.email).toBe(true)

    await notifyVerified(user.id, '退订科技')
    await drainJobs()
    expect(mailsTo(user.email ?? '')).toHaveLength(1)
  })
})

describe('message threads', () => {
  it('tells a non-participant the thread does not exist', async () => {
    const [a, b, stranger] = await Promise.all([
      createUser(db()),
      createUser(db()),
      createUser(db()),
    ])
    const thread = await db().transaction((tx) =>
      createThread(tx, { subject: '设备预约', participantIds: [a.id, b.id] }),
    )
    await expect(readThread(thread.id, stranger.id)).rejects.toSatisfy(
      (e) => e instanceof Response && e.status === 404,
    )
    await expect(
      postMessage({ threadId: thread.id, userId: stranger.id, body: '你好' }),
    ).rejects.toSatisfy((e) => e instanceof Response && e.status === 404)
    await expect(readThread('not-a-uuid', a.id)).rejects.toSatisfy(
      (e) => e instanceof Response && e.status === 404,
    )
  })

  it('notifies the other participant of a new message, and reading marks it read', async () => {
    const author = await createUser(db(), { name: '王芳' })
    const other = await createUser(db(), { email: randomEmail('reader'), locale: 'en' })
    const thread = await db().transaction((tx) =>
      createThread(tx, {
        subject: 'Bid for the milling job',
        participantIds: [author.id, other.id],
      }),
    )
    await postMessage({ threadId: thread.id, userId: author.id, body: '报价见附件说明。' })

    expect(await listNotifications(author.id)).toEqual([])
    const [note] = await listNotifications(other.id)
    expect(note).toMatchObject({
      kind: 'thread.message',
      category: 'messages',
      link: `/messages/${thread.id}`,
      params: { subject: 'Bid for the milling job', authorName: '王芳' },
    })
    expect((await listThreads(other.id))[0]).toMatchObject({ id: thread.id, unread: 1 })
    await drainJobs()
    expect(mailsTo(other.email ?? '')[0]?.subject).toContain(
      '王芳 sent you a new message in “Bid for the milling job”',
    )

    const read = await readThread(thread.id, other.id)
    expect(read.messages.map((m) => m.body)).toEqual(['报价见附件说明。'])
    expect((await listThreads(other.id))[0]).toMatchObject({ unread: 0 })
    expect(await unreadCount(other.id)).toBe(0)
  })
})

describe('wired into use cases', () => {
  it('notifies the owner and admins of an organisation when it is verified', async () => {
    const owner = await createUser(db(), { email: randomEmail('owner') })
    const admin = await createUser(db())
    const member = await createUser(db())
    const verifier = await createUser(db())
    const org = await createOrg(db(), { verified: false, ownerId: owner.id, name: '通知测试科技' })
    await addOrgMember(db(), org.id, admin.id, 'admin')
    await addOrgMember(db(), org.id, member.id, 'member')
    await transitionOrg({
      orgId: org.id,
      action: 'verify',
      actorUserId: verifier.id,
      actorRoles: ['verifier'],
      ip: '10.8.0.1',
    })
    const [ownerNote] = await listNotifications(owner.id)
    expect(ownerNote).toMatchObject({
      kind: 'org.verified',
      params: { orgName: '通知测试科技' },
      link: `/orgs/${org.slug}`,
    })
    expect(await listNotifications(admin.id)).toHaveLength(1)
    expect(await listNotifications(member.id)).toHaveLength(0)
    await drainJobs()
    expect(mailsTo(owner.email ?? '')[0]?.subject).toContain('通知测试科技')
  })

  it('notifies an admitted person, and the owners of an admitted organisation', async () => {
    const operator = await createOrg(db(), { type: 'space_operator' })
    const space = await createSpace(db(), { operatorOrgId: operator.id, name: '南山测试空间' })
    const actor = await createUser(db())
    const maker = await createUser(db(), { email: randomEmail('maker'), locale: 'en' })
    const owner = await createUser(db())
    const staff = await createUser(db())
    const startup = await createOrg(db(), { ownerId: owner.id })
    await addOrgMember(db(), startup.id, staff.id, 'member')
    const admit = (member: string) =>
      admitMember({
        spaceId: space.id,
        actorUserId: actor.id,
        member,
        stage: 'incubator',
        on: '2026-01-05',
        ip: '10.8.0.2',
      })
    await admit(maker.email ?? '')
    await admit(startup.slug)
    for (const userId of [maker.id, owner.id])
      expect(await listNotifications(userId)).toMatchObject([
        {
          kind: 'space.admitted',
          params: { spaceName: '南山测试空间', stage: 'incubator' },
          link: `/spaces/${space.slug}`,
        },
      ])
    expect(await listNotifications(staff.id)).toEqual([])
    await drainJobs()
    expect(mailsTo(maker.email ?? '')[0]?.subject).toContain(
      'Admission to 南山测试空间 is confirmed, at the incubator stage',
    )
  })
})
