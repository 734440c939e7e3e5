// Innovation vouchers (创新券) against the real database: granting, the balance as bookings hold
// and release, an expired voucher, holds racing for one balance, the provider's submission
// (only after the service), the agency's reimbursement or rejection (which turns the voucher
// part into the booker's payment to the provider), and the redemption packet and who may read it.
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import {
  auditLog,
  equipmentBookings,
  fapiaoRequests,
  innovationVouchers,
  payments,
  quotes,
  uploads,
  voucherUses,
} from '../../db/schema/index.ts'
import { createSession, sessionCookieName } from '../../app/domains/accounts/session.server.ts'
import * as adminVouchers from '../../app/routes/admin.vouchers.tsx'
import { layoutPacket } from '../../app/domains/equipment/redemption-packet.ts'
import { TransitionError } from '../../app/domains/lifecycle/machine.ts'
import { listNotifications } from '../../app/domains/notifications/notify.server.ts'
import { createPayment } from '../../app/domains/payments/create-payment.server.ts'
import { createQuote } from '../../app/domains/payments/fees.server.ts'
import { UserError } from '../../app/domains/problems.ts'
import { decideVoucherUse } from '../../app/domains/vouchers/decide-voucher-use.server.ts'
import { grantVoucher } from '../../app/domains/vouchers/grant-voucher.server.ts'
import {
  loadRedemptionPacket,
  redemptionPacketFor,
} from '../../app/domains/vouchers/redemption-packet.server.ts'
import { shanghaiToday } from '../../app/shanghai-time.server.ts'
import { submitRedemption } from '../../app/domains/vouchers/submit-redemption.server.ts'
import {
  holdVoucher,
  releaseVoucherHold,
  usableVouchers,
  vouchersOf,
} from '../../app/domains/vouchers/voucher-balance.server.ts'
import {
  providerVoucherUses,
  submittedRedemptions,
  voucherGrants,
} from '../../app/domains/vouchers/voucher-queries.server.ts'
import { loader as packetPdfLoader } from '../../app/routes/bookings.$id_.packet[.]pdf.ts'
import { loader as packetPageLoader } from '../../app/routes/bookings.$id_.packet.tsx'
import { addOrgMember, createOrg, createUser, makeAdmin } from '../factories/index.ts'
import { createListing } from '../factories/equipment.ts'
import { must } from '../support/must.ts'

const DAY = 86_400_000
const ip = '127.0.0.1'

/** A date `days` from today, Shanghai time, as the grant form sends it. */
const inDays = (days: number) => shanghaiToday(new Date(Date.now() + days * DAY))

async function refusal(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => {
      throw new Error('expected a refusal')
    },
    (e: unknown) => e,
  )
}

const key = (e: unknown) => (e instanceof UserError ? e.messageKey : e)
const kindsOf = async (userId: string) => (await listNotifications(userId)).map((n) => n.kind)

/**
 * A lab with an owner, an admin and a plain member and an instrument; a startup with an owner
 * who books; an admin for the bureau; a stranger; and a voucher granted to the startup.
 */
async function world(amountFen = 1_000_000) {
  const labOwner = await createUser(db(), { name: '实验室负责人' })
  const labAdmin = await createUser(db(), { name: '实验室管理员' })
  const labMember = await createUser(db(), { name: '实验室员工' })
  const lab = await createOrg(db(), {
    type: 'institute',
    name: '苏州纳米测试中心',
    ownerId: labOwner.id,
  })
  await addOrgMember(db(), lab.id, labAdmin.id, 'admin')
  await addOrgMember(db(), lab.id, labMember.id, 'member')
  const listing = await createListing(db(), { orgId: lab.id, vouchersAccepted: true })
  const booker = await createUser(db(), { name: '创业者' })
  const startup = await createOrg(db(), {
    type: 'startup',
    name: '苏州微纳初创科技有限公司',
    ownerId: booker.id,
  })
  const bureau = await createUser(db(), { name: '科技局经办人' })
  await makeAdmin(db(), bureau.id)
  const stranger = await createUser(db(), { name: '路人' })
  const voucher = await db().transaction((tx) =>
    grantVoucher(tx, {
      orgId: startup.id,
      issuer: '苏州工业园区科技创新委员会',
      reference: `SIP-CXQ-${crypto.randomUUID().slice(0, 8)}`,
      amount: amountFen,
      expiresOn: inDays(90),
      note: '',
      actorUserId: bureau.id,
      ip,
    }),
  )
  return { labOwner, labAdmin, labMember, lab, listing, booker, startup, bureau, stranger, voucher }
}
type World = Awaited<ReturnType<typeof world>>

