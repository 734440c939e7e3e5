// Forms of 发票 requests: the requester's form (抬头, 税号, 普票 or 专票 with its bank details) and
// the issuer's and requester's decisions, one schema each for the page and its action.
import { z } from 'zod'
import { checkUscc, normalizeUscc } from '../orgs/uscc.ts'

/** Who issues a 发票: the payee for the price, the platform for its fee. */
export const fapiaoIssuers = ['payee', 'platform'] as const
export type FapiaoIssuer = (typeof fapiaoIssuers)[number]

const required = (message: string, max: number) =>
  z
    .string({ error: message })
    .trim()
    .min(1, { error: message })
    .max(max, { error: 'fapiao:errors.tooLong' })

/**
 * A 税号 is, since 2015, the 统一社会信用代码: 18 characters with a check digit, which we check.
 * Taxpayers registered before it (and some individual businesses) still carry a 15–20 character
 * code with no check digit anyone can verify, so those are only checked for their shape.
 */
export const TaxIdSchema = z
  .string({ error: 'fapiao:errors.taxIdRequired' })
  .transform((v, ctx) => {
    const code = normalizeUscc(v)
    if (code.length === 18) {
      const uscc = checkUscc(code)
      if (uscc.ok) return uscc.code
      ctx.addIssue({ code: 'custom', message: 'fapiao:errors.taxIdUscc' })
      return z.NEVER
    }
    if (/^[0-9A-Z]{15,20}$/.test(code)) return code
    ctx.addIssue({ code: 'custom', message: 'fapiao:errors.taxIdFormat' })
    return z.NEVER
  })

const PhoneSchema = z
  .string({ error: 'fapiao:errors.phoneRequired' })
  .trim()
  .regex(/^[0-9+\-() ]{7,20}$/, { error: 'fapiao:errors.phoneFormat' })

const BankAccountSchema = z
  .string({ error: 'fapiao:errors.bankAccountRequired' })
  .transform((v) => v.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{8,32}$/, { error: 'fapiao:errors.bankAccountFormat' }))

const common = {
  intent: z.literal('request'),
  issuer: z.enum(fapiaoIssuers, { error: 'fapiao:errors.issuerRequired' }),
  title: required('fapiao:errors.titleRequired', 100),
  taxId: TaxIdSchema,
  email: z
    .string({ error: 'fapiao:errors.emailRequired' })
    .trim()
    .toLowerCase()
    .email({ error: 'fapiao:errors.emailInvalid' })
    .max(200, { error: 'fapiao:errors.tooLong' }),
}

/**
 * A 专用发票 lets the buyer deduct input VAT, so the tax office requires the buyer's registered
 * address, telephone, bank and account on it; a 普通发票 may carry them but need not.
 */
export const RequestFapiaoSchema = z.discriminatedUnion(
  'type',
  [
    z.object({
      ...common,
      type: z.literal('normal'),
      address: z.string().trim().max(200, { error: 'fapiao:errors.tooLong' }).optional(),
      phone: PhoneSchema.optional(),
      bankName: z.string().trim().max(100, { error: 'fapiao:errors.tooLong' }).optional(),
      bankAccount: BankAccountSchema.optional(),
    }),
    z.object({
      ...common,
      type: z.literal('special'),
      address: required('fapiao:errors.addressRequired', 200),
      phone: PhoneSchema,
      bankName: required('fapiao:errors.bankNameRequired', 100),
      bankAccount: BankAccountSchema,
    }),
  ],
  { error: 'fapiao:errors.typeRequired' },
)
export type RequestFapiao = z.output<typeof RequestFapiaoSchema>

const RequestIdSchema = z.uuid({ error: 'fapiao:errors.conflict' })

export const IssueFapiaoSchema = z.object({
  intent: z.literal('issue'),
  requestId: RequestIdSchema,
  // 发票号码: 8 digits on paper invoices, 20 on fully digital ones (全电发票).
  invoiceNumber: z
    .string({ error: 'fapiao:errors.invoiceNumberRequired' })
    .transform((v) => v.replace(/\s/g, ''))
    .pipe(z.string().regex(/^\d{8,20}$/, { error: 'fapiao:errors.invoiceNumberFormat' })),
})

export const RejectFapiaoSchema = z.object({
  intent: z.literal('reject'),
  requestId: RequestIdSchema,
  reason: z
    .string({ error: 'fapiao:errors.reasonRequired' })
    .trim()
    .min(2, { error: 'fapiao:errors.reasonRequired' })
    .max(1000, { error: 'fapiao:errors.tooLong' }),
})

export const WithdrawFapiaoSchema = z.object({
  intent: z.literal('withdraw'),
  requestId: RequestIdSchema,
})

/** The issuer's inbox: issue with the PDF and number, or reject with a reason. */
export const DecideFapiaoSchema = z.discriminatedUnion('intent', [
  IssueFapiaoSchema,
  RejectFapiaoSchema,
])
