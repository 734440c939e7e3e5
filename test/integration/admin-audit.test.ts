// The audit log's filters: by action, entity, entity id, actor (e-mail or name), acting
// organisation and Beijing date range, each returning exactly the matching entries; entries link
// to their entity's admin page; the filtered log downloads as CSV with its Chinese intact.
import { afterEach, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import { setNow } from '../../app/clock.server.ts'
import { createSession, sessionCookieName } from '../../app/domains/accounts/session.server.ts'
import { audit } from '../../app/domains/admin/audit.server.ts'
import { auditEntries } from '../../app/domains/admin/queries.server.ts'
import * as auditPage from '../../app/routes/admin.audit.tsx'
import { createOrg, createUser, makeAdmin } from '../factories/index.ts'

const context = { ip: '10.0.0.13', nonce: 'test', requestId: 'test' }
afterEach(() => setNow(null))

async function scene() {
  const tag = crypto.randomUUID().slice(0, 8)
  const alice = await createUser(db(), { name: `审计甲${tag}`, email: `alice-${tag}@example.test` })
  const bob = await createUser(db(), { name: `审计乙${tag}`, email: `bob-${tag}@example.test` })
  const org = await createOrg(db(), { name: `审计测试机构${tag}` })
  const entityA = crypto.randomUUID()
  const entityB = crypto.randomUUID()
  // 2026-11-20 23:30 Beijing is 15:30 UTC on the 20th; 2026-11-21 00:30 Beijing is 16:30 UTC.
  const at = (iso: string) => setNow(new Date(iso))
  at('2026-11-20T15:30:00Z')
  await audit(db(), {
    actorUserId: alice.id,
    action: 'hide-content',
    entity: 'equipment_listing',
    entityId: entityA,
    data: { reason: '资质过期' },
  })
  at('2026-11-20T16:30:00Z')
  await audit(db(), {
    actorUserId: bob.id,
    actingOrgId: org.id,
    action: 'update-listing',
    entity: 'equipment_listing',
    entityId: entityA,
  })
  at('2026-11-21T03:00:00Z')
  await audit(db(), {
    actorUserId: alice.id,
    action: 'suspend-user',
    entity: 'user',
    entityId: entityB,
  })
  return { tag, alice, bob, org, entityA, entityB }
}

describe('audit log filters', () => {
  it('return exactly the matching entries', async () => {
    const s = await scene()
    const ids = async (f: Parameters<typeof auditEntries>[0]) =>
      (await auditEntries(f)).rows.map((r) => r.action)
    expect(await ids({ page: 1, actor: `alice-${s.tag}@example.test` })).toEqual([
      'suspend-user',
      'hide-content',
    ])
    expect(await ids({ page: 1, actor: `审计乙${s.tag}` })).toEqual(['update-listing'])
    expect(await ids({ page: 1, entityId: s.entityA })).toEqual(['update-listing', 'hide-content'])
    expect(await ids({ page: 1, entity: 'user', entityId: s.entityB })).toEqual(['suspend-user'])
    expect(await ids({ page: 1, action: 'hide-content', entityId: s.entityA })).toEqual([
      'hide-content',
    ])
    expect(await ids({ page: 1, org: `审计测试机构${s.tag}` })).toEqual(['update-listing'])
    expect(await ids({ page: 1, org: s.org.id })).toEqual(['update-listing'])
    // Beijing dates: the 20th holds only the 23:30 entry; the 21st the other two.
    const who = `${s.tag}@example.test`
    expect(await ids({ page: 1, actor: who, from: '2026-11-20', to: '2026-11-20' })).toEqual([
      'hide-content',
    ])
    expect(await ids({ page: 1, actor: who, from: '2026-11-21', to: '2026-11-21' })).toEqual([
      'suspend-user',
      'update-listing',
    ])
    expect(await ids({ page: 1, actor: who, from: '2026-11-22' })).toEqual([])
  })

  it('the page links entries to their admin pages and exports CSV', async () => {
    const s = await scene()
    const admin = await createUser(db())
    await makeAdmin(db(), admin.id, ['moderator'])
    const { token } = await createSession(db(), admin.id)
    const cookie = `${sessionCookieName()}=${token}`
    const page = (await auditPage.loader({
      request: new Request(`http://localhost/admin/audit?actor=alice-${s.tag}`, {
        headers: { cookie },
      }),
      params: {},
      context,
    })) as Exclude<Awaited<ReturnType<typeof auditPage.loader>>, Response>
    const links = page.entries.rows.map((r) => r.link)
    expect(links).toEqual([`/admin/users/${s.entityB}`, `/admin/listings?q=${s.entityA}`])
    const csv = (await auditPage.loader({
      request: new Request(`http://localhost/admin/audit?actor=alice-${s.tag}&format=csv`, {
        headers: { cookie },
      }),
      params: {},
      context,
    })) as Response
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const text = await csv.text()
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toBe('at,actor,actor_email,acting_org,action,entity,entity_id,data,ip')
    expect(lines).toHaveLength(3)
    expect(lines[2]).toContain(`审计甲${s.tag}`)
    expect(lines[2]).toContain('资质过期')
  })
})
