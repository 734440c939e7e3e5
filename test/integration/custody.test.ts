// Custody mode against real PostgreSQL: a transfer recorded by reference collects the payment;
// above ¥10,000 it waits for a second admin, and its recorder cannot approve it; a statement
// import matches lines by reference and adds nothing twice; releases become instructions that
// a finance admin executes, and a rejected instruction puts the money back in escrow.
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import {
  bankTransfers,
  custodyInstructions,
  payments,
  payoutAccounts,
} from '../../db/schema/index.ts'
import {
  decideInstruction,
  executeInstruction,
} from '../../app/domains/payments/custody-instructions.server.ts'
import { decideBankTransfer } from '../../app/domains/payments/decide-bank-transfer.server.ts'
import { importStatement } from '../../app/domains/payments/import-statement.server.ts'
import { account, balanceOf } from '../../app/domains/payments/ledger.server.ts'
import { recordBankTransfer } from '../../app/domains/payments/record-bank-transfer.server.ts'
import { releasePayment } from '../../app/domains/payments/release-payment.server.ts'
import { UserError } from '../../app/domains/problems.ts'
import { addOrgMember, createOrg, createUser, makeAdmin } from '../factories/index.ts'
import { createSession, sessionCookieName } from '../../app/domains/accounts/session.server.ts'
import * as instructionsPage from '../../app/routes/admin.payments.instructions.tsx'
import { createTestPayment } from '../factories/payments.ts'

async function setting(priceFen: number) {
  const payer = await createUser(db())
  const lab = await createOrg(db(), { name: '苏州微纳检测中心' })
  const [clerk, checker] = await Promise.all([createUser(db()), createUser(db())])
  await makeAdmin(db(), clerk.id, ['finance'])
  await makeAdmin(db(), checker.id, ['finance'])
  const { payment, quote } = await createTestPayment(db(), {
    payerUserId: payer.id,
    payee: { orgId: lab.id },
    priceFen,
  })
  return { payer, lab, clerk, checker, payment, quote }
}

async function refusal(work: Promise<unknown>): Promise<UserError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  )
  if (!(error instanceof UserError)) throw new Error(`expected a refusal, got ${String(error)}`)
  return error
}

const statusOf = async (id: string) =>
  (await db().select().from(payments).where(eq(payments.id, id)))[0]?.status