let slot = 0
/** A booking of the world's instrument in a status of the test's choosing, each in its own hour. */
async function booking(w: World, status: typeof equipmentBookings.$inferInsert.status) {
  const startsAt = new Date(Date.UTC(2027, 0, 1) + ++slot * 3 * 3_600_000)
  const [row] = await db()
    .insert(equipmentBookings)
    .values({
      listingId: w.listing.id,
      unitNo: 1,
      bookerUserId: w.booker.id,
      bookerOrgId: w.startup.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
      purpose: '薄膜样品表面形貌观察',
      status,
      createdAt: new Date(),
      updatedAt: new Date(),
    })
    .returning()
  return must(row, 'booking')
}

/** A booking paying `voucherFen` of a 2 × ¥800 price with the world's voucher, quoted and held. */
async function voucherBooking(
  w: World,
  voucherFen: number,
  status: typeof equipmentBookings.$inferInsert.status = 'paid',
) {
  const b = await booking(w, status)
  return db().transaction(async (tx) => {
    const quote = await createQuote(tx, {
      marketplace: 'equipment',
      businessKind: 'booking',
      businessId: b.id,
      currency: 'CNY',
      lines: [{ label: '机时（1 小时）', quantity: 2, unitFen: 80_000 }],
      voucher: { voucherId: w.voucher.id, amountFen: voucherFen },
    })
    const payment = await createPayment(tx, {
      quote: { ...quote, marketplace: 'equipment', currency: 'CNY' },
      description: `${w.listing.name} 预约`,
      payerUserId: w.booker.id,
      payerOrgId: w.startup.id,
      payee: { orgId: w.lab.id },
    })
    const use = await holdVoucher(tx, {
      voucherId: w.voucher.id,
      orgId: w.startup.id,
      bookingId: b.id,
      providerOrgId: w.lab.id,
      amountFen: voucherFen,
      actorUserId: w.booker.id,
    })
    return { booking: b, quote, payment, use }
  })
}

/** The balance as the booking flow sees it (vouchersOf) and as the admin list shows it. */
const balanceOf = async (w: World) => {
  const listed = must((await voucherGrants({ orgId: w.startup.id }))[0], 'grant').balanceFen
  const own = must(
    (await vouchersOf(db(), w.startup.id)).find((v) => v.id === w.voucher.id),
    'voucher',
  ).balanceFen
  expect(own, 'vouchersOf and the admin list disagree').toBe(listed)
  return listed
}

const useRow = async (id: string) =>
  must((await db().select().from(voucherUses).where(eq(voucherUses.id, id)))[0], 'voucher use')

const complete = (bookingId: string) =>
  db()
    .update(equipmentBookings)
    .set({ status: 'completed', completedAt: new Date() })
    .where(eq(equipmentBookings.id, bookingId))

const submit = (useId: string, userId: string) =>
  db().transaction((tx) => submitRedemption(tx, { useId, actorUserId: userId, ip }))

const decide = (
  useId: string,
  userId: string,
  decision: { intent: 'reimburse' } | { intent: 'reject'; reason: string },
) => db().transaction((tx) => decideVoucherUse(tx, { ...decision, useId, actorUserId: userId, ip }))

