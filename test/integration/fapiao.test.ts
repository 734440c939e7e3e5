// 发票 requests against the real database: who may ask for which 发票 and when, what the form
// refuses, issuing with the invoice PDF (and who may then download it), rejecting, withdrawing,
// the notifications each step sends, and that strangers neither see nor act.
import { parseWithZod } from '@conform-to/zod/v4'
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import { auditLog, fapiaoRequests } from '../../db/schema/index.ts'
import { createSession } from '../../app/domains/accounts/session.server.ts'
import { TransitionError } from '../../app/domains/lifecycle/machine.ts'
import { listNotifications } from '../../app/domains/notifications/notify.server.ts'
import { makeUscc } from '../../app/domains/orgs/uscc.ts'
import {
  issueFapiao,
  rejectFapiao,
  withdrawFapiao,
} from '../../app/domains/payments/decide-fapiao.server.ts'
import {
  canReadFapiao,
  issuerInbox,
  paymentFapiaoPage,
} from '../../app/domains/payments/fapiao-queries.server.ts'
import {
  DecideFapiaoSchema,
  RequestFapiaoSchema,
  type RequestFapiao,
} from '../../app/domains/payments/fapiao.schema.ts'
import { requestFapiao } from '../../app/domains/payments/request-fapiao.server.ts'
import { UserError } from '../../app/domains/problems.ts'
import { loader as paymentFapiaoLoader } from '../../app/routes/payments.$id.fapiao.tsx'
import { loader as uploadLoader } from '../../app/routes/uploads.$id.tsx'
import { addOrgMember, createOrg, createUser, makeAdmin } from '../factories/index.ts'
import { createTestPayment } from '../factories/payments.ts'
import { must } from '../support/must.ts'

/** The minimal PDF the journeys upload (test/e2e/support.ts `files.pdf`). */
const pdfBytes = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)
const pdf = () => new File([pdfBytes], 'fapiao.pdf', { type: 'application/pdf' })
const png = () =>
  new File(
    [
      Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        'base64',
      ),
    ],
    'fapiao.png',
    { type: 'image/png' },
  )

const buyerUscc = makeUscc(4_242_001)
/** The same code with its check digit changed. */
const badUscc = `${buyerUscc.slice(0, 17)}${buyerUscc.endsWith('0') ? '1' : '0'}`

function form(values: Record<string, string>): FormData {
  const data = new FormData()
  for (const [k, v] of Object.entries(values)) data.set(k, v)
  return data
}

const normalForm = {
  intent: 'request',
  issuer: 'payee',
  type: 'normal',
  title: '苏州测试科技有限公司',
  taxId: buyerUscc,
  email: 'finance@buyer.example.test',
}
const specialForm = {
  ...normalForm,
  type: 'special',
  address: '苏州市工业园区星湖街 328 号',
  phone: '0512-6666 8888',
  bankName: '中国银行苏州工业园区支行',
  bankAccount: '5012 3456 7890 1234',
}

/** A request as the form would send it, through the one schema the page and action share. */
function parsed(values: Record<string, string>): RequestFapiao {
  const submission = parseWithZod(form(values), { schema: RequestFapiaoSchema })
  if (submission.status !== 'success')
    throw new Error(`form refused: ${JSON.stringify(submission.error)}`)
  return submission.value
}

/** A payer, a payee organisation with an owner, an admin and a plain member, and a stranger. */
async function world(
  options: { marketplace?: 'equipment' | 'challenge'; collected?: boolean } = {},
) {
  const payer = await createUser(db(), { name: '付款人' })
  const owner = await createUser(db(), { name: '收款方负责人' })
  const admin = await createUser(db(), { name: '收款方财务' })
  const member = await createUser(db(), { name: '收款方员工' })
  const stranger = await createUser(db(), { name: '路人' })
  const payee = await createOrg(db(), { name: '测试检测实验室', ownerId: owner.id })
  await addOrgMember(db(), payee.id, admin.id, 'admin')
  await addOrgMember(db(), payee.id, member.id, 'member')
  const { payment, quote } = await createTestPayment(db(), {
    payerUserId: payer.id,
    payee: { orgId: payee.id },
    priceFen: 100_000,
    marketplace: options.marketplace,
    collected: options.collected ?? true,
    description: '扫描电镜测试 2 小时',
  })
  return { payer, owner, admin, member, stranger, payee, payment, quote }
}

