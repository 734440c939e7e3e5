// The payout account form: one schema for Conform in the browser and the action on the server.
import { z } from 'zod'

export const PayoutAccountSchema = z.object({
  party: z.string().min(1),
  accountName: z
    .string({ error: 'payments:payout.errors.accountName' })
    .trim()
    .min(2, 'payments:payout.errors.accountName')
    .max(100, 'payments:payout.errors.accountName'),
  bankName: z
    .string({ error: 'payments:payout.errors.bankName' })
    .trim()
    .min(4, 'payments:payout.errors.bankName')
    .max(100, 'payments:payout.errors.bankName'),
  accountNumber: z
    .string({ error: 'payments:payout.errors.accountNumber' })
    .trim()
    .regex(/^[0-9][0-9 ]{7,34}[0-9]$/, 'payments:payout.errors.accountNumber'),
})
