// Read queries of the finance admins' console (/admin/payments): what waits for a finance admin,
// the payments list, one payment with its ledger, transfers, statements, custody instructions and
// fee schedules. Each page needs a fixed, small number of queries; long lists are paged by 50.
import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { db } from '../../../db/client.server.ts'
import {
  bankTransfers,
  custodyInstructions,
  fapiaoRequests,
  feeSchedules,
  organisations,
  paymentStatusEvents,
  payments,
  quotes,
  statementImports,
  statementLines,
  users,
} from '../../../db/schema/index.ts'
import { PAGE_SIZE, type Page } from '../admin/queries.server.ts'
import { custodyInstructionMachine } from './custody-instruction.machine.ts'
import { account, balanceOf, entriesOfPayment } from './ledger.server.ts'
import { paymentMachine, type PaymentStatus } from './payment.machine.ts'
import { APPROVAL_THRESHOLD_FEN, marketplaces } from './payments.schema.ts'

/** The history lists (recent transfers, imports, decided instructions) show this many rows. */
const RECENT = 50

export function isPaymentStatus(value: unknown): value is PaymentStatus {
  return typeof value === 'string' && (paymentMachine.states as readonly string[]).includes(value)
}

const payerUser = alias(users, 'payer_user')
const payerOrg = alias(organisations, 'payer_org')
const payeeUser = alias(users, 'payee_user')
const payeeOrg = alias(organisations, 'payee_org')

/** A payment's parties by name: the organisation when it pays or is paid for one, else the person. */
const parties = {
  payerName: sql<string>`coalesce(${payerOrg.name}, ${payerUser.name})`,
  payerPerson: payerUser.name,
  payeeName: sql<string>`coalesce(${payeeOrg.name}, ${payeeUser.name}, '')`,
}

// ——— Overview ———

/** What waits for a finance admin, one count per queue. */
export async function financeQueueCounts() {
  const n = (rows: { n: number }[]) => rows[0]?.n ?? 0
  const [transfers, toApprove, toExecute, unmatched, fapiao] = await Promise.all([
    db()
      .select({ n: count() })
      .from(bankTransfers)
      .where(eq(bankTransfers.status, 'pending_approval'))
      .then(n),
    db()
      .select({ n: count() })
      .from(custodyInstructions)
      .where(eq(custodyInstructions.status, 'pending_approval'))
      .then(n),
    db()
      .select({ n: count() })
      .from(custodyInstructions)
      .where(eq(custodyInstructions.status, 'approved'))
      .then(n),
    db()
      .select({ n: count() })
      .from(statementLines)
      .where(isNull(statementLines.bankTransferId))
      .then(n),
    db()
      .select({ n: count() })
      .from(fapiaoRequests)
      .where(and(eq(fapiaoRequests.issuer, 'platform'), eq(fapiaoRequests.status, 'requested')))
      .then(n),
  ])
  return {
    transfersAwaitingApproval: transfers,
    instructionsAwaitingApproval: toApprove,
    instructionsToExecute: toExecute,
    unmatchedLines: unmatched,
    platformFapiao: fapiao,
  }
}

/** Payments, newest first, optionally of one status. */
export async function paymentList(input: { status: PaymentStatus | null; page: number }) {
  const rows = await db()
    .select({
      id: payments.id,
      reference: payments.reference,
      description: payments.description,
      amountFen: payments.amountFen,
      currency: payments.currency,
      provider: payments.provider,
      status: payments.status,
      marketplace: payments.marketplace,
      createdAt: payments.createdAt,
      ...parties,
    })
    .from(payments)
    .innerJoin(payerUser, eq(payerUser.id, payments.payerUserId))
    .leftJoin(payerOrg, eq(payerOrg.id, payments.payerOrgId))
    .leftJoin(payeeUser, eq(payeeUser.id, payments.payeeUserId))
    .leftJoin(payeeOrg, eq(payeeOrg.id, payments.payeeOrgId))
    .where(input.status ? eq(payments.status, input.status) : undefined)
    .orderBy(desc(payments.createdAt), desc(payments.id))
    .limit(PAGE_SIZE + 1)
    .offset((input.page - 1) * PAGE_SIZE)
  const page: Page<(typeof rows)[number]> = {
    rows: rows.slice(0, PAGE_SIZE),
    page: input.page,
    hasNext: rows.length > PAGE_SIZE,
  }
  return page
}