describe('granting a voucher', () => {
  it('records it for the startup, audited, tells its owner, and lists it with its balance', async () => {
    const w = await world(5_000_000)
    expect(w.voucher).toMatchObject({
      orgId: w.startup.id,
      amountFen: 5_000_000,
      grantedByUserId: w.bureau.id,
    })
    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'grant-voucher'), eq(auditLog.entityId, w.voucher.id)))
    expect(entry).toMatchObject({ actorUserId: w.bureau.id, ip })
    expect(await kindsOf(w.booker.id)).toContain('voucher.granted')
    const [listed] = await voucherGrants({ orgId: w.startup.id })
    expect(listed).toMatchObject({
      id: w.voucher.id,
      drawnFen: 0,
      balanceFen: 5_000_000,
      expired: false,
    })
  })

  it('refuses an organisation that is not a verified startup, a past expiry and a double entry', async () => {
    const w = await world()
    const grant = (over: Partial<Parameters<typeof grantVoucher>[1]>) =>
      refusal(
        db().transaction((tx) =>
          grantVoucher(tx, {
            orgId: w.startup.id,
            issuer: w.voucher.issuer,
            reference: `X-${crypto.randomUUID()}`,
            amount: 10_000,
            expiresOn: inDays(30),
            note: '',
            actorUserId: w.bureau.id,
            ip,
            ...over,
          }),
        ),
      )
    const pending = await createOrg(db(), { type: 'startup', verified: false })
    expect(key(await grant({ orgId: w.lab.id }))).toBe('vouchers:errors.orgNotEligible')
    expect(key(await grant({ orgId: pending.id }))).toBe('vouchers:errors.orgNotEligible')
    expect(key(await grant({ expiresOn: inDays(-1) }))).toBe('vouchers:errors.expiryPast')
    expect(key(await grant({ reference: w.voucher.reference }))).toBe('vouchers:errors.duplicate')
  })
})

describe('the balance', () => {
  it('shrinks as bookings hold and grows back when a hold is released', async () => {
    const w = await world(1_000_000)
    const a = await voucherBooking(w, 30_000)
    await voucherBooking(w, 20_000)
    expect(await balanceOf(w)).toBe(950_000)
    await db().transaction((tx) => releaseVoucherHold(tx, a.booking.id, w.booker.id))
    expect(await balanceOf(w)).toBe(980_000)
    expect((await useRow(a.use.id)).status).toBe('released')
  })

  it('refuses more than is left, and a voucher of another organisation', async () => {
    const w = await world(50_000)
    await voucherBooking(w, 40_000)
    expect(key(await refusal(voucherBooking(w, 10_001)))).toBe('bookings:errors.voucherExhausted')
    const other = await createOrg(db(), { type: 'startup' })
    const b = await booking(w, 'paid')
    const notYours = await refusal(
      db().transaction((tx) =>
        holdVoucher(tx, {
          voucherId: w.voucher.id,
          orgId: other.id,
          bookingId: b.id,
          providerOrgId: w.lab.id,
          amountFen: 1_000,
          actorUserId: w.booker.id,
        }),
      ),
    )
    expect(key(notYours)).toBe('bookings:errors.voucherNotYours')
  })

  it('cannot be spent once the voucher has expired, and the admin list flags it', async () => {
    const w = await world()
    await db()
      .update(innovationVouchers)
      .set({ expiresOn: inDays(-1) })
      .where(eq(innovationVouchers.id, w.voucher.id))
    expect(key(await refusal(voucherBooking(w, 10_000)))).toBe('bookings:errors.voucherExpired')
    expect(await usableVouchers(db(), w.startup.id)).toEqual([])
    const [listed] = await voucherGrants({ orgId: w.startup.id })
    expect(listed?.expired).toBe(true)
  })

  it('lets exactly two of ten simultaneous holds of 40% through', async () => {
    const w = await world(100_000)
    const bookings = await Promise.all(Array.from({ length: 10 }, () => booking(w, 'paid')))
    const results = await Promise.allSettled(
      bookings.map((b) =>
        db().transaction((tx) =>
          holdVoucher(tx, {
            voucherId: w.voucher.id,
            orgId: w.startup.id,
            bookingId: b.id,
            providerOrgId: w.lab.id,
            amountFen: 40_000,
            actorUserId: w.booker.id,
          }),
        ),
      ),
    )
    const won = results.filter((r) => r.status === 'fulfilled')
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [key(r.reason)] : []))
    expect(won).toHaveLength(2)
    expect(refused).toEqual(Array(8).fill('bookings:errors.voucherExhausted'))
    expect(await balanceOf(w)).toBe(20_000)
  })
})

