// A custody-account statement (CSV, as banks export it) imported by a finance admin: every
// credit line is kept; a line whose memo carries a payment's reference and whose amount is what
// that payment owes is recorded as its transfer (with the same approval rule as a hand-recorded
// one). A statement imported twice adds nothing twice: lines are keyed by the bank's own serial.
import { eq } from 'drizzle-orm'
import { UserError } from '../problems.ts'
import type { Tx } from '../../../db/client.server.ts'
import { statementImports, statementLines } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { audit } from '../admin/audit.server.ts'
import { parseYuan } from './money.ts'
import { currencies, type Currency } from './payments.schema.ts'
import { recordBankTransfer } from './record-bank-transfer.server.ts'

/** Fields by the header names banks use, in Chinese or English. */
const headers: Record<string, readonly string[]> = {
  bookedOn: ['交易日期', '记账日期', 'date', 'booked on'],
  amount: ['金额', '贷方金额', '收入金额', 'amount', 'credit'],
  currency: ['币种', 'currency'],
  payerName: ['付款人', '对方户名', '付款人名称', 'payer', 'payer name'],
  payerAccount: ['付款账号', '对方账号', 'payer account', 'account'],
  memo: ['摘要', '附言', '用途', 'memo', 'remark'],
  bankRef: ['流水号', '交易流水号', '银行流水号', 'serial', 'bank reference', 'transaction id'],
}

export const REFERENCE_PATTERN = /ZC[2-9A-HJ-NP-Z]{8}/

/** RFC 4180: commas, quotes doubled inside quoted fields, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  const body = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < body.length; i++) {
    const c = body[i]
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++
      row.push(field)
      if (row.some((f) => f.trim() !== '')) rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  row.push(field)
  if (row.some((f) => f.trim() !== '')) rows.push(row)
  return rows
}

type Line = {
  lineNo: number
  bookedOn: string
  amountFen: number
  currency: Currency
  payerName: string
  payerAccount: string
  memo: string
  bankRef: string
}

export function readStatement(text: string): Line[] {
  const [head, ...rows] = parseCsv(text)
  if (!head) throw new UserError('payments:statements.errors.empty', 'file')
  const index = (field: string) =>
    head.findIndex((h) => headers[field]?.includes(h.trim().toLowerCase()) ?? false)
  const at = Object.fromEntries(Object.keys(headers).map((f) => [f, index(f)]))
  for (const required of ['bookedOn', 'amount', 'payerName', 'memo', 'bankRef'])
    if ((at[required] ?? -1) < 0)
      throw new UserError('payments:statements.errors.missingColumn', 'file', {
        column: headers[required]?.[0] ?? required,
      })
  return rows.map((cells, i) => {
    const cell = (f: string) => (cells[at[f] ?? -1] ?? '').trim()
    const amountFen = parseYuan(cell('amount'))
    const bookedOn = cell('bookedOn').replace(/[/.]/g, '-')
    const currency = (cell('currency') || 'CNY').toUpperCase()
    if (amountFen === null || !/^\d{4}-\d{2}-\d{2}$/.test(bookedOn) || !cell('bankRef'))
      throw new UserError('payments:statements.errors.badLine', 'file', { line: i + 2 })
    if (!(currencies as readonly string[]).includes(currency))
      throw new UserError('payments:statements.errors.badLine', 'file', { line: i + 2 })
    return {
      lineNo: i + 2,
      bookedOn,
      amountFen,
      currency: currency as Currency,
      payerName: cell('payerName'),
      payerAccount: cell('payerAccount'),
      memo: cell('memo'),
      bankRef: cell('bankRef'),
    }
  })
}

export async function importStatement(
  tx: Tx,
  input: { filename: string; text: string; actorUserId: string; ip: string },
) {
  const lines = readStatement(input.text)
  const [imported] = await tx
    .insert(statementImports)
    .values({
      filename: input.filename,
      importedByUserId: input.actorUserId,
      lines: lines.length,
      matched: 0,
      createdAt: now(),
    })
    .returning()
  if (!imported) throw new Error('statement import not stored')
  let matched = 0
  let duplicates = 0
  const unmatched: { lineNo: number; reason: string; values?: Record<string, string | number> }[] =
    []
  for (const line of lines) {
    const [stored] = await tx
      .insert(statementLines)
      .values({ importId: imported.id, ...line })
      .onConflictDoNothing({ target: statementLines.bankRef })
      .returning()
    if (!stored) {
      duplicates++
      continue
    }
    const reference = REFERENCE_PATTERN.exec(line.memo.toUpperCase())?.[0]
    if (!reference) {
      unmatched.push({ lineNo: line.lineNo, reason: 'payments:statements.unmatched.noReference' })
      continue
    }
    try {
      // A savepoint per line: one line that cannot be matched leaves the others standing.
      const transfer = await tx.transaction((inner) =>
        recordBankTransfer(inner, {
          reference,
          amountFen: line.amountFen,
          currency: line.currency,
          receivedOn: line.bookedOn,
          payerName: line.payerName,
          actorUserId: input.actorUserId,
          ip: input.ip,
          statementLineId: stored.id,
        }),
      )
      await tx
        .update(statementLines)
        .set({ bankTransferId: transfer.id })
        .where(eq(statementLines.id, stored.id))
      matched++
    } catch (error) {
      if (!(error instanceof UserError)) throw error
      // The values complete the message (the amount a mismatched line should have had).
      unmatched.push({
        lineNo: line.lineNo,
        reason: error.messageKey,
        ...(error.values ? { values: error.values } : {}),
      })
    }
  }
  await tx.update(statementImports).set({ matched }).where(eq(statementImports.id, imported.id))
  await audit(tx, {
    actorUserId: input.actorUserId,
    action: 'import-statement',
    entity: 'statement_import',
    entityId: imported.id,
    data: { lines: lines.length, matched, duplicates },
    ip: input.ip,
  })
  return { id: imported.id, lines: lines.length, matched, duplicates, unmatched }
}
