// Organisations against the real database: registration with documents, claims for a taken
// 信用代码, verification through its lifecycle, and the owners an organisation must keep.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import {
  claimCases,
  consents,
  organisations,
  orgDocuments,
  orgMembers,
  orgStatusEvents,
  uploads,
} from '../../db/schema/index.ts'
import { createOrg as registerOrg } from '../../app/domains/orgs/create-org.server.ts'
import { decideClaim } from '../../app/domains/orgs/decide-claim.server.ts'
import { transitionOrg } from '../../app/domains/orgs/decide-verification.server.ts'
import { changeRole, leaveOrg, transferOwnership } from '../../app/domains/orgs/members.server.ts'
import { makeUscc } from '../../app/domains/orgs/uscc.ts'
import { TransitionError } from '../../app/domains/lifecycle/machine.ts'
import { checkOrgPermission } from '../../app/domains/accounts/permissions.ts'
import { getStorage } from '../../app/domains/uploads/storage.server.ts'
import { addOrgMember, createOrg, createUser, randomEmail } from '../factories/index.ts'

const png = () =>
  new File(
    [
      Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        'base64',
      ),
    ],
    'licence.png',
    { type: 'image/png' },
  )
const pdf = () =>
  new File([Buffer.from('%PDF-1.4\n%%EOF\n')], 'letter.pdf', { type: 'application/pdf' })
const htmlDressedAsPdf = () =>
  new File(['<html><script>alert(1)</script></html>'], 'letter.pdf', { type: 'application/pdf' })

let seed = 5_000_000
const uscc = () => makeUscc(seed++ + Math.floor(Math.random() * 1_000_000))

async function register(userId: string, code = uscc(), files = { license: png(), letter: pdf() }) {
  return registerOrg({
    userId,
    ip: '10.9.0.1',
    type: 'startup',
    name: '苏州测试科技有限公司',
    uscc: code,
    city: '苏州',
    segments: ['3.6'],
    ...files,
  })
}

describe('registering an organisation', () => {
  it('stores it pending, with the registrant as owner and both documents', async () => {
    const user = await createUser(db(), { email: randomEmail('reg') })
    const result = await register(user.id)
    expect(result.kind).toBe('created')
    const org = await db()
      .select()
      .from(organisations)
      .where(eq(organisations.createdByUserId, user.id))
      .then((r) => r[0])
    expect(org?.status).toBe('pending')
    const docs = await db()
      .select({ kind: orgDocuments.kind, mime: uploads.mime, key: uploads.storageKey })
      .from(orgDocuments)
      .innerJoin(uploads, eq(uploads.id, orgDocuments.uploadId))
      .where(eq(orgDocuments.orgId, org?.id ?? ''))
    expect(docs.map((d) => `${d.kind}:${d.mime}`).sort()).toEqual([
      'authorisation_letter:application/pdf',
      'business_license:image/png',
    ])
    const stored = await (await getStorage()).get(docs[0]?.key ?? '')
    expect(stored?.byteLength).toBeGreaterThan(0)
    const owners = await db()
      .select()
      .from(orgMembers)
      .where(eq(orgMembers.orgId, org?.id ?? ''))
    expect(owners.map((o) => o.role)).toEqual(['owner'])
    // The separate consent for the documents' personal information is on record.
    const given = await db().select().from(consents).where(eq(consents.userId, user.id))
    expect(given.map((c) => c.kind)).toEqual(['org-documents'])
  })

  it('judges a file by its content, not its name, and writes nothing when refusing', async () => {
    const user = await createUser(db(), { email: randomEmail('evil') })
    const code = uscc()
    await expect(
      register(user.id, code, { license: png(), letter: htmlDressedAsPdf() }),
    ).rejects.toMatchObject({ messageKey: 'common:upload.badType', field: 'letter' })
    const org = await db().select().from(organisations).where(eq(organisations.uscc, code))
    expect(org).toHaveLength(0)
  })

  it('opens a claim case instead of a duplicate when the 信用代码 is taken', async () => {
    const first = await createUser(db(), { email: randomEmail('first') })
    const second = await createUser(db(), { email: randomEmail('second') })
    const code = uscc()
    await register(first.id, code)
    const result = await register(second.id, code)
    expect(result.kind).toBe('claim')
    expect(
      await db().select().from(organisations).where(eq(organisations.uscc, code)),
    ).toHaveLength(1)
    const admin = await createUser(db(), { email: randomEmail('verifier') })
    if (result.kind !== 'claim') throw new Error('expected a claim')
    await decideClaim({
      claimId: result.claimId,
      decision: 'accept',
      reason: '营业执照与授权书核对一致',
      actorUserId: admin.id,
      ip: '10.9.0.2',
    })
    const claim = await db()
      .select()
      .from(claimCases)
      .where(eq(claimCases.id, result.claimId))
      .then((r) => r[0])
    expect(claim?.status).toBe('accepted')
    const org = await db()
      .select()
      .from(organisations)
      .where(eq(organisations.uscc, code))
      .then((r) => r[0])
    const roles = await db()
      .select()
      .from(orgMembers)
      .where(eq(orgMembers.orgId, org?.id ?? ''))
    expect(
      roles
        .filter((r) => r.role === 'owner')
        .map((r) => r.userId)
        .sort(),
    ).toEqual([first.id, second.id].sort())
    // Decided once only.
    await expect(
      decideClaim({
        claimId: result.claimId,
        decision: 'decline',
        reason: '重复',
        actorUserId: admin.id,
        ip: '10.9.0.2',
      }),
    ).rejects.toBeInstanceOf(TransitionError)
  })
})

