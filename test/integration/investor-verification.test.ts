// 合格投资者 verification against real PostgreSQL and the real storage: the evidence is stored
// encrypted (unreadable as stored, and under any other key), only a verifier gets it back and
// every access is logged; the thresholds; one application waiting at a time; the separate PIPL
// consent; approval for a year and deletion of the evidence 30 days after the decision, driven by
// the product's clock.
import crypto from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import {
  auditLog,
  consents,
  evidenceAccessLog,
  investorEvidenceFiles,
  investorVerifications,
  notifications,
  sessions,
} from '../../db/schema/index.ts'
import { now, setNow } from '../../app/clock.server.ts'
import { createSession, sessionCookieName } from '../../app/domains/accounts/session.server.ts'
import type { AdminRole } from '../../app/domains/accounts/permissions.ts'
import { decideVerification } from '../../app/domains/deals/decide-investor-verification.server.ts'
import {
  decryptEvidence,
  EvidenceKeyMismatch,
  evidenceKey,
  keyFingerprint,
} from '../../app/domains/deals/evidence-crypto.server.ts'
import {
  isVerifiedInvestor,
  qualificationOf,
} from '../../app/domains/deals/investor-standing.server.ts'
import { DecisionSchema } from '../../app/domains/deals/investor-verification.schema.ts'
import { SENSITIVE_CONSENT } from '../../app/domains/deals/deals.schema.ts'
import { UserError } from '../../app/domains/problems.ts'
import { sweepTimers } from '../../app/domains/timers/timers.server.ts'
import { getStorage } from '../../app/domains/uploads/storage.server.ts'
import '../../app/domains/timers/handlers.server.ts'
import * as adminDetail from '../../app/routes/admin.investors.$id.tsx'
import * as adminQueue from '../../app/routes/admin.investors._index.tsx'
import * as evidenceRoute from '../../app/routes/admin.investors.$id_.evidence.$fileId.ts'
import * as verificationPage from '../../app/routes/investors.verification.tsx'
import * as uploadsRoute from '../../app/routes/uploads.$id.tsx'
import { parseWithZod } from '@conform-to/zod/v4'
import { createInvestor } from '../factories/deals.ts'
import { createUser, makeAdmin } from '../factories/index.ts'
import { must } from '../support/must.ts'

const context = { ip: '10.0.0.7', nonce: 'test', requestId: 'test' }
const DAY = 86_400_000
const MINUTE = 60_000

afterEach(() => setNow(null))

type Who = { id: string; cookie: string }

async function signIn(userId: string): Promise<Who> {
  const { token } = await createSession(db(), userId)
  return { id: userId, cookie: `${sessionCookieName()}=${token}` }
}

async function person(): Promise<Who> {
  return signIn((await createUser(db())).id)
}

async function verifier(roles: readonly AdminRole[] = ['verifier']): Promise<Who> {
  const who = await person()
  await makeAdmin(db(), who.id, roles)
  return who
}

/** An investor (person, or firm acted for) with a profile and no qualification yet. */
async function applicant(kind: 'individual' | 'institution' = 'individual') {
  const inv = await createInvestor(db(), { kind, verified: false })
  const who = await signIn(inv.user.id)
  if (inv.firm)
    await db().update(sessions).set({ actingOrgId: inv.firm.id }).where(eq(sessions.userId, who.id))
  return { ...inv, who }
}

