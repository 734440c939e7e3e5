// Mobile numbers and personal-information rights: verify a number by SMS and log in with it;
// download one's data; delete the account while keeping what must be kept.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import { auditLog, orgMembers, sessions, users } from '../../db/schema/index.ts'
import { deleteAccount, exportAccountData } from '../../app/domains/accounts/account-data.server.ts'
import { logIn } from '../../app/domains/accounts/log-in.server.ts'
import {
  logInWithMobile,
  requestMobileLogin,
  requestMobileVerification,
  verifyMobile,
} from '../../app/domains/accounts/mobile.server.ts'
import { readMailbox } from '../../app/domains/notifications/mailbox.server.ts'
import {
  addOrgMember,
  createOrg,
  createUser,
  FACTORY_PASSWORD,
  randomEmail,
} from '../factories/index.ts'
import { drainJobs } from '../support/jobs.ts'

const smsCodeTo = (mobile: string) =>
  /(\d{6})/.exec(
    readMailbox().find((m) => m.channel === 'sms' && m.to === mobile)?.text ?? '',
  )?.[1] ?? ''

describe('mobile number', () => {
  it('is verified by an SMS code and then logs in with one', async () => {
    const user = await createUser(db(), { email: randomEmail('mobile') })
    const mobile = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
    await requestMobileVerification({ userId: user.id, mobile, lng: 'zh-CN' })
    await drainJobs()
    await verifyMobile({ userId: user.id, code: smsCodeTo(mobile), ip: '1' })
    const row = await db()
      .select()
      .from(users)
      .where(eq(users.id, user.id))
      .then((r) => r[0])
    expect(row?.mobile).toBe(mobile)

    await requestMobileLogin({ mobile, ip: '10.7.0.1', lng: 'zh-CN' })
    await drainJobs()
    const session = await logInWithMobile({ mobile, code: smsCodeTo(mobile), ip: '10.7.0.1' })
    expect(session.token).toContain('.')
  })

  it('answers an unknown number the same way and sends nothing', async () => {
    const before = readMailbox().length
    await requestMobileLogin({ mobile: '13800000000', ip: '10.7.0.2', lng: 'zh-CN' })
    await drainJobs()
    expect(readMailbox().length).toBe(before)
  })
})

describe('personal information', () => {
  it('exports the account, its consents, organisations and activity', async () => {
    const user = await createUser(db(), { email: randomEmail('export'), name: '导出测试' })
    const org = await createOrg(db(), { ownerId: user.id, name: '导出测试有限公司' })
    await logIn({ email: user.email ?? '', password: FACTORY_PASSWORD, ip: '10.8.0.1' })
    const data = await exportAccountData(user.id)
    expect(data.account).toMatchObject({ name: '导出测试', email: user.email })
    expect(data.organisations.map((o) => o.organisation)).toEqual([org.name])
    expect(data.sessions).toHaveLength(1)
    expect(data.activity.map((a) => a.action)).toContain('log-in')
    expect(JSON.stringify(data)).not.toContain('argon2')
  })

  it('deletes the person but keeps the records, and refuses while they are the last owner', async () => {
    const user = await createUser(db(), { email: randomEmail('delete') })
    const other = await createUser(db(), { email: randomEmail('other') })
    const org = await createOrg(db(), { ownerId: user.id })
    await expect(deleteAccount({ userId: user.id, ip: '1' })).rejects.toMatchObject({
      messageKey: 'auth:errors.lastOwner',
    })
    await addOrgMember(db(), org.id, other.id, 'owner')
    await logIn({ email: user.email ?? '', password: FACTORY_PASSWORD, ip: '10.8.0.2' })
    await deleteAccount({ userId: user.id, ip: '1' })
    const row = await db()
      .select()
      .from(users)
      .where(eq(users.id, user.id))
      .then((r) => r[0])
    expect(row).toMatchObject({ email: null, passwordHash: null, mobile: null, name: '已注销用户' })
    expect(row?.deletedAt).toBeInstanceOf(Date)
    expect(await db().select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0)
    const membership = await db()
      .select()
      .from(orgMembers)
      .where(eq(orgMembers.userId, user.id))
      .then((r) => r[0])
    expect(membership?.leftAt).toBeInstanceOf(Date)
    // The audit trail stays, pointing at the anonymised account.
    const trail = await db().select().from(auditLog).where(eq(auditLog.actorUserId, user.id))
    expect(trail.map((a) => a.action)).toEqual(expect.arrayContaining(['log-in', 'delete-account']))
    await expect(
      logIn({ email: user.email ?? '', password: FACTORY_PASSWORD, ip: '10.8.0.3' }),
    ).rejects.toThrow()
  })
})
