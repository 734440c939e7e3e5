// The investor profile form: thesis (segments, stages, ticket range in yuan, regions), portfolio
// rows, visibility, an optional annual limit and the contacts shared only after an accepted
// intro. One schema for Conform in the browser and for the action.
import { z } from 'zod'
import { parseYuan } from '../payments/money.ts'
import { segmentCodes } from '../spaces/segments.ts'
import { profileVisibilities, startupStages, type ProfileVisibility } from './deals.schema.ts'
import { MAX_PORTFOLIO, MAX_REGIONS } from './deals.schema.ts'

const err = (key: string) => ({ error: `investors:errors.${key}` })
const text = (max: number) => z.string().trim().max(max, err('tooLong')).optional()
const uniq = <T>(l: T[]) => [...new Set(l)]

const yuan = (required: string | null) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') {
        if (required) {
          ctx.addIssue({ code: 'custom', message: `investors:errors.${required}` })
          return z.NEVER
        }
        return null
      }
      const fen = parseYuan(v)
      if (fen === null || fen <= 0) {
        ctx.addIssue({ code: 'custom', message: 'investors:errors.amount' })
        return z.NEVER
      }
      return fen
    })

const PortfolioRow = z.object({ name: text(80), year: text(4), note: text(200) })

export type InvestorProfileValues = {
  displayName: string
  bio: string
  thesisSegments: string[]
  thesisStages: string[]
  ticketMinFen: number
  ticketMaxFen: number
  regions: string[]
  portfolio: { name: string; year: number | null; note: string }[]
  visibility: ProfileVisibility
  annualLimitFen: number | null
  contactEmail: string
  contactPhone: string
}

/** "苏州, 上海、浙江" or one per line: the regions as a list. */
export function splitRegions(input: string): string[] {
  return uniq(
    input
      .split(/[,，、;；\n]/)
      .map((r) => r.trim())
      .filter(Boolean),
  )
}

export const InvestorProfileSchema = z
  .object({
    displayName: z
      .string(err('displayName'))
      .trim()
      .min(2, err('displayName'))
      .max(80, err('tooLong')),
    bio: text(2000),
    thesisSegments: z
      .array(z.string().refine((s) => segmentCodes.has(s), { error: 'orgs:errors.segmentUnknown' }))
      .default([])
      .transform(uniq)
      .pipe(z.array(z.string()).max(10, err('segmentsCount'))),
    thesisStages: z.array(z.enum(startupStages)).default([]).transform(uniq),
    ticketMinYuan: yuan('ticketRequired'),
    ticketMaxYuan: yuan('ticketRequired'),
    regions: text(600),
    portfolio: z.array(PortfolioRow.optional()).max(MAX_PORTFOLIO, err('tooMany')).default([]),
    visibility: z.enum(profileVisibilities).default('public'),
    annualLimitYuan: yuan(null),
    contactEmail: z.email(err('email')).max(200, err('tooLong')).optional(),
    contactPhone: z
      .string()
      .trim()
      .regex(/^[0-9+\-\s()]{5,30}$/, err('phone'))
      .optional(),
  })
  .transform((f, ctx): InvestorProfileValues => {
    const issue = (path: (string | number)[], key: string) =>
      ctx.addIssue({ code: 'custom', message: `investors:errors.${key}`, path })
    const min = f.ticketMinYuan ?? 0
    const max = f.ticketMaxYuan ?? 0
    if (max < min) issue(['ticketMaxYuan'], 'ticketOrder')
    if (f.annualLimitYuan !== null && f.annualLimitYuan < min)
      issue(['annualLimitYuan'], 'limitBelowTicket')
    const regions = splitRegions(f.regions ?? '')
    if (regions.length > MAX_REGIONS || regions.some((r) => r.length > 30))
      issue(['regions'], 'regions')
    const thisYear = new Date().getUTCFullYear()
    const portfolio = f.portfolio.flatMap((row, i) => {
      if (!row || (!row.name && !row.year && !row.note)) return []
      if (!row.name) issue(['portfolio', i, 'name'], 'portfolioName')
      let year: number | null = null
      if (row.year) {
        year = Number(row.year)
        if (!/^\d{4}$/.test(row.year) || year < 1980 || year > thisYear + 1)
          issue(['portfolio', i, 'year'], 'portfolioYear')
      }
      return [{ name: row.name ?? '', year, note: row.note ?? '' }]
    })
    return {
      displayName: f.displayName,
      bio: f.bio ?? '',
      thesisSegments: f.thesisSegments,
      thesisStages: f.thesisStages,
      ticketMinFen: min,
      ticketMaxFen: max,
      regions,
      portfolio,
      visibility: f.visibility,
      annualLimitFen: f.annualLimitYuan,
      contactEmail: f.contactEmail ?? '',
      contactPhone: f.contactPhone ?? '',
    }
  })