/** A PDF whose text is a secret only the evidence may hold. */
function pdf(secret: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(
    `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${secret}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  )
}

function applicationForm(input: {
  basis?: string
  declaredYuan?: string
  files?: Uint8Array<ArrayBuffer>[]
  consent?: boolean
  declaration?: boolean
}): FormData {
  const fd = new FormData()
  fd.append('basis', input.basis ?? 'financial_assets')
  fd.append('declaredYuan', input.declaredYuan ?? '3,000,000')
  if (input.declaration !== false) fd.append('declaration', 'on')
  if (input.consent !== false) fd.append('sensitiveConsent', 'on')
  for (const [i, bytes] of (input.files ?? [pdf('默认证明材料')]).entries())
    fd.append('evidence', new File([bytes], `证明${i + 1}.pdf`, { type: 'application/pdf' }))
  return fd
}

async function apply(who: Who, fd: FormData) {
  return verificationPage.action({
    request: new Request('http://localhost/investors/verification', {
      method: 'POST',
      headers: { cookie: who.cookie },
      body: fd,
    }),
    params: {},
    context,
  })
}

async function fieldErrors(result: unknown): Promise<Record<string, string[] | null>> {
  const body =
    result instanceof Response
      ? ((await result.json()) as { result: unknown })
      : (result as { result: unknown })
  return ((body.result as { error?: Record<string, string[] | null> }).error ?? {}) as Record<
    string,
    string[] | null
  >
}

async function thrown(work: Promise<unknown>): Promise<Response> {
  const outcome = await work.then(
    () => null,
    (e: unknown) => e,
  )
  if (!(outcome instanceof Response))
    throw new Error(`expected a thrown response, got ${String(outcome)}`)
  return outcome
}

async function latestVerification(profileId: string) {
  const [v] = await db()
    .select()
    .from(investorVerifications)
    .where(eq(investorVerifications.investorProfileId, profileId))
  if (!v) throw new Error('no application')
  return v
}

async function applied(secret = '招商银行存款证明 ¥3,210,000.00') {
  const inv = await applicant()
  const res = await apply(inv.who, applicationForm({ files: [pdf(secret)] }))
  expect(res).toBeInstanceOf(Response)
  expect((res as Response).status).toBe(302)
  const v = await latestVerification(inv.profile.id)
  const files = await db()
    .select()
    .from(investorEvidenceFiles)
    .where(eq(investorEvidenceFiles.verificationId, v.id))
  return { ...inv, verification: v, files, secret }
}

function download(who: Who, verificationId: string, fileId: string) {
  return evidenceRoute.loader({
    request: new Request(`http://localhost/admin/investors/${verificationId}/evidence/${fileId}`, {
      headers: { cookie: who.cookie },
    }),
    params: { id: verificationId, fileId },
    context,
  })
}

describe('evidence at rest', () => {
  it('stores only ciphertext, which no other key opens', async () => {
    const { files, secret, verification, user } = await applied()
    expect(files).toHaveLength(1)
    const file = must(files[0], 'one evidence file')
    expect(file.storageKey).toBe(`evidence/${file.id}`)
    expect(file.keyId).toBe(evidenceKey().keyId)
    const stored = must(await (await getStorage()).get(file.storageKey), 'the ciphertext is stored')
    const plain = pdf(secret)
    // Neither the secret nor the PDF header survive in what storage holds.
    expect(Buffer.from(stored).includes(Buffer.from(secret))).toBe(false)
    expect(Buffer.from(stored).includes(Buffer.from('%PDF'))).toBe(false)
    // The right key gives the bytes back…
    const sealed = { ciphertext: stored, iv: file.iv, authTag: file.authTag, keyId: file.keyId }
    expect(Buffer.from(decryptEvidence(sealed)).equals(Buffer.from(plain))).toBe(true)
    // …another key never does: refused by its fingerprint, and by GCM's tag even when forged.
    const other = crypto.randomBytes(32)
    const otherKey = { key: other, keyId: keyFingerprint(other) }
    expect(() => decryptEvidence(sealed, otherKey)).toThrow(EvidenceKeyMismatch)
    expect(() => decryptEvidence(sealed, { key: other, keyId: file.keyId })).toThrow()
    // No upload row: the general file route knows nothing of it.
    const admin = await verifier()
    const res = await thrown(
      uploadsRoute.loader({
        request: new Request(`http://localhost/uploads/${file.id}`, {
          headers: { cookie: admin.cookie },
        }),
        params: { id: file.id },
        context,
      }),
    )
    expect(res.status).toBe(404)
    // The separate consent is its own record, beside the application's.
    expect(verification.sensitiveConsentAt).toBeInstanceOf(Date)
    const [consent] = await db()
      .select()
      .from(consents)
      .where(and(eq(consents.userId, user.id), eq(consents.kind, SENSITIVE_CONSENT.kind)))
    expect(consent?.version).toBe(SENSITIVE_CONSENT.version)
  })

  it('refuses an application without the separate consent or the signed declaration', async () => {
    const inv = await applicant()
    const errors = await fieldErrors(
      await apply(inv.who, applicationForm({ consent: false, declaration: false })),
    )
    expect(errors.sensitiveConsent).toEqual(['investors:errors.sensitiveConsent'])
    expect(errors.declaration).toEqual(['investors:errors.declaration'])
    expect(
      await db()
        .select()
        .from(investorVerifications)
        .where(eq(investorVerifications.investorProfileId, inv.profile.id)),
    ).toEqual([])
  })

  it('refuses files that are not PDF, JPEG or PNG, and more than five', async () => {
    const inv = await applicant()
    const fd = applicationForm({ files: [] })
    fd.append('evidence', new File(['<html>hi</html>'], 'x.html', { type: 'text/html' }))
    expect((await fieldErrors(await apply(inv.who, fd))).evidence).toEqual([
      'common:upload.badType',
    ])
    const six = applicationForm({ files: Array.from({ length: 6 }, (_, i) => pdf(`第${i}份`)) })
    expect((await fieldErrors(await apply(inv.who, six))).evidence).toEqual([
      'investors:errors.evidenceCount|{"max":5}',
    ])
    const none = applicationForm({ files: [] })
    expect((await fieldErrors(await apply(inv.who, none))).evidence).toEqual([
      'investors:errors.evidenceRequired',
    ])
  })
})

