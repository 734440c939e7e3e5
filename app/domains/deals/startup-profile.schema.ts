// The startup profile form: one schema for Conform in the browser and for the action. Amounts
// are typed in yuan and leave in fen; team members and traction figures are rows, and a row left
// blank is dropped. Segments and city are the organisation's own and are edited on its page.
import { z } from 'zod'
import { parseYuan } from '../payments/money.ts'
import {
  companyForms,
  HOLDER_LIMIT,
  startupStages,
  type CompanyForm,
  type StartupStage,
} from './deals.schema.ts'
import { MAX_TEAM, MAX_TRACTION } from './deals.schema.ts'

const err = (key: string) => ({ error: `startups:errors.${key}` })
const text = (max: number) => z.string().trim().max(max, err('tooLong')).optional()

const yuan = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return null
    const fen = parseYuan(v)
    if (fen === null || fen <= 0) {
      ctx.addIssue({ code: 'custom', message: 'startups:errors.amount' })
      return z.NEVER
    }
    return fen
  })

const TeamRow = z.object({ name: text(40), role: text(60), bio: text(400) })
const TractionRow = z.object({ label: text(40), value: text(60) })

export type StartupProfileValues = {
  oneLiner: string
  stage: StartupStage
  foundedOn: string | null
  team: { name: string; role: string; bio: string }[]
  traction: { label: string; value: string }[]
  seekingFen: number | null
  minTicketFen: number | null
  companyForm: CompanyForm
  existingHolders: number
  removeLogo: boolean
}

export const StartupProfileSchema = z
  .object({
    oneLiner: z
      .string(err('oneLinerRequired'))
      .trim()
      .min(6, err('oneLinerRequired'))
      .max(120, err('tooLong')),
    stage: z.enum(startupStages, err('stageRequired')),
    foundedOn: z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, err('foundedOn'))
      .optional(),
    team: z.array(TeamRow.optional()).max(MAX_TEAM, err('tooMany')).default([]),
    traction: z.array(TractionRow.optional()).max(MAX_TRACTION, err('tooMany')).default([]),
    seekingYuan: yuan,
    minTicketYuan: yuan,
    companyForm: z.enum(companyForms, err('companyFormRequired')),
    existingHolders: z.coerce
      .number(err('holders'))
      .int(err('holders'))
      .min(1, err('holders'))
      .max(HOLDER_LIMIT.joint_stock, err('holders')),
    removeLogo: z.literal('on').optional(),
  })
  .transform((f, ctx): StartupProfileValues => {
    const issue = (path: (string | number)[], key: string, params?: Record<string, unknown>) =>
      ctx.addIssue({
        code: 'custom',
        message: `startups:errors.${key}${params ? `|${JSON.stringify(params)}` : ''}`,
        path,
      })
    const team = f.team.flatMap((row, i) => {
      if (!row || (!row.name && !row.role && !row.bio)) return []
      if (!row.name) issue(['team', i, 'name'], 'teamName')
      if (!row.role) issue(['team', i, 'role'], 'teamRole')
      return [{ name: row.name ?? '', role: row.role ?? '', bio: row.bio ?? '' }]
    })
    const traction = f.traction.flatMap((row, i) => {
      if (!row || (!row.label && !row.value)) return []
      if (!row.label) issue(['traction', i, 'label'], 'tractionLabel')
      if (!row.value) issue(['traction', i, 'value'], 'tractionValue')
      return [{ label: row.label ?? '', value: row.value ?? '' }]
    })
    if (f.foundedOn && Number.isNaN(Date.parse(`${f.foundedOn}T00:00:00Z`)))
      issue(['foundedOn'], 'foundedOn')
    if (f.minTicketYuan !== null && f.seekingYuan === null)
      issue(['seekingYuan'], 'seekingRequired')
    if (f.minTicketYuan !== null && f.seekingYuan !== null && f.minTicketYuan > f.seekingYuan)
      issue(['minTicketYuan'], 'ticketAboveSought')
    if (f.existingHolders >= HOLDER_LIMIT[f.companyForm])
      issue(['existingHolders'], 'holdersFull', { limit: HOLDER_LIMIT[f.companyForm] })
    return {
      oneLiner: f.oneLiner,
      stage: f.stage,
      foundedOn: f.foundedOn ?? null,
      team,
      traction,
      seekingFen: f.seekingYuan,
      minTicketFen: f.minTicketYuan,
      companyForm: f.companyForm,
      existingHolders: f.existingHolders,
      removeLogo: f.removeLogo === 'on',
    }
  })