describe('submitting a redemption', () => {
  it('waits for the service to be completed, then numbers the packet', async () => {
    const w = await world()
    const { booking: b, use } = await voucherBooking(w, 50_000, 'in_progress')
    expect((await providerVoucherUses([w.lab.id])).map((u) => u.stage)).toEqual(['held'])
    expect(key(await refusal(submit(use.id, w.labOwner.id)))).toBe('vouchers:errors.notCompleted')

    await complete(b.id)
    expect((await providerVoucherUses([w.lab.id])).map((u) => u.stage)).toEqual(['ready'])
    // Neither a stranger, the booker nor a plain member of the lab may submit it.
    for (const who of [w.stranger, w.booker, w.labMember])
      expect(key(await refusal(submit(use.id, who.id)))).toBe('vouchers:errors.useNotFound')

    const { packetNo } = await submit(use.id, w.labAdmin.id)
    expect(packetNo).toMatch(/^CXQ-\d{4}-\d{6}$/)
    expect(await useRow(use.id)).toMatchObject({ status: 'submitted', packetNo })
    expect((await useRow(use.id)).submittedAt).toBeInstanceOf(Date)
    expect(await refusal(submit(use.id, w.labOwner.id))).toBeInstanceOf(TransitionError)
    expect((await submittedRedemptions()).some((u) => u.id === use.id)).toBe(true)
  })

  it('gives every submission a packet number of its own, even at once', async () => {
    const w = await world()
    const uses = await Promise.all(
      Array.from({ length: 5 }, async () => (await voucherBooking(w, 10_000, 'completed')).use),
    )
    const numbers = await Promise.all(uses.map((u) => submit(u.id, w.labOwner.id)))
    expect(new Set(numbers.map((n) => n.packetNo)).size).toBe(5)
  })
})

describe('the agency decides', () => {
  async function submitted(amountFen: number) {
    const w = await world()
    const held = await voucherBooking(w, amountFen, 'completed')
    await submit(held.use.id, w.labOwner.id)
    return { w, ...held }
  }

  it('is not answered by an admin from the providing lab: the queue shows them a note and the answer is refused', async () => {
    const { w, use } = await submitted(20_000)
    const insider = await createUser(db(), { name: '兼任管理员的实验室员工' })
    await makeAdmin(db(), insider.id)
    await addOrgMember(db(), w.lab.id, insider.id, 'member')
    const { token } = await createSession(db(), insider.id)
    const page = await adminVouchers.loader({
      request: new Request('http://localhost/admin/vouchers', {
        headers: { cookie: `${sessionCookieName()}=${token}` },
      }),
      params: {},
      context: { ip, nonce: 'test', requestId: 'test' },
    })
    expect(page.conflicted).toEqual([use.id])
    expect(key(await refusal(decide(use.id, insider.id, { intent: 'reimburse' })))).toBe(
      'admin:conflict.refused',
    )
    expect((await useRow(use.id)).status).toBe('submitted')
  })

  it('reimburses: the use is done, the balance stays spent, both sides are told', async () => {
    const { w, use, booking: b } = await submitted(60_000)
    // Nothing but a submitted use can be decided.
    const other = await voucherBooking(w, 1_000, 'completed')
    expect(
      await refusal(decide(other.use.id, w.bureau.id, { intent: 'reimburse' })),
    ).toBeInstanceOf(TransitionError)

    const { debtPaymentId } = await decide(use.id, w.bureau.id, { intent: 'reimburse' })
    expect(debtPaymentId).toBeNull()
    const row = await useRow(use.id)
    expect(row).toMatchObject({ status: 'reimbursed', debtPaymentId: null })
    expect(row.decidedAt).toBeInstanceOf(Date)
    expect(await balanceOf(w)).toBe(1_000_000 - 60_000 - 1_000)
    expect(await kindsOf(w.labOwner.id)).toContain('voucher.reimbursed')
    expect(await kindsOf(w.labAdmin.id)).toContain('voucher.reimbursed')
    const bookerNote = (await listNotifications(w.booker.id)).find(
      (n) => n.kind === 'voucher.reimbursed',
    )
    expect(bookerNote?.link).toBe(`/bookings/${b.id}`)
    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'reimburse-voucher-use'), eq(auditLog.entityId, use.id)))
    expect(entry?.actorUserId).toBe(w.bureau.id)
    // Decided once: a second answer is refused.
    expect(
      await refusal(decide(use.id, w.bureau.id, { intent: 'reject', reason: '重复' })),
    ).toBeInstanceOf(TransitionError)
  })

  it('rejects: the booker owes the provider exactly the voucher part, and the balance is restored', async () => {
    const { w, use } = await submitted(34_567)
    expect(await balanceOf(w)).toBe(1_000_000 - 34_567)
    const { debtPaymentId } = await decide(use.id, w.bureau.id, {
      intent: 'reject',
      reason: '服务合同未备案',
    })
    const row = await useRow(use.id)
    expect(row).toMatchObject({
      status: 'rejected',
      decisionNote: '服务合同未备案',
      debtPaymentId,
    })
    expect(await balanceOf(w)).toBe(1_000_000)

    const payment = must(
      (
        await db()
          .select()
          .from(payments)
          .where(eq(payments.id, must(debtPaymentId, 'debt')))
      )[0],
      'debt payment',
    )
    expect(payment).toMatchObject({
      amountFen: 34_567,
      currency: 'CNY',
      marketplace: 'equipment',
      businessKind: 'voucher-debt',
      businessId: use.id,
      payerUserId: w.booker.id,
      payerOrgId: w.startup.id,
      payeeOrgId: w.lab.id,
      status: 'awaiting_payment',
    })
    const quote = must(
      (await db().select().from(quotes).where(eq(quotes.id, payment.quoteId)))[0],
      'debt quote',
    )
    expect(quote).toMatchObject({ subtotalFen: 34_567, feeFen: 0, voucherFen: 0 })
    expect(quote.lines).toEqual([
      { label: '创新券未获兑付部分', quantity: 1, unitFen: 34_567, amountFen: 34_567 },
    ])

    const bookerNote = (await listNotifications(w.booker.id)).find(
      (n) => n.kind === 'voucher.debtDue',
    )
    expect(bookerNote?.link).toBe(`/payments/${payment.id}`)
    expect(bookerNote?.params).toMatchObject({ reason: '服务合同未备案' })
    expect(await kindsOf(w.labOwner.id)).toContain('voucher.rejected')
    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'reject-voucher-use'), eq(auditLog.entityId, use.id)))
    expect(entry?.data).toMatchObject({ reason: '服务合同未备案', debtPaymentId })
    const [listed] = await providerVoucherUses([w.lab.id])
    expect(listed).toMatchObject({ stage: 'rejected', debtPaymentStatus: 'awaiting_payment' })
  })
})