describe('who gets the evidence', () => {
  it('the verifier downloads the original bytes, uncached, and the download is logged', async () => {
    const { verification, files, secret } = await applied()
    const admin = await verifier()
    const file = must(files[0], 'one evidence file')
    const res = await download(admin, verification.id, file.id)
    expect(res.status).toBe(200)
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    expect(res.headers.get('Content-Type')).toBe('application/pdf')
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(pdf(secret)))).toBe(true)
    const log = await db()
      .select()
      .from(evidenceAccessLog)
      .where(eq(evidenceAccessLog.verificationId, verification.id))
    expect(log.map((l) => [l.action, l.actorUserId, l.fileId, l.ip])).toEqual([
      ['download', admin.id, file.id, context.ip],
    ])
  })

  it('listing the files on the detail page is logged as a view, and the applicant sees the log', async () => {
    const { verification, who } = await applied()
    const admin = await verifier()
    const data = await adminDetail.loader({
      request: new Request(`http://localhost/admin/investors/${verification.id}`, {
        headers: { cookie: admin.cookie },
      }),
      params: { id: verification.id },
      context,
    })
    expect(data.files).toHaveLength(1)
    expect(data.canDecide).toBe(true)
    expect(data.access.map((a) => a.action)).toEqual(['view'])
    const mine = await verificationPage.loader({
      request: new Request('http://localhost/investors/verification', {
        headers: { cookie: who.cookie },
      }),
      params: {},
      context,
    })
    expect(mine.current?.status).toBe('submitted')
    expect(mine.access.map((a) => [a.action, a.actorName])).toEqual([['view', expect.any(String)]])
  })

  it('a member, an admin without the permission, another investor and the applicant get nothing', async () => {
    const { verification, files, who } = await applied()
    const file = must(files[0], 'one evidence file')
    const member = await person()
    const finance = await verifier(['finance', 'moderator'])
    const otherInvestor = (await applicant()).who
    for (const someone of [member, finance, otherInvestor, who]) {
      const res = await thrown(download(someone, verification.id, file.id))
      expect(res.status).toBe(403)
      const page = await thrown(
        adminDetail.loader({
          request: new Request(`http://localhost/admin/investors/${verification.id}`, {
            headers: { cookie: someone.cookie },
          }),
          params: { id: verification.id },
          context,
        }),
      )
      expect(page.status).toBe(403)
    }
    // A verifier asking for a file under another application's id finds nothing.
    const other = await applied()
    const admin = await verifier()
    expect((await thrown(download(admin, other.verification.id, file.id))).status).toBe(404)
    expect(
      await db()
        .select()
        .from(evidenceAccessLog)
        .where(eq(evidenceAccessLog.verificationId, verification.id)),
    ).toEqual([])
  })
})