// ——— One payment ———

/** Whether a payment exists: an action checks before its use case locks the row. */
export async function paymentExists(paymentId: string): Promise<boolean> {
  const rows = await db()
    .select({ id: payments.id })
    .from(payments)
    .where(eq(payments.id, paymentId))
  return rows.length > 0
}

/** A ledger transaction of a payment with its entries, in posting order. */
export type LedgerGroup = {
  transactionId: string
  kind: string
  memo: string
  postedAt: Date
  providerRef: string | null
  entries: {
    entryId: number
    account: string
    accountKind: string
    amount: number
    currency: string
    balanceAfter: number
  }[]
}

export async function paymentDetail(paymentId: string) {
  const actor = alias(users, 'actor')
  const approver = alias(users, 'approver')
  const [payment, history, transfers, instructions, entries] = await Promise.all([
    db()
      .select({
        payment: payments,
        quote: quotes,
        schedule: {
          rateBp: feeSchedules.rateBp,
          minimumFen: feeSchedules.minimumFen,
          mode: feeSchedules.mode,
          createdAt: feeSchedules.createdAt,
        },
        ...parties,
        payerEmail: payerUser.email,
      })
      .from(payments)
      .innerJoin(quotes, eq(quotes.id, payments.quoteId))
      .innerJoin(feeSchedules, eq(feeSchedules.id, quotes.feeScheduleId))
      .innerJoin(payerUser, eq(payerUser.id, payments.payerUserId))
      .leftJoin(payerOrg, eq(payerOrg.id, payments.payerOrgId))
      .leftJoin(payeeUser, eq(payeeUser.id, payments.payeeUserId))
      .leftJoin(payeeOrg, eq(payeeOrg.id, payments.payeeOrgId))
      .where(eq(payments.id, paymentId))
      .then((r) => r[0]),
    db()
      .select({
        id: paymentStatusEvents.id,
        action: paymentStatusEvents.action,
        fromStatus: paymentStatusEvents.fromStatus,
        toStatus: paymentStatusEvents.toStatus,
        note: paymentStatusEvents.note,
        at: paymentStatusEvents.at,
        actorName: actor.name,
      })
      .from(paymentStatusEvents)
      .leftJoin(actor, eq(actor.id, paymentStatusEvents.actorUserId))
      .where(eq(paymentStatusEvents.paymentId, paymentId))
      .orderBy(asc(paymentStatusEvents.at), asc(paymentStatusEvents.id)),
    db()
      .select({
        id: bankTransfers.id,
        reference: bankTransfers.reference,
        amountFen: bankTransfers.amountFen,
        currency: bankTransfers.currency,
        receivedOn: bankTransfers.receivedOn,
        payerName: bankTransfers.payerName,
        status: bankTransfers.status,
        rejectionReason: bankTransfers.rejectionReason,
        fromStatement: sql<boolean>`${bankTransfers.statementLineId} is not null`,
        createdAt: bankTransfers.createdAt,
        recordedBy: actor.name,
        approvedBy: approver.name,
      })
      .from(bankTransfers)
      .innerJoin(actor, eq(actor.id, bankTransfers.recordedByUserId))
      .leftJoin(approver, eq(approver.id, bankTransfers.approvedByUserId))
      .where(eq(bankTransfers.paymentId, paymentId))
      .orderBy(asc(bankTransfers.createdAt)),
    db()
      .select({
        id: custodyInstructions.id,
        kind: custodyInstructions.kind,
        amountFen: custodyInstructions.amountFen,
        currency: custodyInstructions.currency,
        status: custodyInstructions.status,
        beneficiaryName: custodyInstructions.beneficiaryName,
        bankReference: custodyInstructions.bankReference,
        rejectionReason: custodyInstructions.rejectionReason,
        createdAt: custodyInstructions.createdAt,
        updatedAt: custodyInstructions.updatedAt,
      })
      .from(custodyInstructions)
      .where(eq(custodyInstructions.paymentId, paymentId))
      .orderBy(asc(custodyInstructions.createdAt)),
    entriesOfPayment(db(), paymentId),
  ])
  if (!payment) return null
  const ledger: LedgerGroup[] = []
  for (const e of entries) {
    let group = ledger.at(-1)
    if (group?.transactionId !== e.transactionId) {
      group = {
        transactionId: e.transactionId,
        kind: e.kind,
        memo: e.memo,
        postedAt: e.postedAt,
        providerRef: e.providerRef,
        entries: [],
      }
      ledger.push(group)
    }
    group.entries.push({
      entryId: e.entryId,
      account: e.account,
      accountKind: e.accountKind,
      amount: e.amount,
      currency: e.currency,
      balanceAfter: e.balanceAfter,
    })
  }
  const escrowFen = await balanceOf(
    db(),
    account.escrow(payment.payment.id, payment.payment.currency),
  )
  return { ...payment, history, transfers, instructions, ledger, escrowFen }
}

