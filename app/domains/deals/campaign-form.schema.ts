// The startup's campaign form: one schema for Conform in the browser and for the action. Money is
// typed in yuan and leaves in fen; the deadline is typed in Beijing time and leaves as a UTC
// instant. Whether the deadline is within 90 days of publishing is judged on the server with the
// product clock (save-campaign.server.ts, publish-campaign.server.ts), since this runs in the
// browser too.
import { z } from 'zod'
import { fromBeijing } from '../challenges/beijing-time.ts'
import { parseYuan } from '../payments/money.ts'
import { segmentCodes } from '../spaces/segments.ts'
import {
  companyForms,
  securityTypes,
  vehicles,
  type CompanyForm,
  type SecurityType,
  type Vehicle,
} from './deals.schema.ts'

const err = (key: string) => ({ error: `campaigns:errors.${key}` })

const yuan = (requiredKey: string) =>
  z
    .string(err(requiredKey))
    .trim()
    .min(1, err(requiredKey))
    .transform((v, ctx) => {
      const fen = parseYuan(v)
      if (fen === null || fen <= 0) {
        ctx.addIssue({ code: 'custom', message: 'campaigns:errors.amount' })
        return z.NEVER
      }
      return fen
    })

const uniq = <T>(l: T[]) => [...new Set(l)]

const FieldsSchema = z.object({
  title: z
    .string(err('titleRequired'))
    .trim()
    .min(4, err('titleRequired'))
    .max(120, err('tooLong')),
  oneLiner: z
    .string(err('oneLinerRequired'))
    .trim()
    .min(6, err('oneLinerRequired'))
    .max(200, err('tooLong')),
  targetYuan: yuan('targetRequired'),
  maxYuan: yuan('maxRequired'),
  minTicketYuan: yuan('minTicketRequired'),
  minimumAcceptYuan: yuan('minimumAcceptRequired'),
  preMoneyYuan: yuan('preMoneyRequired'),
  securityType: z.enum(securityTypes, err('securityRequired')),
  companyForm: z.enum(companyForms, err('companyFormRequired')),
  vehicle: z.enum(vehicles, err('vehicleRequired')),
  existingHolders: z.coerce
    .number(err('holdersRequired'))
    .int(err('holdersRequired'))
    .min(0, err('holdersRequired'))
    .max(200, err('holdersTooMany')),
  deadline: z
    .string(err('deadlineRequired'))
    .trim()
    .min(1, err('deadlineRequired'))
    .transform((v, ctx) => {
      const at = fromBeijing(v)
      if (!at) {
        ctx.addIssue({ code: 'custom', message: 'campaigns:errors.deadlineRequired' })
        return z.NEVER
      }
      return at
    }),
  useOfFunds: z
    .string(err('useOfFundsRequired'))
    .trim()
    .min(10, err('useOfFundsRequired'))
    .max(5000, err('tooLong')),
  riskDisclosure: z
    .string(err('riskRequired'))
    .trim()
    .min(20, err('riskRequired'))
    .max(10_000, err('tooLong')),
  details: z.string().trim().max(20_000, err('tooLong')).optional(),
  ndaBody: z
    .string(err('ndaRequired'))
    .trim()
    .min(20, err('ndaRequired'))
    .max(20_000, err('tooLong')),
  segments: z
    .array(z.string().refine((s) => segmentCodes.has(s), { error: 'orgs:errors.segmentUnknown' }))
    .default([])
    .transform(uniq)
    .pipe(z.array(z.string()).min(1, err('segmentsCount')).max(3, err('segmentsCount'))),
  /** Why the terms changed, for investors: required by the server for a material change. */
  changeNote: z.string().trim().max(2000, err('tooLong')).optional(),
})

export type CampaignValues = {
  title: string
  oneLiner: string
  targetFen: number
  maxFen: number
  minTicketFen: number
  minimumAcceptFen: number
  preMoneyFen: number
  securityType: SecurityType
  companyForm: CompanyForm
  vehicle: Vehicle
  existingHolders: number
  deadline: Date
  useOfFunds: string
  riskDisclosure: string
  details: string
  ndaBody: string
  segments: string[]
  changeNote: string
}

export const CampaignFormSchema = FieldsSchema.transform((f, ctx): CampaignValues => {
  const issue = (path: string, key: string) =>
    ctx.addIssue({ code: 'custom', message: `campaigns:errors.${key}`, path: [path] })
  if (f.maxYuan < f.targetYuan) issue('maxYuan', 'maxBelowTarget')
  if (f.minTicketYuan > f.targetYuan) issue('minTicketYuan', 'minTicketAboveTarget')
  if (f.minimumAcceptYuan > f.targetYuan) issue('minimumAcceptYuan', 'minimumAcceptAboveTarget')
  if (f.minimumAcceptYuan < f.minTicketYuan) issue('minimumAcceptYuan', 'minimumAcceptBelowTicket')
  return {
    title: f.title,
    oneLiner: f.oneLiner,
    targetFen: f.targetYuan,
    maxFen: f.maxYuan,
    minTicketFen: f.minTicketYuan,
    minimumAcceptFen: f.minimumAcceptYuan,
    preMoneyFen: f.preMoneyYuan,
    securityType: f.securityType,
    companyForm: f.companyForm,
    vehicle: f.vehicle,
    existingHolders: f.existingHolders,
    deadline: f.deadline,
    useOfFunds: f.useOfFunds,
    riskDisclosure: f.riskDisclosure,
    details: f.details ?? '',
    ndaBody: f.ndaBody,
    segments: f.segments,
    changeNote: f.changeNote ?? '',
  }
})

export const QuestionSchema = z.object({
  question: z
    .string(err('questionRequired'))
    .trim()
    .min(5, err('questionRequired'))
    .max(2000, err('tooLong')),
})
export const AnswerSchema = z.object({
  questionId: z.uuid(),
  answer: z
    .string(err('answerRequired'))
    .trim()
    .min(2, err('answerRequired'))
    .max(4000, err('tooLong')),
})
export const UpdateSchema = z.object({
  title: z
    .string(err('updateTitleRequired'))
    .trim()
    .min(2, err('updateTitleRequired'))
    .max(120, err('tooLong')),
  body: z
    .string(err('updateBodyRequired'))
    .trim()
    .min(5, err('updateBodyRequired'))
    .max(10_000, err('tooLong')),
})
export const DocumentSchema = z.object({
  title: z
    .string(err('documentTitleRequired'))
    .trim()
    .min(2, err('documentTitleRequired'))
    .max(120, err('tooLong')),
})