async function refusal(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => {
      throw new Error('expected a refusal')
    },
    (e: unknown) => e,
  )
}

const status = (e: unknown) => (e instanceof Response ? e.status : e)
const userError = (e: unknown) =>
  e instanceof UserError ? { key: e.messageKey, field: e.field } : e

const kindsOf = async (userId: string) => (await listNotifications(userId)).map((n) => n.kind)

async function stored(requestId: string) {
  return must(
    await db()
      .select()
      .from(fapiaoRequests)
      .where(eq(fapiaoRequests.id, requestId))
      .then((r) => r[0]),
    'the stored request',
  )
}

async function auditActions(requestId: string) {
  const rows = await db()
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'fapiao_request'), eq(auditLog.entityId, requestId)))
  return rows.map((r) => r.action).sort()
}

/** A form's errors by field, or null when it was accepted. */
const errorsOf = (submission: object) => ('error' in submission ? submission.error : null)

const context = { nonce: '', requestId: 'fapiao-test', ip: '127.0.0.1' }

/** A route loader called the way Remix calls it, signed in as `userId`. */
async function asUser(userId: string, url: string) {
  const { token } = await createSession(db(), userId)
  return new Request(`http://localhost${url}`, { headers: { cookie: `zc_session=${token}` } })
}

describe('the request form', () => {
  it('names the field of each mistake and keeps what was typed', () => {
    const submission = parseWithZod(
      form({ ...normalForm, title: '  ', taxId: badUscc, email: 'not-an-email' }),
      { schema: RequestFapiaoSchema },
    )
    expect(submission.status).toBe('error')
    expect(errorsOf(submission)).toMatchObject({
      title: ['fapiao:errors.titleRequired'],
      taxId: ['fapiao:errors.taxIdUscc'],
      email: ['fapiao:errors.emailInvalid'],
    })
    expect(submission.reply().initialValue).toMatchObject({ taxId: badUscc, email: 'not-an-email' })
  })

  it('takes a 统一社会信用代码 or another 15–20 character tax number, and nothing else', () => {
    const taxId = (value: string) =>
      parseWithZod(form({ ...normalForm, taxId: value }), { schema: RequestFapiaoSchema })
    const lower = taxId(` ${buyerUscc.toLowerCase()} `)
    expect(lower.status === 'success' && lower.value.taxId).toBe(buyerUscc)
    expect(taxId('110108123456789').status).toBe('success')
    expect(errorsOf(taxId('1234567'))).toEqual({ taxId: ['fapiao:errors.taxIdFormat'] })
    expect(taxId('1101 0812 3456 789').status).toBe('success')
  })

  it('needs the address, telephone, bank and account for a 专用发票 only', () => {
    const special = parseWithZod(form({ ...normalForm, type: 'special' }), {
      schema: RequestFapiaoSchema,
    })
    expect(errorsOf(special)).toEqual({
      address: ['fapiao:errors.addressRequired'],
      phone: ['fapiao:errors.phoneRequired'],
      bankName: ['fapiao:errors.bankNameRequired'],
      bankAccount: ['fapiao:errors.bankAccountRequired'],
    })
    expect(parsed(normalForm).type).toBe('normal')
    expect(parsed(specialForm)).toMatchObject({ type: 'special', bankAccount: '5012345678901234' })
  })
})