describe('applying', () => {
  it('refuses a declared amount below the threshold and accepts it at the threshold', async () => {
    const inv = await applicant()
    const below = await fieldErrors(
      await apply(inv.who, applicationForm({ declaredYuan: '2999999.99' })),
    )
    expect(below.declaredYuan).toEqual(['investors:errors.belowThreshold.financial_assets'])
    const income = await fieldErrors(
      await apply(inv.who, applicationForm({ basis: 'annual_income', declaredYuan: '499,999' })),
    )
    expect(income.declaredYuan).toEqual(['investors:errors.belowThreshold.annual_income'])
    const at = await apply(inv.who, applicationForm({ declaredYuan: '3000000' }))
    expect((at as Response).status).toBe(302)
    const v = await latestVerification(inv.profile.id)
    expect([v.status, v.basis, v.declaredFen]).toEqual([
      'submitted',
      'financial_assets',
      300_000_000,
    ])
  })

  it('an institution declares net assets of at least ¥10,000,000, and no personal basis', async () => {
    const firm = await applicant('institution')
    const personal = await fieldErrors(
      await apply(firm.who, applicationForm({ declaredYuan: '50000000' })),
    )
    expect(personal.basis).toEqual(['investors:errors.basis'])
    const below = await fieldErrors(
      await apply(firm.who, applicationForm({ basis: 'net_assets', declaredYuan: '9,999,999' })),
    )
    expect(below.declaredYuan).toEqual(['investors:errors.belowThreshold.net_assets'])
    const ok = await apply(
      firm.who,
      applicationForm({ basis: 'net_assets', declaredYuan: '10,000,000' }),
    )
    expect((ok as Response).status).toBe(302)
    const v = await latestVerification(firm.profile.id)
    expect(v.applicantUserId).toBe(firm.user.id)
  })

  it('keeps one application waiting at a time', async () => {
    const { who, profile } = await applied()
    const again = await fieldErrors(await apply(who, applicationForm({})))
    expect(again['']).toEqual(['investors:errors.alreadyWaiting'])
    const all = await db()
      .select()
      .from(investorVerifications)
      .where(eq(investorVerifications.investorProfileId, profile.id))
    expect(all).toHaveLength(1)
  })
})