// ——— Bank transfers ———

/** Transfers waiting for a second admin (oldest first: a queue), and the latest ones recorded. */
export async function transferLists() {
  const recorder = alias(users, 'recorder')
  const approver = alias(users, 'approver')
  const columns = {
    id: bankTransfers.id,
    paymentId: bankTransfers.paymentId,
    reference: bankTransfers.reference,
    amountFen: bankTransfers.amountFen,
    currency: bankTransfers.currency,
    receivedOn: bankTransfers.receivedOn,
    payerName: bankTransfers.payerName,
    status: bankTransfers.status,
    rejectionReason: bankTransfers.rejectionReason,
    fromStatement: sql<boolean>`${bankTransfers.statementLineId} is not null`,
    recordedByUserId: bankTransfers.recordedByUserId,
    recordedBy: recorder.name,
    approvedBy: approver.name,
    createdAt: bankTransfers.createdAt,
    decidedAt: bankTransfers.decidedAt,
    description: payments.description,
    payerOrgId: payments.payerOrgId,
    payeeOrgId: payments.payeeOrgId,
  }
  const base = () =>
    db()
      .select(columns)
      .from(bankTransfers)
      .innerJoin(payments, eq(payments.id, bankTransfers.paymentId))
      .innerJoin(recorder, eq(recorder.id, bankTransfers.recordedByUserId))
      .leftJoin(approver, eq(approver.id, bankTransfers.approvedByUserId))
  const [awaiting, recent] = await Promise.all([
    base()
      .where(eq(bankTransfers.status, 'pending_approval'))
      .orderBy(asc(bankTransfers.createdAt), asc(bankTransfers.id)),
    base().orderBy(desc(bankTransfers.createdAt), desc(bankTransfers.id)).limit(RECENT),
  ])
  return { awaiting, recent }
}

// ——— Statements ———

export async function statementLists() {
  const [imports, unmatched] = await Promise.all([
    db()
      .select({
        id: statementImports.id,
        filename: statementImports.filename,
        lines: statementImports.lines,
        matched: statementImports.matched,
        createdAt: statementImports.createdAt,
        importedBy: users.name,
      })
      .from(statementImports)
      .innerJoin(users, eq(users.id, statementImports.importedByUserId))
      .orderBy(desc(statementImports.createdAt), desc(statementImports.id))
      .limit(RECENT),
    db()
      .select({
        id: statementLines.id,
        lineNo: statementLines.lineNo,
        bookedOn: statementLines.bookedOn,
        amountFen: statementLines.amountFen,
        currency: statementLines.currency,
        payerName: statementLines.payerName,
        payerAccount: statementLines.payerAccount,
        memo: statementLines.memo,
        bankRef: statementLines.bankRef,
        filename: statementImports.filename,
      })
      .from(statementLines)
      .innerJoin(statementImports, eq(statementImports.id, statementLines.importId))
      .where(isNull(statementLines.bankTransferId))
      .orderBy(desc(statementLines.bookedOn), asc(statementLines.lineNo)),
  ])
  return { imports, unmatched }
}