describe('the redemption packet', () => {
  async function packetWorld() {
    const w = await world()
    const held = await voucherBooking(w, 50_000, 'completed')
    const at = new Date('2027-01-10T02:00:00Z')
    const [report] = await db()
      .insert(uploads)
      .values({
        ownerUserId: w.labOwner.id,
        ownerOrgId: w.lab.id,
        purpose: 'test-report',
        mime: 'application/pdf',
        ext: 'pdf',
        sizeBytes: 1234,
        sha256: 'a'.repeat(64),
        storageKey: `test/${crypto.randomUUID()}`,
        originalName: 'SEM检测报告.pdf',
        createdAt: at,
      })
      .returning()
    await db()
      .update(equipmentBookings)
      .set({ reportUploadId: must(report, 'report').id, reportUploadedAt: at })
      .where(eq(equipmentBookings.id, held.booking.id))
    await db().insert(fapiaoRequests).values({
      paymentId: held.payment.id,
      issuer: 'payee',
      amountFen: 160_000,
      requestedByUserId: w.booker.id,
      type: 'special',
      title: w.startup.name,
      taxId: w.startup.uscc,
      address: '苏州工业园区',
      phone: '0512-66668888',
      bankName: '中国银行',
      bankAccount: '501234567890',
      email: 'finance@startup.example.test',
      status: 'issued',
      invoiceNumber: '24322000000012345678',
      decidedByUserId: w.labOwner.id,
      createdAt: at,
      decidedAt: at,
    })
    return { w, ...held }
  }

  it('names the parties and adds up the price, the voucher and the cash parts', async () => {
    const { w, booking: b, quote, use } = await packetWorld()
    await submit(use.id, w.labOwner.id)
    const packet = must(await loadRedemptionPacket(db(), b.id), 'packet')
    expect(packet.packetNo).toBe((await useRow(use.id)).packetNo)
    expect(packet.voucher).toEqual({ agency: w.voucher.issuer, reference: w.voucher.reference })
    expect(packet.provider).toMatchObject({
      organisation: '苏州纳米测试中心',
      creditCode: w.lab.uscc,
      contact: { name: '实验室负责人' },
    })
    expect(packet.user).toMatchObject({
      organisation: '苏州微纳初创科技有限公司',
      creditCode: w.startup.uscc,
      contact: { name: '创业者' },
    })
    expect(packet.service).toMatchObject({
      instrument: w.listing.name,
      categoryLabel: '检验检测',
      bookingRef: b.id,
      extent: { kind: 'period' },
      purpose: '薄膜样品表面形貌观察',
    })
    expect(packet.terms).toMatchObject({
      subtotalFen: 160_000,
      voucherFen: 50_000,
      cashFen: 110_000,
      platformFeeFen: quote.feeFen,
      deposit: null,
    })
    expect(packet.terms.lines).toEqual([
      { label: '机时（1 小时）', quantity: 2, unitFen: 80_000, amountFen: 160_000 },
    ])
    expect(packet.fapiao).toEqual([
      {
        number: '24322000000012345678',
        type: 'special',
        amountFen: 160_000,
        issuedOn: '2027年1月10日',
      },
    ])
    expect(packet.testReport).toEqual({ fileName: 'SEM检测报告.pdf', uploadedOn: '2027年1月10日' })
    // The renderers' layout accepts it: the amounts add up.
    expect(() => layoutPacket(packet)).not.toThrow()
  })

  it('is read by the provider’s owners and admins and by document-reading and finance admins, and no one else', async () => {
    const { w, booking: b } = await packetWorld()
    const finance = await createUser(db())
    await makeAdmin(db(), finance.id, ['finance'])
    const reads = async (userId: string, roles: string[] = []) =>
      (await redemptionPacketFor(b.id, { user: { id: userId }, adminRoles: roles }))?.reader ?? null
    expect(await reads(w.labOwner.id)).toBe('provider')
    expect(await reads(w.labAdmin.id)).toBe('provider')
    expect(await reads(w.bureau.id, ['verifier'])).toBe('admin')
    expect(await reads(w.labMember.id)).toBeNull()
    expect(await reads(w.booker.id)).toBeNull()
    expect(await reads(w.stranger.id)).toBeNull()
    // Finance admins decide redemptions from the packet, so they read it too.
    expect(await reads(finance.id, ['finance'])).toBe('admin')
    expect(
      await redemptionPacketFor('not-a-uuid', {
        user: { id: w.labOwner.id },
        adminRoles: [],
      }),
    ).toBeNull()

    // A booking that used no voucher has no packet, even for its provider.
    const plain = await booking(w, 'completed')
    expect(
      await redemptionPacketFor(plain.id, { user: { id: w.labOwner.id }, adminRoles: [] }),
    ).toBeNull()
  })

  it('answers a stranger 404 on the page and the PDF, and gives the provider its PDF', async () => {
    const { w, booking: b } = await packetWorld()
    const call = async (
      loader: typeof packetPageLoader | typeof packetPdfLoader,
      userId: string,
      path: string,
    ) => {
      const { token } = await createSession(db(), userId)
      const request = new Request(`http://localhost${path}`, {
        headers: { cookie: `zc_session=${token}` },
      })
      return loader({ request, params: { id: b.id }, context: { nonce: '', requestId: 't', ip } })
        .then((r) => r)
        .catch((e: unknown) => e)
    }
    for (const [loader, path] of [
      [packetPageLoader, `/bookings/${b.id}/packet`],
      [packetPdfLoader, `/bookings/${b.id}/packet.pdf`],
    ] as const) {
      const refused = await call(loader, w.stranger.id, path)
      expect(refused instanceof Response && refused.status).toBe(404)
      const booker = await call(loader, w.booker.id, path)
      expect(booker instanceof Response && booker.status).toBe(404)
    }
    const pdf = await call(packetPdfLoader, w.labOwner.id, `/bookings/${b.id}/packet.pdf`)
    if (!(pdf instanceof Response)) throw new Error('expected a PDF response')
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('Content-Type')).toBe('application/pdf')
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-')
  })
})
