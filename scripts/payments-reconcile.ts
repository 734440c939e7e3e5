// `npm run payments:reconcile -- --from 2026-11-01 --to 2026-11-30`: the ledger against
// Stripe's balance transactions for those days (UTC, both included). Prints every difference
// and exits 1 when there is any, so a scheduled run can alert finance.
import { parseArgs } from 'node:util'
import { closeDb } from '../db/client.server.ts'
import { stripeEnabled } from '../app/domains/payments/stripe/client.server.ts'
import { reconcileStripe } from '../app/domains/payments/stripe/reconcile.server.ts'
import { rangeOf, ReconcileRangeSchema } from '../app/domains/payments/stripe/stripe.schema.ts'

const { values } = parseArgs({
  options: { from: { type: 'string' }, to: { type: 'string' } },
})
const range = ReconcileRangeSchema.safeParse(values)
if (!range.success) {
  process.stderr.write('usage: npm run payments:reconcile -- --from YYYY-MM-DD --to YYYY-MM-DD\n')
  process.exit(2)
}
if (!stripeEnabled()) {
  process.stderr.write('STRIPE_SECRET_KEY is not set: there is no Stripe account to reconcile\n')
  process.exit(2)
}

const yuan = (fen: number) => (fen / 100).toFixed(2)
const report = await reconcileStripe(rangeOf(range.data))
const header = ['difference', 'object', 'currency', 'stripe', 'ledger', 'stripe fee', 'ledger fee']
const rows = report.differences.map((d) => [
  d.kind,
  d.object,
  d.currency,
  yuan(d.stripeAmountFen),
  yuan(d.ledgerAmountFen),
  yuan(d.stripeFeeFen),
  yuan(d.ledgerFeeFen),
])
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
const line = (cells: string[]) =>
  cells.map((c, i) => (i >= 3 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ')
process.stdout.write(
  `Stripe reconciliation ${range.data.from} – ${range.data.to}: ${report.matched} matched, ` +
    `${report.differences.length} differences, ${report.inTransit.length} awaiting release\n`,
)
if (rows.length > 0) {
  process.stdout.write(`${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`)
  for (const row of rows) process.stdout.write(`${line(row)}\n`)
}
for (const t of report.inTransit)
  process.stdout.write(
    `awaiting release: ${t.object} (payment ${t.paymentId}) ${yuan(t.stripeAmountFen)} ${t.currency}\n`,
  )
await closeDb()
process.exit(report.differences.length > 0 ? 1 : 0)