// ——— Custody instructions ———

export type InstructionStatus = (typeof custodyInstructionMachine.states)[number]

/** Instructions by status: the open ones in full (oldest first), the decided ones latest first. */
export async function instructionLists() {
  const creator = alias(users, 'creator')
  const approver = alias(users, 'approver')
  const executor = alias(users, 'executor')
  const base = () =>
    db()
      .select({
        id: custodyInstructions.id,
        kind: custodyInstructions.kind,
        paymentId: custodyInstructions.paymentId,
        reference: payments.reference,
        description: payments.description,
        payerOrgId: payments.payerOrgId,
        payeeOrgId: payments.payeeOrgId,
        amountFen: custodyInstructions.amountFen,
        currency: custodyInstructions.currency,
        beneficiaryName: custodyInstructions.beneficiaryName,
        beneficiaryBank: custodyInstructions.beneficiaryBank,
        beneficiaryAccount: custodyInstructions.beneficiaryAccount,
        status: custodyInstructions.status,
        rejectionReason: custodyInstructions.rejectionReason,
        bankReference: custodyInstructions.bankReference,
        createdByUserId: custodyInstructions.createdByUserId,
        createdBy: creator.name,
        approvedBy: approver.name,
        executedBy: executor.name,
        createdAt: custodyInstructions.createdAt,
        updatedAt: custodyInstructions.updatedAt,
        aboveThreshold: sql<boolean>`${custodyInstructions.amountFen} > ${APPROVAL_THRESHOLD_FEN}`,
      })
      .from(custodyInstructions)
      .innerJoin(payments, eq(payments.id, custodyInstructions.paymentId))
      .leftJoin(creator, eq(creator.id, custodyInstructions.createdByUserId))
      .leftJoin(approver, eq(approver.id, custodyInstructions.approvedByUserId))
      .leftJoin(executor, eq(executor.id, custodyInstructions.executedByUserId))
  const open = (status: InstructionStatus) =>
    base()
      .where(eq(custodyInstructions.status, status))
      .orderBy(asc(custodyInstructions.createdAt), asc(custodyInstructions.id))
  const [awaiting, approved, history] = await Promise.all([
    open('pending_approval'),
    open('approved'),
    base()
      .where(inArray(custodyInstructions.status, ['executed', 'rejected']))
      .orderBy(desc(custodyInstructions.updatedAt), desc(custodyInstructions.id))
      .limit(RECENT),
  ])
  return { awaiting, approved, history }
}

// ——— Fee schedules ———

/** Every version of every marketplace's schedule, newest first; the first of each is current. */
export async function feeScheduleVersions() {
  const rows = await db()
    .select({
      id: feeSchedules.id,
      marketplace: feeSchedules.marketplace,
      rateBp: feeSchedules.rateBp,
      minimumFen: feeSchedules.minimumFen,
      mode: feeSchedules.mode,
      createdAt: feeSchedules.createdAt,
      createdBy: users.name,
      quotes:
        sql<number>`(select count(*) from ${quotes} where ${quotes.feeScheduleId} = ${feeSchedules.id})`.mapWith(
          Number,
        ),
    })
    .from(feeSchedules)
    .leftJoin(users, eq(users.id, feeSchedules.createdByUserId))
    // The same order as currentSchedule, so "current" here is the one new quotes use.
    .orderBy(desc(feeSchedules.createdAt), desc(feeSchedules.id))
  return marketplaces.map((marketplace) => {
    const versions = rows.filter((r) => r.marketplace === marketplace)
    return { marketplace, current: versions[0] ?? null, versions }
  })
}