describe('deciding', () => {
  it('approval lasts a year, then expires by the clock and the investor is told', async () => {
    const t0 = new Date(now().getTime() + 2 * DAY)
    setNow(t0)
    const { verification, user, profile } = await applied()
    const admin = await verifier()
    await decideVerification({
      verificationId: verification.id,
      decision: { intent: 'approve' },
      actorUserId: admin.id,
      ip: context.ip,
    })
    expect(await isVerifiedInvestor(db(), user.id)).toBe(true)
    const approved = await latestVerification(profile.id)
    expect(approved.expiresAt?.getTime()).toBe(t0.getTime() + 365 * DAY)
    expect(approved.decidedByUserId).toBe(admin.id)
    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, verification.id), eq(auditLog.action, 'approve-investor')))
    expect(entry?.actorUserId).toBe(admin.id)
    const told = await db()
      .select({ kind: notifications.kind })
      .from(notifications)
      .where(eq(notifications.userId, user.id))
    expect(told.map((n) => n.kind)).toContain('investor.approved')

    const dayBefore = new Date(t0.getTime() + 364 * DAY)
    setNow(dayBefore)
    await sweepTimers(dayBefore)
    expect((await latestVerification(profile.id)).status).toBe('approved')

    const after = new Date(t0.getTime() + 365 * DAY + MINUTE)
    setNow(after)
    await sweepTimers(after)
    expect((await latestVerification(profile.id)).status).toBe('expired')
    expect(await qualificationOf(db(), profile.id)).toBeNull()
    expect(await isVerifiedInvestor(db(), user.id)).toBe(false)
    const expiredNotice = await db()
      .select({ kind: notifications.kind })
      .from(notifications)
      .where(and(eq(notifications.userId, user.id), eq(notifications.kind, 'investor.expired')))
    expect(expiredNotice).toHaveLength(1)
  })

  it('deletes the evidence 30 days after the decision and keeps the decision', async () => {
    const t0 = new Date(now().getTime() + 3 * DAY)
    setNow(t0)
    const { verification, files, profile, user } = await applied()
    const admin = await verifier()
    await decideVerification({
      verificationId: verification.id,
      decision: { intent: 'reject', reason: '存款证明已过期，请提供近一个月内开具的证明。' },
      actorUserId: admin.id,
      ip: context.ip,
    })
    const told = await db()
      .select({ kind: notifications.kind, params: notifications.params })
      .from(notifications)
      .where(and(eq(notifications.userId, user.id), eq(notifications.kind, 'investor.rejected')))
    expect(told).toHaveLength(1)
    const storage = await getStorage()
    const file = must(files[0], 'one evidence file')

    const before = new Date(t0.getTime() + 29 * DAY)
    setNow(before)
    await sweepTimers(before)
    expect(await storage.get(file.storageKey)).not.toBeNull()

    const after = new Date(t0.getTime() + 30 * DAY + MINUTE)
    setNow(after)
    await sweepTimers(after)
    expect(await storage.get(file.storageKey)).toBeNull()
    const kept = await latestVerification(profile.id)
    expect(kept.status).toBe('rejected')
    expect(kept.reason).toBe('存款证明已过期，请提供近一个月内开具的证明。')
    expect(kept.evidencePurgedAt?.getTime()).toBe(after.getTime())
    const [row] = await db()
      .select()
      .from(investorEvidenceFiles)
      .where(eq(investorEvidenceFiles.id, file.id))
    expect(row?.purgedAt?.getTime()).toBe(after.getTime())
    const log = await db()
      .select()
      .from(evidenceAccessLog)
      .where(eq(evidenceAccessLog.verificationId, verification.id))
    expect(log.map((l) => [l.action, l.fileId])).toEqual([['purge', file.id]])
    // Nothing left to download (a fresh session: the old one lapsed in the 30 days).
    const later = await signIn(admin.id)
    expect((await thrown(download(later, verification.id, file.id))).status).toBe(404)
  })

  it('an admin cannot decide their own application or their firm’s', async () => {
    const firm = await applicant('institution')
    await makeAdmin(db(), firm.user.id, ['verifier'])
    await apply(firm.who, applicationForm({ basis: 'net_assets', declaredYuan: '20000000' }))
    const v = await latestVerification(firm.profile.id)
    const refused = await decideVerification({
      verificationId: v.id,
      decision: { intent: 'approve' },
      actorUserId: firm.user.id,
      ip: context.ip,
    }).then(
      () => null,
      (e: unknown) => e,
    )
    expect(refused).toBeInstanceOf(UserError)
    expect((refused as UserError).messageKey).toBe('investors:errors.ownApplication')
    expect((await latestVerification(firm.profile.id)).status).toBe('submitted')
    const page = await adminDetail.loader({
      request: new Request(`http://localhost/admin/investors/${v.id}`, {
        headers: { cookie: firm.who.cookie },
      }),
      params: { id: v.id },
      context,
    })
    expect([page.own, page.canDecide]).toEqual([true, false])
  })

  it('a rejection needs a reason; the queue lists waiting applications', async () => {
    const s = parseWithZod(new URLSearchParams({ intent: 'reject', reason: '' }), {
      schema: DecisionSchema,
    })
    expect(s.status).toBe('error')
    expect(s.reply().error?.reason).toEqual(['investors:errors.reasonRequired'])
    const { verification } = await applied()
    const admin = await verifier()
    const queue = await adminQueue.loader({
      request: new Request('http://localhost/admin/investors', {
        headers: { cookie: admin.cookie },
      }),
      params: {},
      context,
    })
    expect(queue.waiting.map((w) => w.id)).toContain(verification.id)
  })
})