describe('requesting a 发票', () => {
  it('lets the payer ask the payee for the price, and tells the payee’s finance managers', async () => {
    const w = await world()
    const { id } = await requestFapiao({
      paymentId: w.payment.id,
      userId: w.payer.id,
      request: parsed(normalForm),
    })
    expect(await stored(id)).toMatchObject({
      issuer: 'payee',
      amountFen: w.quote.subtotalFen,
      type: 'normal',
      title: '苏州测试科技有限公司',
      taxId: buyerUscc,
      status: 'requested',
      requestedByUserId: w.payer.id,
    })
    expect(await kindsOf(w.owner.id)).toEqual(['fapiao.requested'])
    expect(await kindsOf(w.admin.id)).toEqual(['fapiao.requested'])
    expect(await kindsOf(w.member.id)).toEqual([])
    const [note] = await listNotifications(w.owner.id)
    expect(note?.params).toMatchObject({ amount: '¥1,000.00', title: '苏州测试科技有限公司' })
    expect(await auditActions(id)).toEqual(['request-fapiao'])

    const page = must(await paymentFapiaoPage(w.payment.id, w.payer.id), 'the payer’s page')
    expect(page.requests.map((r) => r.id)).toEqual([id])
    // A deducted fee was borne by the payee: the payer has no platform 发票 to ask for.
    expect(page.options).toEqual([{ issuer: 'payee', amountFen: 100_000, taken: true }])
  })

  it('stores a 专用发票 with its bank details', async () => {
    const w = await world()
    const { id } = await requestFapiao({
      paymentId: w.payment.id,
      userId: w.payer.id,
      request: parsed(specialForm),
    })
    expect(await stored(id)).toMatchObject({
      type: 'special',
      address: '苏州市工业园区星湖街 328 号',
      phone: '0512-6666 8888',
      bankName: '中国银行苏州工业园区支行',
      bankAccount: '5012345678901234',
    })
  })

  it('is refused before the money has come in', async () => {
    const w = await world({ collected: false })
    const error = await refusal(
      requestFapiao({ paymentId: w.payment.id, userId: w.payer.id, request: parsed(normalForm) }),
    )
    expect(userError(error)).toEqual({ key: 'fapiao:errors.notPaid', field: undefined })
    expect(must(await paymentFapiaoPage(w.payment.id, w.payer.id), 'page').invoiceable).toBe(false)
  })

  it('allows one live request per 发票, and a new one after a withdrawal', async () => {
    const w = await world()
    const first = await requestFapiao({
      paymentId: w.payment.id,
      userId: w.payer.id,
      request: parsed(normalForm),
    })
    const again = await refusal(
      requestFapiao({ paymentId: w.payment.id, userId: w.payer.id, request: parsed(specialForm) }),
    )
    expect(userError(again)).toEqual({ key: 'fapiao:errors.alreadyRequested', field: 'issuer' })
    await withdrawFapiao({ requestId: first.id, userId: w.payer.id })
    const second = await requestFapiao({
      paymentId: w.payment.id,
      userId: w.payer.id,
      request: parsed(specialForm),
    })
    expect((await stored(second.id)).status).toBe('requested')
  })

  it('lets the payer ask the platform for an added fee, and tells the finance admins', async () => {
    const w = await world({ marketplace: 'challenge' })
    const finance = await createUser(db())
    await makeAdmin(db(), finance.id, ['finance'])
    const verifier = await createUser(db())
    await makeAdmin(db(), verifier.id, ['verifier'])
    const { id } = await requestFapiao({
      paymentId: w.payment.id,
      userId: w.payer.id,
      request: parsed({ ...normalForm, issuer: 'platform' }),
    })
    expect(await stored(id)).toMatchObject({ issuer: 'platform', amountFen: w.quote.feeFen })
    expect(w.quote.feeFen).toBe(5_000)
    expect(await kindsOf(finance.id)).toEqual(['fapiao.requested'])
    expect(await kindsOf(verifier.id)).toEqual([])
    expect(await kindsOf(w.owner.id)).toEqual([])
    const inbox = await issuerInbox(finance.id)
    expect(inbox.pending.map((r) => r.id)).toContain(id)
    expect(inbox.scope.platform).toBe(true)
    // The payee's side does not issue the platform's 发票.
    expect((await issuerInbox(w.owner.id)).pending.map((r) => r.id)).not.toContain(id)
  })

  it('lets the payee ask the platform for a deducted fee, and not the payer', async () => {
    const w = await world()
    const asPayer = await refusal(
      requestFapiao({
        paymentId: w.payment.id,
        userId: w.payer.id,
        request: parsed({ ...normalForm, issuer: 'platform' }),
      }),
    )
    expect(userError(asPayer)).toEqual({ key: 'fapiao:errors.issuerNotAllowed', field: 'issuer' })
    const { id } = await requestFapiao({
      paymentId: w.payment.id,
      userId: w.admin.id,
      request: parsed({ ...normalForm, issuer: 'platform', title: '测试检测实验室' }),
    })
    expect(await stored(id)).toMatchObject({
      issuer: 'platform',
      amountFen: w.quote.feeFen,
      requestedByUserId: w.admin.id,
    })
    const page = must(await paymentFapiaoPage(w.payment.id, w.owner.id), 'the payee’s page')
    expect(page.requests.map((r) => r.id)).toEqual([id])
    // The payee's form starts with its own registered name and code.
    expect(page.defaults).toMatchObject({ title: '测试检测实验室', taxId: w.payee.uscc })
    // A plain member does not manage the payee's finances.
    expect(await paymentFapiaoPage(w.payment.id, w.member.id)).toBeNull()
  })
})