describe('custody mode', () => {
  it('records a transfer by reference for exactly what is owed, and collects it', async () => {
    const { clerk, payment } = await setting(360_000)
    const base = {
      currency: 'CNY' as const,
      receivedOn: '2026-11-20',
      payerName: '林晓彤',
      actorUserId: clerk.id,
      ip: '1',
    }
    const unknown = await refusal(
      db().transaction((tx) =>
        recordBankTransfer(tx, { ...base, reference: 'ZC22222222', amountFen: 360_000 }),
      ),
    )
    expect(unknown.field).toBe('reference')
    const short = await refusal(
      db().transaction((tx) =>
        recordBankTransfer(tx, { ...base, reference: payment.reference, amountFen: 350_000 }),
      ),
    )
    expect(short.messageKey).toBe('payments:transfers.errors.amountMismatch')
    expect(short.values?.expected).toContain('3,600.00')

    await db().transaction((tx) =>
      recordBankTransfer(tx, {
        ...base,
        reference: payment.reference.toLowerCase(),
        amountFen: 360_000,
      }),
    )
    expect(await statusOf(payment.id)).toBe('held')
    expect(await balanceOf(db(), account.escrow(payment.id, 'CNY'))).toBe(360_000)
    const again = await refusal(
      db().transaction((tx) =>
        recordBankTransfer(tx, { ...base, reference: payment.reference, amountFen: 360_000 }),
      ),
    )
    expect(again.messageKey).toBe('payments:transfers.errors.notAwaiting')
  })

  it('above ¥10,000 a transfer waits for a second admin, and its recorder cannot approve it', async () => {
    const { clerk, checker, payment } = await setting(2_500_000)
    const transfer = await db().transaction((tx) =>
      recordBankTransfer(tx, {
        reference: payment.reference,
        amountFen: 2_500_000,
        currency: 'CNY',
        receivedOn: '2026-11-20',
        payerName: '杭州某科技有限公司',
        actorUserId: clerk.id,
        ip: '1',
      }),
    )
    expect(transfer.status).toBe('pending_approval')
    expect(await statusOf(payment.id)).toBe('awaiting_payment')
    expect(await balanceOf(db(), account.escrow(payment.id, 'CNY'))).toBe(0)

    const own = await refusal(
      db().transaction((tx) =>
        decideBankTransfer(tx, {
          transferId: transfer.id,
          action: 'approve',
          actorUserId: clerk.id,
          ip: '1',
        }),
      ),
    )
    expect(own.messageKey).toBe('payments:approvals.errors.ownRecord')
    expect(await statusOf(payment.id)).toBe('awaiting_payment')

    await db().transaction((tx) =>
      decideBankTransfer(tx, {
        transferId: transfer.id,
        action: 'approve',
        actorUserId: checker.id,
        ip: '1',
      }),
    )
    expect(await statusOf(payment.id)).toBe('held')
    const [row] = await db().select().from(bankTransfers).where(eq(bankTransfers.id, transfer.id))
    expect(row?.status).toBe('recorded')
    expect(row?.approvedByUserId).toBe(checker.id)
  })

  it('a statement import matches by reference, lists the rest, and adds nothing twice', async () => {
    const { clerk, payment } = await setting(128_800)
    const serial = `${Date.now()}`
    const csv = [
      '交易日期,金额,币种,付款人,付款账号,摘要,流水号',
      `2026-11-21,"1,288.00",CNY,林晓彤,6222000011112222,测试费 ${payment.reference},A${serial}1`,
      `2026-11-21,500.00,CNY,某公司,6222000033334444,货款,A${serial}2`,
    ].join('\r\n')
    const first = await db().transaction((tx) =>
      importStatement(tx, { filename: 'statement.csv', text: csv, actorUserId: clerk.id, ip: '1' }),
    )
    expect(first).toMatchObject({ lines: 2, matched: 1, duplicates: 0 })
    expect(first.unmatched).toEqual([
      { lineNo: 3, reason: 'payments:statements.unmatched.noReference' },
    ])
    expect(await statusOf(payment.id)).toBe('held')

    const second = await db().transaction((tx) =>
      importStatement(tx, { filename: 'statement.csv', text: csv, actorUserId: clerk.id, ip: '1' }),
    )
    expect(second).toMatchObject({ lines: 2, matched: 0, duplicates: 2 })
    expect(await balanceOf(db(), account.escrow(payment.id, 'CNY'))).toBe(128_800)

    const bad = await refusal(
      db().transaction((tx) =>
        importStatement(tx, {
          filename: 'x.csv',
          text: '日期,金额\n2026-11-21,5',
          actorUserId: clerk.id,
          ip: '1',
        }),
      ),
    )
    expect(bad.messageKey).toBe('payments:statements.errors.missingColumn')
  })

  it('a release becomes an instruction; executing it pays out; a rejected one goes back to escrow', async () => {
    const { clerk, checker, lab, payment, quote } = await setting(3_000_000)
    await db().insert(payoutAccounts).values({
      ownerOrgId: lab.id,
      accountName: '苏州微纳检测中心',
      bankName: '工商银行苏州分行',
      accountNumber: '1102 0200 0900 0012 345',
      updatedAt: new Date(),
    })
    await db().transaction((tx) =>
      recordBankTransfer(tx, {
        reference: payment.reference,
        amountFen: 3_000_000,
        currency: 'CNY',
        receivedOn: '2026-11-20',
        payerName: '付款人',
        actorUserId: clerk.id,
        ip: '1',
      }),
    )
    const [transfer] = await db()
      .select()
      .from(bankTransfers)
      .where(eq(bankTransfers.paymentId, payment.id))
    await db().transaction((tx) =>
      decideBankTransfer(tx, {
        transferId: transfer?.id ?? '',
        action: 'approve',
        actorUserId: checker.id,
        ip: '1',
      }),
    )

    // Half now (¥15,000, over the threshold: needs a checker), half later.
    await db().transaction((tx) =>
      releasePayment(tx, {
        paymentId: payment.id,
        priceFen: 1_500_000,
        operationKey: `r1-${payment.id}`,
        actorUserId: clerk.id,
      }),
    )
    const [first] = await db()
      .select()
      .from(custodyInstructions)
      .where(eq(custodyInstructions.paymentId, payment.id))
    expect(first?.status).toBe('pending_approval')
    expect(first?.amountFen).toBe(1_500_000 - Math.round(quote.feeFen / 2))
    expect(first?.beneficiaryBank).toBe('工商银行苏州分行')
    const own = await refusal(
      db().transaction((tx) =>
        decideInstruction(tx, {
          instructionId: first?.id ?? '',
          action: 'approve',
          actorUserId: clerk.id,
          ip: '1',
        }),
      ),
    )
    expect(own.messageKey).toBe('payments:approvals.errors.ownRecord')
    // An admin who works for the lab being paid neither approves nor sees the buttons.
    const insider = await createUser(db())
    await makeAdmin(db(), insider.id, ['finance'])
    await addOrgMember(db(), lab.id, insider.id, 'member')
    const conflict = await refusal(
      db().transaction((tx) =>
        decideInstruction(tx, {
          instructionId: first?.id ?? '',
          action: 'approve',
          actorUserId: insider.id,
          ip: '1',
        }),
      ),
    )
    expect(conflict.messageKey).toBe('admin:conflict.refused')
    const { token } = await createSession(db(), insider.id)
    const page = await instructionsPage.loader({
      request: new Request('http://localhost/admin/payments/instructions', {
        headers: { cookie: `${sessionCookieName()}=${token}` },
      }),
      params: {},
      context: { ip: '1', nonce: 'test', requestId: 'test' },
    })
    expect(page.conflicted).toContain(first?.id)
    await db().transaction((tx) =>
      decideInstruction(tx, {
        instructionId: first?.id ?? '',
        action: 'approve',
        actorUserId: checker.id,
        ip: '1',
      }),
    )
    const cashBefore = await balanceOf(db(), account.custodyCash('CNY'))
    await db().transaction((tx) =>
      executeInstruction(tx, {
        instructionId: first?.id ?? '',
        bankReference: 'ICBC-20261121-0001',
        actorUserId: clerk.id,
        ip: '1',
      }),
    )
    expect(await balanceOf(db(), account.custodyCash('CNY'))).toBe(
      cashBefore - (first?.amountFen ?? 0),
    )
    expect(await balanceOf(db(), account.payable({ orgId: lab.id }, 'CNY'))).toBe(0)

    // The rest: released, then rejected by the checker: back in escrow, the payment held again.
    await db().transaction((tx) =>
      releasePayment(tx, {
        paymentId: payment.id,
        priceFen: 1_500_000,
        operationKey: `r2-${payment.id}`,
        actorUserId: clerk.id,
      }),
    )
    expect(await statusOf(payment.id)).toBe('settled')
    const second = (
      await db()
        .select()
        .from(custodyInstructions)
        .where(eq(custodyInstructions.paymentId, payment.id))
    ).find((i) => i.id !== first?.id)
    const noReason = await refusal(
      db().transaction((tx) =>
        decideInstruction(tx, {
          instructionId: second?.id ?? '',
          action: 'reject',
          actorUserId: checker.id,
          ip: '1',
        }),
      ),
    )
    expect(noReason.field).toBe('reason')
    await db().transaction((tx) =>
      decideInstruction(tx, {
        instructionId: second?.id ?? '',
        action: 'reject',
        reason: '收款账户待核实',
        actorUserId: checker.id,
        ip: '1',
      }),
    )
    expect(await statusOf(payment.id)).toBe('held')
    expect(await balanceOf(db(), account.escrow(payment.id, 'CNY'))).toBe(1_500_000)
  })
})

