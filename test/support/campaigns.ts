// Helpers for the campaign tests: people with sessions in each role around a campaign, the
// campaign form as a browser posts it, a published campaign, and reading a route's answer.
import { parseWithZod } from '@conform-to/zod/v4'
import { expect } from 'vitest'
import { db } from '../../db/client.server.ts'
import { commitments } from '../../db/schema/index.ts'
import { createSession, sessionCookieName } from '../../app/domains/accounts/session.server.ts'
import { toBeijing } from '../../app/domains/challenges/beijing-time.ts'
import {
  CampaignFormSchema,
  type CampaignValues,
} from '../../app/domains/deals/campaign-form.schema.ts'
import type { CommitmentStatus } from '../../app/domains/deals/deal.machine.ts'
import { publishCampaign } from '../../app/domains/deals/publish-campaign.server.ts'
import { createCampaign } from '../../app/domains/deals/save-campaign.server.ts'
import { UserError } from '../../app/domains/problems.ts'
import { createInvestor, createStartup } from '../factories/deals.ts'
import { addOrgMember, createUser, makeAdmin } from '../factories/index.ts'

export const context = { ip: '10.0.0.9', nonce: 'test', requestId: 'test' }
export const DAY = 86_400_000
export const HOUR = 3_600_000

export type Person = { id: string; cookie: string }

export async function sessionFor(userId: string): Promise<Person> {
  const { token } = await createSession(db(), userId)
  return { id: userId, cookie: `${sessionCookieName()}=${token}` }
}

export async function person(): Promise<Person> {
  return sessionFor((await createUser(db())).id)
}

/** A qualified investor (a person), or one not (yet) verified. */
export async function investor(verified = true) {
  const { user, profile } = await createInvestor(db(), { verified })
  return { ...(await sessionFor(user.id)), profileId: profile.id }
}

export async function admin(): Promise<Person> {
  const p = await person()
  await makeAdmin(db(), p.id, ['verifier'])
  return p
}

/** A verified startup: its owner, an admin and a plain member, each signed in. */
export async function startup() {
  const { org, owner } = await createStartup(db(), { stage: 'seed', city: '常州' })
  const admin = await person()
  const member = await person()
  await addOrgMember(db(), org.id, admin.id, 'admin')
  await addOrgMember(db(), org.id, member.id, 'member')
  return { org, owner: await sessionFor(owner.id), admin, member }
}

export const SECRET_TERMS = { target: '3,000,000', preMoney: '27,000,000' }

/** The form as a browser posts it; the deadline in Beijing time, `days` from the real now. */
export function campaignForm(extra: Record<string, string | string[]> = {}, days = 30): FormData {
  const fields: Record<string, string | string[]> = {
    title: `钠离子电池正极材料吨级中试 NX${Math.floor(Math.random() * 1e6)}`,
    oneLiner: '层状氧化物正极材料从百公斤级走向吨级中试',
    targetYuan: SECRET_TERMS.target,
    maxYuan: '4,000,000',
    minTicketYuan: '50000',
    minimumAcceptYuan: '2,000,000',
    preMoneyYuan: SECRET_TERMS.preMoney,
    securityType: 'ordinary',
    companyForm: 'llc',
    vehicle: 'direct',
    existingHolders: '5',
    deadline: toBeijing(new Date(Date.now() + days * DAY)),
    useOfFunds: '中试线设备 60%，研发人员 25%，认证 15%。',
    riskDisclosure: '早期项目风险很高，您可能损失全部投资；未上市公司股权难以转让。',
    details: '机密细节：烧结温度曲线与三家电池厂的送样结果。',
    ndaBody: '您承诺对数据室中的全部资料严格保密，仅用于评估本次投资。',
    segments: ['3.6'],
    ...extra,
  }
  const fd = new FormData()
  for (const [k, v] of Object.entries(fields))
    for (const one of Array.isArray(v) ? v : [v]) fd.append(k, one)
  return fd
}

export function values(fd: FormData = campaignForm()): CampaignValues {
  const s = parseWithZod(fd, { schema: CampaignFormSchema })
  if (s.status !== 'success') throw new Error(JSON.stringify(s.reply().error))
  return s.value
}

export function errorsOf(fd: FormData): Record<string, string[] | null> {
  const s = parseWithZod(fd, { schema: CampaignFormSchema })
  expect(s.status).toBe('error')
  return s.reply().error ?? {}
}

/** A startup with a published campaign made through the product's own use cases. */
export async function liveCampaign(extra: Record<string, string | string[]> = {}, days = 30) {
  const s = await startup()
  const { id, slug } = await createCampaign({
    orgId: s.org.id,
    actorUserId: s.owner.id,
    values: values(campaignForm(extra, days)),
    ip: '10.0.0.1',
  })
  const campaign = await publishCampaign({ campaignId: id, actorUserId: s.owner.id, ip: '' })
  return { ...s, id, slug, campaign }
}

/** A commitment written directly, as the commitments module would leave it. */
export async function commit(
  campaignId: string,
  who: { id: string; profileId: string },
  amountFen: number,
  status: CommitmentStatus = 'committed',
) {
  const at = new Date()
  const [row] = await db()
    .insert(commitments)
    .values({
      campaignId,
      investorProfileId: who.profileId,
      userId: who.id,
      amountFen,
      method: 'pay_now',
      status,
      termsVersion: 1,
      createdAt: at,
      updatedAt: at,
    })
    .returning()
  return row
}

export const request = (
  path: string,
  who: { cookie: string } | null,
  body?: Record<string, string>,
) =>
  new Request(`http://localhost${path}`, {
    method: body ? 'POST' : 'GET',
    headers: who ? { cookie: who.cookie } : {},
    body: body ? new URLSearchParams(body) : undefined,
  })

/** The response a loader or action threw (404s, redirects). */
export async function thrown(work: Promise<unknown>): Promise<Response> {
  const outcome = await work.then(
    () => null,
    (e: unknown) => e,
  )
  if (!(outcome instanceof Response)) throw new Error(`expected a thrown response, got ${outcome}`)
  return outcome
}

export async function rejection(work: Promise<unknown>): Promise<string> {
  const e = await work.then(
    () => null,
    (err: unknown) => err,
  )
  if (!(e instanceof UserError)) throw new Error(`expected a UserError, got ${String(e)}`)
  return e.messageKey
}

/** A tiny real PDF: the type is judged from the bytes. */
export function pdf(name = 'doc.pdf', text = 'DATA ROOM'): File {
  const body = `%PDF-1.4\n1 0 obj<<>>endobj\n% ${text}\ntrailer<<>>\n%%EOF\n`
  return new File([new TextEncoder().encode(body)], name, { type: 'application/pdf' })
}
