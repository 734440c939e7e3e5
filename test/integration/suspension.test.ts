// Suspending a person: their sessions end at once, they cannot log in by password or by any
// other route that starts a session, and reinstating lets them back. An admin never suspends
// themselves, another platform admin or a member of their own organisation; all is audited.
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import { auditLog, sessions, userSuspensions } from '../../db/schema/index.ts'
import { getAuth } from '../../app/domains/accounts/auth.server.ts'
import { logIn } from '../../app/domains/accounts/log-in.server.ts'
import { createSession, sessionCookieName } from '../../app/domains/accounts/session.server.ts'
import { reinstateUser, suspendUser } from '../../app/domains/moderation/suspensions.server.ts'
import { UserError } from '../../app/domains/problems.ts'
import * as usersPage from '../../app/routes/admin.users.tsx'
import * as userPage from '../../app/routes/admin.users_.$id.tsx'
import {
  addOrgMember,
  createOrg,
  createUser,
  FACTORY_PASSWORD,
  makeAdmin,
} from '../factories/index.ts'

const context = { ip: '10.0.0.11', nonce: 'test', requestId: 'test' }

async function cookieFor(userId: string) {
  const { token } = await createSession(db(), userId)
  return `${sessionCookieName()}=${token}`
}
const get = (path: string, cookie: string) =>
  new Request(`http://localhost${path}`, { headers: { cookie } })
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    if (error instanceof UserError) return error.messageKey
    throw error
  }
  throw new Error('expected a refusal')
}
async function moderator() {
  const admin = await createUser(db())
  await makeAdmin(db(), admin.id, ['moderator'])
  return admin
}

describe('suspending a user', () => {
  it('ends their sessions, refuses log-in, and reinstating lets them back', async () => {
    const admin = await moderator()
    const user = await createUser(db())
    const cookie = await cookieFor(user.id)
    expect((await getAuth(get('/', cookie)))?.user.id).toBe(user.id)

    await suspendUser({ userId: user.id, reason: '多次发布虚假设备信息', actorUserId: admin.id })
    expect(await db().select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0)
    expect(await getAuth(get('/', cookie))).toBeNull()
    expect(
      await refusal(logIn({ email: user.email ?? '', password: FACTORY_PASSWORD, ip: '10.1.1.1' })),
    ).toBe('moderation:suspended.login')
    // Every way of logging in starts a session through here (mobile code included).
    expect(await refusal(createSession(db(), user.id))).toBe('moderation:suspended.login')
    // A wrong password says no more than any wrong password.
    expect(
      await refusal(logIn({ email: user.email ?? '', password: 'wrong-password', ip: '10.1.1.2' })),
    ).toBe('auth:errors.loginFailed')

    await reinstateUser({ userId: user.id, note: '已核实整改', actorUserId: admin.id })
    const session = await logIn({
      email: user.email ?? '',
      password: FACTORY_PASSWORD,
      ip: '10.1.1.3',
    })
    expect(session.userId).toBe(user.id)
    const rows = await db()
      .select()
      .from(userSuspensions)
      .where(eq(userSuspensions.userId, user.id))
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ status: 'lifted', liftedBy: admin.id, liftNote: '已核实整改' })
    const audited = await db()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'user'), eq(auditLog.entityId, user.id)))
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining(['suspend-user', 'reinstate-user']),
    )
  })

  it('refuses the admin themselves, another platform admin and a member of their own organisation', async () => {
    const admin = await moderator()
    expect(
      await refusal(
        suspendUser({ userId: admin.id, reason: '测试自我停用', actorUserId: admin.id }),
      ),
    ).toBe('admin:users.errors.self')
    const other = await moderator()
    expect(
      await refusal(
        suspendUser({ userId: other.id, reason: '测试停用管理员', actorUserId: admin.id }),
      ),
    ).toBe('admin:users.errors.admin')
    const colleague = await createUser(db())
    const org = await createOrg(db(), { ownerId: colleague.id })
    await addOrgMember(db(), org.id, admin.id, 'member')
    expect(
      await refusal(
        suspendUser({ userId: colleague.id, reason: '测试同机构成员', actorUserId: admin.id }),
      ),
    ).toBe('admin:conflict.refused')
    // The pages say why instead of offering the button.
    const cookie = await cookieFor(admin.id)
    const page = await userPage.loader({
      request: get(`/admin/users/${colleague.id}`, cookie),
      params: { id: colleague.id },
      context,
    })
    expect(page.refusal).toBe('admin:conflict.refused')
  })

  it('works from the user list and page, with the reason required', async () => {
    const admin = await moderator()
    const user = await createUser(db(), { name: '停用测试对象' })
    const cookie = await cookieFor(admin.id)
    const post = (body: Record<string, string>) =>
      new Request('http://localhost/admin/users', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body),
      })
    const bad = (await usersPage.action({
      request: post({ intent: 'suspend', userId: user.id, reason: '' }),
      params: {},
      context,
    })) as Response
    expect(bad.status).toBe(400)
    const ok = (await usersPage.action({
      request: post({ intent: 'suspend', userId: user.id, reason: '冒用他人身份注册' }),
      params: {},
      context,
    })) as Response
    expect(ok.status).toBe(302)
    const list = await usersPage.loader({
      request: get(`/admin/users?q=${encodeURIComponent(user.email ?? '')}`, cookie),
      params: {},
      context,
    })
    expect(list.users.rows.find((u) => u.id === user.id)?.suspended).toBe(true)
    const page = await userPage.loader({
      request: get(`/admin/users/${user.id}`, cookie),
      params: { id: user.id },
      context,
    })
    expect(page.suspended).toBe(true)
    expect(page.suspensions[0]?.reason).toBe('冒用他人身份注册')
  })
})