describe('issuing, rejecting and withdrawing', () => {
  async function requested() {
    const w = await world()
    const { id } = await requestFapiao({
      paymentId: w.payment.id,
      userId: w.payer.id,
      request: parsed(normalForm),
    })
    return { ...w, requestId: id }
  }

  it('issues with the PDF and number; the requester and the issuer may download it, no one else', async () => {
    const w = await requested()
    await issueFapiao({
      requestId: w.requestId,
      userId: w.admin.id,
      invoiceNumber: '24322000000012345678',
      file: pdf(),
    })
    const row = await stored(w.requestId)
    expect(row).toMatchObject({
      status: 'issued',
      invoiceNumber: '24322000000012345678',
      decidedByUserId: w.admin.id,
    })
    const uploadId = must(row.invoiceUploadId, 'the invoice upload')
    expect(await kindsOf(w.payer.id)).toEqual(['fapiao.issued'])
    expect(await auditActions(w.requestId)).toEqual(['issue-fapiao', 'request-fapiao'])

    const download = async (userId: string) =>
      status(
        await uploadLoader({
          request: await asUser(userId, `/uploads/${uploadId}`),
          params: { id: uploadId },
          context,
        }).catch((e: unknown) => e),
      )
    const response = await uploadLoader({
      request: await asUser(w.payer.id, `/uploads/${uploadId}`),
      params: { id: uploadId },
      context,
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('application/pdf')
    expect(Buffer.from(await response.arrayBuffer()).equals(pdfBytes)).toBe(true)
    expect(await download(w.owner.id)).toBe(200)
    expect(await download(w.stranger.id)).toBe(404)
    expect(await download(w.member.id)).toBe(404)
    expect(await canReadFapiao(w.stranger.id, uploadId)).toBe(false)

    const inbox = await issuerInbox(w.owner.id)
    expect(inbox.pending).toEqual([])
    expect(inbox.done.map((r) => [r.id, r.status])).toEqual([[w.requestId, 'issued']])
  })

  it('refuses an invoice that is missing or not a PDF, and a number that is not 8–20 digits', async () => {
    const w = await requested()
    const issue = (file: File | null) =>
      refusal(
        issueFapiao({
          requestId: w.requestId,
          userId: w.owner.id,
          invoiceNumber: '12345678',
          file,
        }),
      )
    expect(userError(await issue(null))).toEqual({
      key: 'common:upload.required',
      field: 'invoice',
    })
    expect(userError(await issue(png()))).toEqual({
      key: 'common:upload.badType',
      field: 'invoice',
    })
    const number = parseWithZod(
      form({ intent: 'issue', requestId: w.requestId, invoiceNumber: '1234AB' }),
      { schema: DecideFapiaoSchema },
    )
    expect(errorsOf(number)).toEqual({ invoiceNumber: ['fapiao:errors.invoiceNumberFormat'] })
    expect((await stored(w.requestId)).status).toBe('requested')
  })

  it('rejects only with a reason, which the requester is told', async () => {
    const w = await requested()
    const empty = parseWithZod(form({ intent: 'reject', requestId: w.requestId, reason: ' ' }), {
      schema: DecideFapiaoSchema,
    })
    expect(errorsOf(empty)).toEqual({ reason: ['fapiao:errors.reasonRequired'] })
    await rejectFapiao({ requestId: w.requestId, userId: w.owner.id, reason: '税号与抬头不符' })
    expect(await stored(w.requestId)).toMatchObject({
      status: 'rejected',
      rejectionReason: '税号与抬头不符',
    })
    const [note] = await listNotifications(w.payer.id)
    expect(note).toMatchObject({
      kind: 'fapiao.rejected',
      params: { reason: '税号与抬头不符' },
      link: `/payments/${w.payment.id}/fapiao`,
    })
    expect(await auditActions(w.requestId)).toEqual(['reject-fapiao', 'request-fapiao'])
    // Decided is decided: it can no longer be issued.
    expect(
      await refusal(
        issueFapiao({
          requestId: w.requestId,
          userId: w.owner.id,
          invoiceNumber: '12345678',
          file: pdf(),
        }),
      ),
    ).toBeInstanceOf(TransitionError)
  })

  it('lets the requester withdraw while it waits, and only the requester', async () => {
    const w = await requested()
    expect(
      status(await refusal(withdrawFapiao({ requestId: w.requestId, userId: w.owner.id }))),
    ).toBe(403)
    expect(
      status(
        await refusal(
          issueFapiao({
            requestId: w.requestId,
            userId: w.payer.id,
            invoiceNumber: '12345678',
            file: pdf(),
          }),
        ),
      ),
    ).toBe(403)
    await withdrawFapiao({ requestId: w.requestId, userId: w.payer.id })
    expect((await stored(w.requestId)).status).toBe('withdrawn')
    expect(await auditActions(w.requestId)).toEqual(['request-fapiao', 'withdraw-fapiao'])
    expect(
      await refusal(withdrawFapiao({ requestId: w.requestId, userId: w.payer.id })),
    ).toBeInstanceOf(TransitionError)
  })

  it('tells a stranger that neither the payment nor the request exists', async () => {
    const w = await requested()
    const id = w.requestId
    const s = w.stranger.id
    expect(await paymentFapiaoPage(w.payment.id, s)).toBeNull()
    const page = await paymentFapiaoLoader({
      request: await asUser(s, `/payments/${w.payment.id}/fapiao`),
      params: { id: w.payment.id },
      context,
    }).catch((e: unknown) => e)
    expect(status(page)).toBe(404)
    const attempts = [
      () => requestFapiao({ paymentId: w.payment.id, userId: s, request: parsed(normalForm) }),
      () => issueFapiao({ requestId: id, userId: s, invoiceNumber: '12345678', file: pdf() }),
      () => rejectFapiao({ requestId: id, userId: s, reason: '不是我的' }),
      () => withdrawFapiao({ requestId: id, userId: s }),
      () => withdrawFapiao({ requestId: 'not-a-uuid', userId: s }),
    ]
    for (const attempt of attempts) expect(status(await refusal(attempt()))).toBe(404)
    expect(await issuerInbox(s)).toMatchObject({ pending: [], done: [] })
    expect((await stored(id)).status).toBe('requested')
  })
})
