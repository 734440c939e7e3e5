// The finance console's pages through their loaders and actions, with real requests carrying a
// session cookie, against real PostgreSQL: who may see and act, step-up before recording money,
// maker-checker on a large transfer, a double-submitted release that releases once, a statement
// in GBK, a custody instruction executed with the bank's receipt, and the fee form's limits.
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import {
  custodyInstructions,
  feeSchedules,
  ledgerTransactions,
  payments,
  payoutAccounts,
  sessions,
} from '../../db/schema/index.ts'
import { createSession, sessionCookieName } from '../../app/domains/accounts/session.server.ts'
import type { AdminRole } from '../../app/domains/accounts/permissions.ts'
import { currentSchedule } from '../../app/domains/payments/fees.server.ts'
import * as detailPage from '../../app/routes/admin.payments.$id.tsx'
import * as feesPage from '../../app/routes/admin.payments.fees.tsx'
import * as instructionsPage from '../../app/routes/admin.payments.instructions.tsx'
import * as overviewPage from '../../app/routes/admin.payments._index.tsx'
import * as statementsPage from '../../app/routes/admin.payments.statements.tsx'
import * as transfersPage from '../../app/routes/admin.payments.transfers.tsx'
import { createOrg, createUser, makeAdmin } from '../factories/index.ts'
import { createTestPayment } from '../factories/payments.ts'

const context = { ip: '10.0.0.7', nonce: 'test', requestId: 'test' }

type Person = { id: string; cookie: string }

async function person(roles: readonly AdminRole[] | null): Promise<Person> {
  const user = await createUser(db())
  if (roles) await makeAdmin(db(), user.id, roles)
  const { token } = await createSession(db(), user.id)
  return { id: user.id, cookie: `${sessionCookieName()}=${token}` }
}

const url = (path: string) => `http://localhost${path}`

function get(path: string, who: Person): Request {
  return new Request(url(path), { headers: { cookie: who.cookie } })
}

function post(path: string, who: Person, body: Record<string, string> | FormData): Request {
  return new Request(url(path), {
    method: 'POST',
    headers: { cookie: who.cookie },
    body: body instanceof FormData ? body : new URLSearchParams(body),
  })
}

/** What a loader or action threw (guards throw responses). */
async function thrown(work: Promise<unknown>): Promise<Response> {
  const outcome = await work.then(
    () => null,
    (e: unknown) => e,
  )
  if (!(outcome instanceof Response)) throw new Error(`expected a thrown response, got ${outcome}`)
  return outcome
}

type Reply = {
  status: number
  location: string | null
  body: {
    result?: { error?: Record<string, string[] | null> | null }
    outcome?: {
      lines: number
      matched: number
      duplicates: number
      unmatched: { lineNo: number; reason: string; values?: Record<string, string | number> }[]
    } | null
  }
}

/** An action's answer as the browser would see it: a redirect, or a reply with its errors. */
async function answer(result: unknown): Promise<Reply> {
  if (result instanceof Response) {
    const location = result.headers.get('Location')
    return {
      status: result.status,
      location,
      body: location ? {} : ((await result.json()) as Reply['body']),
    }
  }
  return { status: 200, location: null, body: result as Reply['body'] }
}

const yuan = (fen: number) => (fen / 100).toFixed(2)

async function setting(priceFen: number) {
  const payer = await createUser(db())
  const lab = await createOrg(db(), { name: '苏州微纳检测中心' })
  const { payment, quote } = await createTestPayment(db(), {
    payerUserId: payer.id,
    payee: { orgId: lab.id },
    priceFen,
    description: '扫描电镜测试 4 小时',
  })
  return { lab, payment, quote }
}

const statusOf = async (id: string) =>
  (await db().select().from(payments).where(eq(payments.id, id)))[0]?.status