describe('verification lifecycle', () => {
  it('goes pending → rejected (with reason) → pending → verified, recording each step', async () => {
    const owner = await createUser(db(), { email: randomEmail('owner') })
    const verifier = await createUser(db(), { email: randomEmail('verifier') })
    const org = await createOrg(db(), { ownerId: owner.id, verified: false })
    await transitionOrg({
      orgId: org.id,
      action: 'reject',
      actorUserId: verifier.id,
      actorRoles: ['verifier'],
      reason: '授权书未盖章',
      ip: '10.9.1.1',
    })
    let row = await db()
      .select()
      .from(organisations)
      .where(eq(organisations.id, org.id))
      .then((r) => r[0])
    expect(row).toMatchObject({ status: 'rejected', rejectionReason: '授权书未盖章' })
    await transitionOrg({
      orgId: org.id,
      action: 'resubmit',
      actorUserId: owner.id,
      actorRoles: ['org-admin'],
      ip: '10.9.1.1',
    })
    await transitionOrg({
      orgId: org.id,
      action: 'verify',
      actorUserId: verifier.id,
      actorRoles: ['verifier'],
      ip: '10.9.1.1',
    })
    row = await db()
      .select()
      .from(organisations)
      .where(eq(organisations.id, org.id))
      .then((r) => r[0])
    expect(row?.status).toBe('verified')
    const events = await db()
      .select()
      .from(orgStatusEvents)
      .where(eq(orgStatusEvents.orgId, org.id))
      .orderBy(orgStatusEvents.at)
    expect(events.map((e) => `${e.fromStatus}→${e.toStatus}`)).toEqual([
      'pending→rejected',
      'rejected→pending',
      'pending→verified',
    ])
  })

  it('refuses a transition from the wrong state or by the wrong actor', async () => {
    const org = await createOrg(db(), { verified: true })
    const user = await createUser(db(), { email: randomEmail('x') })
    await expect(
      transitionOrg({
        orgId: org.id,
        action: 'verify',
        actorUserId: user.id,
        actorRoles: ['verifier'],
        ip: '1',
      }),
    ).rejects.toMatchObject({ reason: 'not-allowed' })
    await expect(
      transitionOrg({
        orgId: org.id,
        action: 'suspend',
        actorUserId: user.id,
        actorRoles: ['verifier'],
        ip: '1',
      }),
    ).rejects.toMatchObject({ reason: 'actor' })
  })

  it('lets only one of two racing decisions win', async () => {
    const org = await createOrg(db(), { verified: false })
    const user = await createUser(db(), { email: randomEmail('race') })
    const results = await Promise.allSettled([
      transitionOrg({
        orgId: org.id,
        action: 'verify',
        actorUserId: user.id,
        actorRoles: ['verifier'],
        ip: '1',
      }),
      transitionOrg({
        orgId: org.id,
        action: 'reject',
        actorUserId: user.id,
        actorRoles: ['verifier'],
        reason: '材料不全',
        ip: '1',
      }),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
  })

  it('keeps unverified organisations from posting, listing or raising money', () => {
    for (const permission of [
      'post:challenge:own',
      'list:equipment:own',
      'raise:money:own',
    ] as const) {
      expect(
        checkOrgPermission({ role: 'owner', orgStatus: 'pending', orgType: 'startup' }, permission),
      ).toBe('unverified')
      expect(
        checkOrgPermission(
          { role: 'owner', orgStatus: 'verified', orgType: 'startup' },
          permission,
        ),
      ).toBeNull()
    }
    expect(
      checkOrgPermission(
        { role: 'member', orgStatus: 'verified', orgType: 'startup' },
        'list:equipment:own',
      ),
    ).toBe('role')
    expect(
      checkOrgPermission(
        { role: 'owner', orgStatus: 'verified', orgType: 'enterprise' },
        'raise:money:own',
      ),
    ).toBe('org-type')
  })
})

describe('owners', () => {
  it('the last owner cannot leave or be demoted; after a transfer the old owner can leave', async () => {
    const owner = await createUser(db(), { email: randomEmail('o') })
    const colleague = await createUser(db(), { email: randomEmail('c') })
    const org = await createOrg(db(), { ownerId: owner.id })
    await addOrgMember(db(), org.id, colleague.id, 'member')
    await expect(leaveOrg({ orgId: org.id, userId: owner.id, ip: '1' })).rejects.toMatchObject({
      messageKey: 'orgs:errors.lastOwner',
    })
    const mine = await db()
      .select()
      .from(orgMembers)
      .where(eq(orgMembers.userId, owner.id))
      .then((r) => r[0])
    await expect(
      changeRole({
        orgId: org.id,
        actorUserId: owner.id,
        actorRole: 'owner',
        memberId: mine?.id ?? '',
        role: 'admin',
        ip: '1',
      }),
    ).rejects.toMatchObject({ messageKey: 'orgs:errors.lastOwner' })
    const theirs = await db()
      .select()
      .from(orgMembers)
      .where(eq(orgMembers.userId, colleague.id))
      .then((r) => r[0])
    await transferOwnership({
      orgId: org.id,
      ownerUserId: owner.id,
      memberId: theirs?.id ?? '',
      ip: '1',
    })
    await leaveOrg({ orgId: org.id, userId: owner.id, ip: '1' })
    const active = await db().select().from(orgMembers).where(eq(orgMembers.orgId, org.id))
    expect(
      active
        .filter((m) => m.leftAt === null)
        .map((m) => `${m.userId === colleague.id ? 'colleague' : 'owner'}:${m.role}`),
    ).toEqual(['colleague:owner'])
  })
})