describe('payout accounts given late', () => {
  it('an instruction made before the payee gave an account is executed with the one given since', async () => {
    const { clerk, lab, payment } = await setting(50_000)
    await db().transaction((tx) =>
      recordBankTransfer(tx, {
        reference: payment.reference,
        amountFen: 50_000,
        currency: 'CNY',
        receivedOn: '2026-11-20',
        payerName: '付款人',
        actorUserId: clerk.id,
        ip: '1',
      }),
    )
    await db().transaction((tx) =>
      releasePayment(tx, {
        paymentId: payment.id,
        priceFen: 50_000,
        operationKey: `late-${payment.id}`,
        actorUserId: clerk.id,
      }),
    )
    const [instruction] = await db()
      .select()
      .from(custodyInstructions)
      .where(eq(custodyInstructions.paymentId, payment.id))
    expect(instruction?.beneficiaryAccount).toBe('')
    const early = await refusal(
      db().transaction((tx) =>
        executeInstruction(tx, {
          instructionId: instruction?.id ?? '',
          bankReference: 'B-1',
          actorUserId: clerk.id,
          ip: '1',
        }),
      ),
    )
    expect(early.messageKey).toBe('payments:instructions.errors.noBeneficiary')

    await db().insert(payoutAccounts).values({
      ownerOrgId: lab.id,
      accountName: '苏州微纳检测中心',
      bankName: '建设银行苏州工业园区支行',
      accountNumber: '3225 0198 8536 0000 0123',
      updatedAt: new Date(),
    })
    await db().transaction((tx) =>
      executeInstruction(tx, {
        instructionId: instruction?.id ?? '',
        bankReference: 'B-1',
        actorUserId: clerk.id,
        ip: '1',
      }),
    )
    const [done] = await db()
      .select()
      .from(custodyInstructions)
      .where(eq(custodyInstructions.id, instruction?.id ?? ''))
    expect(done).toMatchObject({ status: 'executed', beneficiaryBank: '建设银行苏州工业园区支行' })
  })
})