describe('finance console', () => {
  it('is for finance admins: other admins and members get 403', async () => {
    const verifier = await person(['verifier'])
    const member = await person(null)
    for (const who of [verifier, member]) {
      const seen = await thrown(
        overviewPage.loader({ request: get('/admin/payments', who), params: {}, context }),
      )
      expect(seen.status).toBe(403)
    }
    const acted = await thrown(
      feesPage.action({
        request: post('/admin/payments/fees', verifier, {
          marketplace: 'equipment',
          rate: '1',
          minimum: '0',
          mode: 'deducted',
        }),
        params: {},
        context,
      }),
    )
    expect(acted.status).toBe(403)
    // Seeing is not acting: a view-only role would get the same 403 on every action.
    const finance = await person(['finance'])
    const overview = await overviewPage.loader({
      request: get('/admin/payments', finance),
      params: {},
      context,
    })
    expect(overview.counts).toMatchObject({ transfersAwaitingApproval: expect.any(Number) })
  })

  it('recording a transfer needs the password entered in the last 30 minutes', async () => {
    const clerk = await person(['finance'])
    const { payment } = await setting(300_000)
    const [sessionId] = clerk.cookie.split('=')[1]?.split('.') ?? []
    await db()
      .update(sessions)
      .set({ reauthenticatedAt: new Date(Date.now() - 31 * 60_000) })
      .where(eq(sessions.id, sessionId ?? ''))
    const page = await transfersPage.loader({
      request: get('/admin/payments/transfers', clerk),
      params: {},
      context,
    })
    expect(page.recentAuth).toBe(false)
    const refused = await thrown(
      transfersPage.action({
        request: post('/admin/payments/transfers', clerk, {
          intent: 'record',
          reference: payment.reference,
          amount: yuan(payment.amountFen),
          receivedOn: '2026-01-05',
          payerName: '林晓彤',
        }),
        params: {},
        context,
      }),
    )
    expect(refused.status).toBe(302)
    expect(refused.headers.get('Location')).toBe(
      `/confirm-password?redirectTo=${encodeURIComponent('/admin/payments/transfers')}`,
    )
    expect(await statusOf(payment.id)).toBe('awaiting_payment')
  })

  it('a ¥20,000 transfer waits for a second finance admin, who approves it', async () => {
    const [clerk, checker] = await Promise.all([person(['finance']), person(['finance'])])
    const { payment } = await setting(2_000_000)
    const record = (amount: string) =>
      transfersPage.action({
        request: post('/admin/payments/transfers', clerk, {
          intent: 'record',
          reference: payment.reference.toLowerCase(),
          amount,
          receivedOn: '2026-01-05',
          payerName: '杭州某科技有限公司',
        }),
        params: {},
        context,
      })

    // The wrong amount is refused beside the amount field, saying what is owed.
    const wrong = await answer(await record('19,000.00'))
    expect(wrong.status).toBe(400)
    expect(wrong.body.result?.error?.amount?.[0]).toMatch(
      /^payments:transfers\.errors\.amountMismatch\|/,
    )

    const recorded = await answer(await record(yuan(payment.amountFen)))
    expect(recorded.location).toBe('/admin/payments/transfers?done=awaitingApproval')
    expect(await statusOf(payment.id)).toBe('awaiting_payment')

    const seenByClerk = await transfersPage.loader({
      request: get('/admin/payments/transfers', clerk),
      params: {},
      context,
    })
    const waiting = seenByClerk.awaiting.find((t) => t.paymentId === payment.id)
    expect(waiting).toMatchObject({ amountFen: payment.amountFen, status: 'pending_approval' })
    // The page tells the recorder someone else must approve: it knows who recorded it.
    expect(waiting?.recordedByUserId).toBe(clerk.id)
    const overview = await overviewPage.loader({
      request: get('/admin/payments', clerk),
      params: {},
      context,
    })
    expect(overview.counts.transfersAwaitingApproval).toBeGreaterThanOrEqual(1)

    const decide = (who: Person, intent: 'approve' | 'reject') =>
      transfersPage.action({
        request: post('/admin/payments/transfers', who, {
          intent,
          transferId: waiting?.id ?? '',
        }),
        params: {},
        context,
      })
    const own = await answer(await decide(clerk, 'approve'))
    expect(own.status).toBe(400)
    expect(own.body.result?.error?.['']).toEqual(['payments:approvals.errors.ownRecord'])
    const noReason = await answer(await decide(checker, 'reject'))
    expect(noReason.body.result?.error?.reason).toEqual(['admin:payments.errors.reasonRequired'])

    const approved = await answer(await decide(checker, 'approve'))
    expect(approved.location).toBe('/admin/payments/transfers?done=approved')
    expect(await statusOf(payment.id)).toBe('held')
    const detail = await detailPage.loader({
      request: get(`/admin/payments/${payment.id}`, checker),
      params: { id: payment.id },
      context,
    })
    expect(detail.escrowFen).toBe(payment.amountFen)
    expect(detail.ledger.map((g) => g.kind)).toEqual(['collect'])
    expect(detail.transfers[0]?.approvedBy).not.toBeNull()
  })

  it('a release sent twice releases once; its instruction is executed with the bank receipt', async () => {
    const [clerk, cashier] = await Promise.all([person(['finance']), person(['finance'])])
    const { lab, payment, quote } = await setting(600_000)
    await db().insert(payoutAccounts).values({
      ownerOrgId: lab.id,
      accountName: '苏州微纳检测中心',
      bankName: '工商银行苏州分行',
      accountNumber: '1102020009000012345',
      updatedAt: new Date(),
    })
    await transfersPage.action({
      request: post('/admin/payments/transfers', clerk, {
        intent: 'record',
        reference: payment.reference,
        amount: yuan(payment.amountFen),
        receivedOn: '2026-01-05',
        payerName: '林晓彤',
      }),
      params: {},
      context,
    })
    expect(await statusOf(payment.id)).toBe('held')

    const path = `/admin/payments/${payment.id}`
    const page = await detailPage.loader({
      request: get(path, clerk),
      params: { id: payment.id },
      context,
    })
    const release = (amount: string) =>
      detailPage.action({
        request: post(path, clerk, {
          intent: 'release',
          operationKey: page.operationKey,
          amount,
          reason: '第一阶段测试完成',
        }),
        params: { id: payment.id },
        context,
      })
    const tooMuch = await answer(await release(yuan(quote.subtotalFen + 1)))
    expect(tooMuch.body.result?.error?.amount).toEqual(['payments:errors.releaseTooMuch'])

    const first = await answer(await release('3,000'))
    const second = await answer(await release('3,000'))
    expect(first.location).toBe(`${path}?done=release`)
    expect(second.location).toBe(`${path}?done=release`)
    const releases = await db()
      .select()
      .from(ledgerTransactions)
      .where(
        and(eq(ledgerTransactions.paymentId, payment.id), eq(ledgerTransactions.kind, 'release')),
      )
    expect(releases).toHaveLength(1)

    const [instruction] = await db()
      .select()
      .from(custodyInstructions)
      .where(eq(custodyInstructions.paymentId, payment.id))
    // ¥3,000 less its 5% fee share: below the threshold, it goes to the bank without a checker.
    expect(instruction).toMatchObject({ status: 'approved', amountFen: 285_000 })
    const listed = await instructionsPage.loader({
      request: get('/admin/payments/instructions', cashier),
      params: {},
      context,
    })
    expect(listed.approved.find((i) => i.id === instruction?.id)).toMatchObject({
      beneficiaryBank: '工商银行苏州分行',
      aboveThreshold: false,
    })

    const execute = (bankReference: string) =>
      instructionsPage.action({
        request: post('/admin/payments/instructions', cashier, {
          intent: 'execute',
          instructionId: instruction?.id ?? '',
          bankReference,
        }),
        params: {},
        context,
      })
    const blank = await answer(await execute(''))
    expect(blank.body.result?.error?.bankReference).toEqual([
      'payments:instructions.errors.bankReference',
    ])
    const executed = await answer(await execute('ICBC-20260106-0042'))
    expect(executed.location).toBe('/admin/payments/instructions?done=executed')
    const [after] = await db()
      .select()
      .from(custodyInstructions)
      .where(eq(custodyInstructions.id, instruction?.id ?? ''))
    expect(after).toMatchObject({ status: 'executed', bankReference: 'ICBC-20260106-0042' })

    const detail = await detailPage.loader({
      request: get(path, clerk),
      params: { id: payment.id },
      context,
    })
    expect(detail.ledger.map((g) => g.kind)).toEqual(['collect', 'release', 'payout'])
    expect(detail.escrowFen).toBe(payment.amountFen - 300_000)
    // Every ledger transaction shown balances.
    for (const g of detail.ledger) expect(g.entries.reduce((s, e) => s + e.amount, 0)).toBe(0)
  })

  it('a rejected transfer or instruction leaves the payment to be recorded or released again', async () => {
    const [clerk, checker] = await Promise.all([person(['finance']), person(['finance'])])
    const { lab, payment, quote } = await setting(2_000_000)
    await db().insert(payoutAccounts).values({
      ownerOrgId: lab.id,
      accountName: '苏州微纳检测中心',
      bankName: '工商银行苏州分行',
      accountNumber: '1102020009000012345',
      updatedAt: new Date(),
    })
    const record = async () =>
      answer(
        await transfersPage.action({
          request: post('/admin/payments/transfers', clerk, {
            intent: 'record',
            reference: payment.reference,
            amount: yuan(payment.amountFen),
            receivedOn: '2026-01-05',
            payerName: '林晓彤',
          }),
          params: {},
          context,
        }),
      )
    const waiting = async () =>
      (
        await transfersPage.loader({
          request: get('/admin/payments/transfers', checker),
          params: {},
          context,
        })
      ).awaiting.find((t) => t.paymentId === payment.id)?.id ?? ''
    expect((await record()).location).toBe('/admin/payments/transfers?done=awaitingApproval')
    const rejected = await answer(
      await transfersPage.action({
        request: post('/admin/payments/transfers', checker, {
          intent: 'reject',
          transferId: await waiting(),
          reason: '回单金额不符',
        }),
        params: {},
        context,
      }),
    )
    expect(rejected.location).toBe('/admin/payments/transfers?done=rejected')
    // The right transfer, recorded after the wrong one was rejected.
    expect((await record()).location).toBe('/admin/payments/transfers?done=awaitingApproval')
    await transfersPage.action({
      request: post('/admin/payments/transfers', checker, {
        intent: 'approve',
        transferId: await waiting(),
      }),
      params: {},
      context,
    })
    expect(await statusOf(payment.id)).toBe('held')

    const path = `/admin/payments/${payment.id}`
    const releaseAll = async () => {
      const page = await detailPage.loader({
        request: get(path, clerk),
        params: { id: payment.id },
        context,
      })
      return answer(
        await detailPage.action({
          request: post(path, clerk, {
            intent: 'release',
            operationKey: page.operationKey,
            amount: yuan(quote.subtotalFen),
            reason: '验收完成',
          }),
          params: { id: payment.id },
          context,
        }),
      )
    }
    expect((await releaseAll()).location).toBe(`${path}?done=release`)
    expect(await statusOf(payment.id)).toBe('settled')
    const listed = await instructionsPage.loader({
      request: get('/admin/payments/instructions', checker),
      params: {},
      context,
    })
    const instruction = listed.awaiting.find((i) => i.paymentId === payment.id)
    expect(instruction?.aboveThreshold).toBe(true)
    const own = await answer(
      await instructionsPage.action({
        request: post('/admin/payments/instructions', clerk, {
          intent: 'approve',
          instructionId: instruction?.id ?? '',
        }),
        params: {},
        context,
      }),
    )
    expect(own.body.result?.error?.['']).toEqual(['payments:approvals.errors.ownRecord'])
    const back = await answer(
      await instructionsPage.action({
        request: post('/admin/payments/instructions', checker, {
          intent: 'reject',
          instructionId: instruction?.id ?? '',
          reason: '收款账户待核实',
        }),
        params: {},
        context,
      }),
    )
    expect(back.location).toBe('/admin/payments/instructions?done=rejected')
    expect(await statusOf(payment.id)).toBe('held')
    // The money back in escrow can be released again, in full.
    expect((await releaseAll()).location).toBe(`${path}?done=release`)
    expect(await statusOf(payment.id)).toBe('settled')
  })

  it('imports a GBK statement and says why a line did not match', async () => {
    const clerk = await person(['finance'])
    const { payment } = await setting(128_800)
    const { payment: other } = await setting(50_000)
    const serial = `${Date.now()}`
    const gbk = (hex: string) => Buffer.from(hex, 'hex')
    const ascii = (s: string) => Buffer.from(s, 'latin1')
    // 交易日期,金额,币种,付款人,付款账号,摘要,流水号 / 林晓彤 / 测试费 / 某公司 / 货款, in GBK.
    const bytes = Buffer.concat([
      gbk(
        'bdbbd2d7c8d5c6da2cbdf0b6ee2cb1d2d6d62cb8b6bfeec8cb2cb8b6bfeed5cbbac52cd5aad2aa2cc1f7cbaebac5',
      ),
      ascii(`\r\n2026-01-05,"1,288.00",CNY,`),
      gbk('c1d6cffecdae'),
      ascii(`,6222000011112222,`),
      gbk('b2e2cad4b7d120'),
      ascii(`${payment.reference},G${serial}1\r\n2026-01-05,99.00,CNY,`),
      gbk('c4b3b9abcbbe'),
      ascii(`,6222000033334444,`),
      gbk('bbf5bfee'),
      ascii(` ${other.reference},G${serial}2\r\n`),
    ])
    const form = new FormData()
    form.set('file', new File([bytes], 'statement-gbk.csv', { type: 'text/csv' }))
    const imported = await answer(
      await statementsPage.action({
        request: post('/admin/payments/statements', clerk, form),
        params: {},
        context,
      }),
    )
    expect(imported.body.outcome).toMatchObject({ lines: 2, matched: 1, duplicates: 0 })
    // The line for too little keeps the amount owed, which its message shows.
    expect(imported.body.outcome?.unmatched).toEqual([
      {
        lineNo: 3,
        reason: 'payments:transfers.errors.amountMismatch',
        values: { expected: '¥500.00' },
      },
    ])
    expect(await statusOf(payment.id)).toBe('held')
    const page = await statementsPage.loader({
      request: get('/admin/payments/statements', clerk),
      params: {},
      context,
    })
    // The payer's name came through the GBK decoding intact.
    expect(page.unmatched.find((l) => l.bankRef === `G${serial}2`)?.payerName).toBe('某公司')
  })

  it('the fee form refuses a rate above 50% and saves a valid one as a new version', async () => {
    const finance = await person(['finance'])
    const submit = (rate: string) =>
      feesPage.action({
        request: post('/admin/payments/fees', finance, {
          marketplace: 'crowdfunding',
          rate,
          minimum: '0',
          mode: 'deducted',
        }),
        params: {},
        context,
      })
    const before = await currentSchedule(db(), 'crowdfunding')
    const tooHigh = await answer(await submit('60'))
    expect(tooHigh.body.result?.error?.rate).toEqual(['admin:payments.fees.errors.rateTooHigh'])
    expect((await currentSchedule(db(), 'crowdfunding')).id).toBe(before.id)

    const saved = await answer(await submit('3.25'))
    expect(saved.location).toBe('/admin/payments/fees?done=crowdfunding')
    expect(await currentSchedule(db(), 'crowdfunding')).toMatchObject({ rateBp: 325 })
    const page = await feesPage.loader({
      request: get('/admin/payments/fees', finance),
      params: {},
      context,
    })
    const crowdfunding = page.schedules.find((s) => s.marketplace === 'crowdfunding')
    expect(crowdfunding?.current?.rateBp).toBe(325)
    expect(crowdfunding?.versions.some((v) => v.id === before.id)).toBe(true)
    // Put the schedule back as it was for the other tests of this worker.
    await db()
      .insert(feeSchedules)
      .values({
        marketplace: 'crowdfunding',
        rateBp: before.rateBp,
        minimumFen: before.minimumFen,
        mode: before.mode,
        createdAt: new Date(Date.now() + 1000),
      })
  })
})
