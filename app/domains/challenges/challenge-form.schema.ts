// The poster's challenge form: one schema for Conform in the browser and for the action. Money is
// typed in yuan and leaves in fen; deadlines are typed in Beijing time (datetime-local, no zone)
// and leave as UTC instants. Whether the bid deadline is still ahead is judged when publishing,
// with the product clock (publish-challenge.server.ts), since the schema runs in the browser too.
// Also the platform admin's form for stopping a challenge.
import { z } from 'zod'
import { parseYuan } from '../payments/money.ts'
import { segmentCodes } from '../spaces/segments.ts'
import {
  challengeTypes,
  confidentialities,
  eligibilities,
  ipTerms,
  solicitationModes,
  type AwardMode,
  type ChallengeType,
  type Eligibility,
  type IpTerms,
} from './challenge.schema.ts'
import { fromBeijing } from './beijing-time.ts'

const err = (key: string) => ({ error: `challenges:errors.${key}` })

const yuan = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return undefined
    const fen = parseYuan(v)
    if (fen === null || fen <= 0) {
      ctx.addIssue({ code: 'custom', message: 'challenges:errors.amount' })
      return z.NEVER
    }
    return fen
  })

const when = (key: string) =>
  z
    .string(err(key))
    .trim()
    .min(1, err(key))
    .transform((v, ctx) => {
      const at = fromBeijing(v)
      if (!at) {
        ctx.addIssue({ code: 'custom', message: `challenges:errors.${key}` })
        return z.NEVER
      }
      return at
    })

const uniq = <T>(l: T[]) => [...new Set(l)]

const FieldsSchema = z.object({
  title: z
    .string(err('titleRequired'))
    .trim()
    .min(4, err('titleRequired'))
    .max(120, err('tooLong')),
  summary: z
    .string(err('summaryRequired'))
    .trim()
    .min(10, err('summaryRequired'))
    .max(600, err('tooLong')),
  details: z.string().trim().max(20_000, err('tooLong')).optional(),
  segments: z
    .array(z.string().refine((s) => segmentCodes.has(s), { error: 'orgs:errors.segmentUnknown' }))
    .default([])
    .transform(uniq)
    .pipe(z.array(z.string()).min(1, err('segmentsCount')).max(3, err('segmentsCount'))),
  type: z.enum(challengeTypes, err('typeRequired')),
  solicitation: z.enum(solicitationModes).default('open'),
  awardMode: z.enum(['fixed', 'range'], err('awardModeRequired')),
  awardYuan: yuan,
  budgetMinYuan: yuan,
  budgetMaxYuan: yuan,
  bidDeadline: when('bidDeadline'),
  awardDeadline: when('awardDeadline'),
  deliveryDeadline: when('deliveryDeadline'),
  ipTerms: z.enum(ipTerms, err('ipTermsRequired')),
  confidentiality: z.enum(confidentialities).default('public'),
  ndaTitle: z.string().trim().max(120, err('tooLong')).optional(),
  ndaBody: z.string().trim().max(20_000, err('tooLong')).optional(),
  eligibility: z.enum(eligibilities).default('anyone'),
  eligibleSpaceIds: z
    .array(z.uuid(err('spacesRequired')))
    .default([])
    .transform(uniq),
  eligibleSegments: z
    .array(z.string().refine((s) => segmentCodes.has(s), { error: 'orgs:errors.segmentUnknown' }))
    .default([])
    .transform(uniq),
  /** Why an amendment was made; shown to bidders with the new version. */
  amendmentNote: z.string().trim().max(1000, err('tooLong')).optional(),
})

export type ChallengeValues = {
  title: string
  summary: string
  details: string
  segments: string[]
  type: ChallengeType
  solicitation: (typeof solicitationModes)[number]
  awardMode: AwardMode
  awardFen: number | null
  budgetMinFen: number | null
  budgetMaxFen: number | null
  bidDeadline: Date
  awardDeadline: Date
  deliveryDeadline: Date
  ipTerms: IpTerms
  confidentiality: (typeof confidentialities)[number]
  /** The NDA text as the form holds it; a changed text becomes the organisation's next version. */
  nda: { title: string; body: string } | null
  eligibility: Eligibility
  eligibleSpaceIds: string[]
  eligibleSegments: string[]
  amendmentNote: string
}

export const ChallengeFormSchema = FieldsSchema.transform((f, ctx): ChallengeValues => {
  const issue = (path: string, key: string) =>
    ctx.addIssue({ code: 'custom', message: `challenges:errors.${key}`, path: [path] })
  if (f.awardMode === 'fixed' && f.awardYuan === undefined) issue('awardYuan', 'awardRequired')
  if (f.awardMode === 'range') {
    if (f.budgetMinYuan === undefined) issue('budgetMinYuan', 'budgetRequired')
    if (f.budgetMaxYuan === undefined) issue('budgetMaxYuan', 'budgetRequired')
    if (
      f.budgetMinYuan !== undefined &&
      f.budgetMaxYuan !== undefined &&
      f.budgetMaxYuan < f.budgetMinYuan
    )
      issue('budgetMaxYuan', 'budgetOrder')
  }
  if (f.awardDeadline < f.bidDeadline) issue('awardDeadline', 'awardBeforeBid')
  if (f.deliveryDeadline < f.awardDeadline) issue('deliveryDeadline', 'deliveryBeforeAward')
  if (f.confidentiality === 'nda' && (!f.ndaBody || f.ndaBody.length < 20))
    issue('ndaBody', 'ndaRequired')
  if (f.eligibility === 'space_members' && f.eligibleSpaceIds.length === 0)
    issue('eligibleSpaceIds', 'spacesRequired')
  if (f.eligibility === 'segments' && f.eligibleSegments.length === 0)
    issue('eligibleSegments', 'eligibleSegmentsRequired')
  return {
    title: f.title,
    summary: f.summary,
    details: f.details ?? '',
    segments: f.segments,
    type: f.type,
    solicitation: f.solicitation,
    awardMode: f.awardMode,
    awardFen: f.awardMode === 'fixed' ? (f.awardYuan ?? null) : null,
    budgetMinFen: f.awardMode === 'range' ? (f.budgetMinYuan ?? null) : null,
    budgetMaxFen: f.awardMode === 'range' ? (f.budgetMaxYuan ?? null) : null,
    bidDeadline: f.bidDeadline,
    awardDeadline: f.awardDeadline,
    deliveryDeadline: f.deliveryDeadline,
    ipTerms: f.ipTerms,
    confidentiality: f.confidentiality,
    nda:
      f.confidentiality === 'nda'
        ? { title: f.ndaTitle || '保密协议', body: f.ndaBody ?? '' }
        : null,
    eligibility: f.eligibility,
    eligibleSpaceIds: f.eligibility === 'space_members' ? f.eligibleSpaceIds : [],
    eligibleSegments: f.eligibility === 'segments' ? f.eligibleSegments : [],
    amendmentNote: f.amendmentNote ?? '',
  }
})

/** The question and answer forms. */
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

/** An admin stopping a challenge, with the reason its parties are told. */
export const AdminCancelChallengeSchema = z.object({
  challengeId: z.uuid(),
  reason: z
    .string({ error: 'admin:challenges.errors.reason' })
    .trim()
    .min(5, { error: 'admin:challenges.errors.reason' })
    .max(1000, { error: 'admin:challenges.errors.reason' }),
})
