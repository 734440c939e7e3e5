// The owner's listing form: one schema for Conform in the browser and for the action. Prices are
// typed in yuan and leave as a PriceList in fen, checked by the pricing engine's own schema so
// the form and the engine cannot disagree. Drafts may lack prices and opening hours; publishing
// asks for them (publish-listing.server.ts).
import { yuanField } from '../payments/money.ts'
import { z } from 'zod'
import { parseYuan } from '../payments/money.ts'
import { segmentCodes } from '../spaces/segments.ts'
import { normaliseCity } from '../../../search/cities.ts'
import {
  accreditationKinds,
  equipmentCategories,
  serviceModes,
  weekdays,
} from './equipment-terms.ts'
import type { Accreditation, OpeningHours, Spec } from './equipment.schema.ts'
import { PriceListSchema, type PriceList } from './price-blocks.schema.ts'
import { resolveIn, type TypeNames } from './type-names.ts'
import { MAX_SPECS, MAX_CAPACITY, MAX_KEYWORDS, MAX_KEYWORD_LENGTH } from './equipment-terms.ts'

const err = (key: string) => ({ error: `listings:errors.${key}` })

const text = (max: number) => z.string().trim().max(max, err('tooLong')).optional()

const int = (key: string, min: number, max: number) =>
  z.number(err(key)).int(err(key)).min(min, err(key)).max(max, err(key))

/** A price in yuan as typed ("1,200.50"); empty means the block is not offered. */
const yuan = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v.trim() === '') return undefined
    const fen = parseYuan(v)
    if (fen === null) {
      ctx.addIssue({ code: 'custom', message: 'listings:errors.price' })
      return z.NEVER
    }
    return fen
  })

const clock = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/

const DaySchema = z
  .object({
    open: z.boolean().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
  })
  .optional()

const SpecRowSchema = z.object({ key: text(80), value: text(200), unit: text(20) }).optional()

// A row per accreditation kind, both fields optional: a lab without CMA leaves its row empty.
const AccreditationRowSchema = z
  .object({ certificateNo: text(60), expiresOn: z.string().optional() })
  .optional()

// The pricing engine's messages live under equipment:prices.errors; the form shows its own.
const priceFieldOf: Record<string, string> = {
  'blocks.hour.priceFen': 'hourYuan',
  'blocks.hour.memberPriceFen': 'hourMemberYuan',
  'blocks.half_day.priceFen': 'halfDayYuan',
  'blocks.half_day.memberPriceFen': 'halfDayMemberYuan',
  'blocks.half_day.hours': 'halfDayHours',
  'blocks.day.priceFen': 'dayYuan',
  'blocks.day.memberPriceFen': 'dayMemberYuan',
  'blocks.day.hours': 'dayHours',
  'blocks.sample.priceFen': 'sampleYuan',
  'blocks.sample.memberPriceFen': 'sampleMemberYuan',
  minHours: 'minHours',
  maxHours: 'maxHours',
  minSamples: 'minSamples',
  maxSamples: 'maxSamples',
  depositFen: 'depositYuan',
  'cancellation.freeUntilHours': 'cancelFreeHours',
  'cancellation.lateFeeBp': 'cancelLateFeePercent',
}

/** Every field of the form, before the cross-field rules. */
const FieldsSchema = z.object({
  name: z.string(err('nameRequired')).trim().min(2, err('nameRequired')).max(120, err('tooLong')),
  category: z.enum(equipmentCategories, err('categoryRequired')),
  serviceModes: z
    .array(z.enum(serviceModes, err('serviceModesRequired')))
    .default([])
    .transform((l) => [...new Set(l)])
    .pipe(z.array(z.enum(serviceModes)).min(1, err('serviceModesRequired'))),
  manufacturer: text(80),
  model: text(80),
  specs: z.array(SpecRowSchema).max(MAX_SPECS, err('specsTooMany')).default([]),
  // Stored as search filters by it: 苏州市 and Suzhou are 苏州.
  city: z
    .string(err('cityRequired'))
    .trim()
    .min(2, err('cityRequired'))
    .max(30, err('tooLong'))
    .transform(normaliseCity),
  address: text(200),
  segments: z
    .array(z.string().refine((s) => segmentCodes.has(s), { error: 'orgs:errors.segmentUnknown' }))
    .default([])
    .transform((l) => [...new Set(l)])
    .pipe(z.array(z.string()).min(1, err('segmentsCount')).max(3, err('segmentsCount'))),
  accreditations: z
    .object({ CMA: AccreditationRowSchema, CNAS: AccreditationRowSchema })
    .optional(),
  hourYuan: yuan,
  hourMemberYuan: yuan,
  halfDayYuan: yuan,
  halfDayMemberYuan: yuan,
  halfDayHours: z.number(err('blockHours')).optional(),
  dayYuan: yuan,
  dayMemberYuan: yuan,
  dayHours: z.number(err('blockHours')).optional(),
  sampleYuan: yuan,
  sampleMemberYuan: yuan,
  minHours: z.number(err('hoursLimit')).optional(),
  maxHours: z.number(err('hoursLimit')).optional(),
  minSamples: z.number(err('samplesLimit')).optional(),
  maxSamples: z.number(err('samplesLimit')).optional(),
  depositYuan: yuan,
  cancelFreeHours: int('freeUntilHours', 0, 24 * 30).default(24),
  cancelLateFeePercent: z
    .number(err('lateFee'))
    .min(0, err('lateFee'))
    .max(100, err('lateFee'))
    .refine((p) => Number.isInteger(p * 100), err('lateFee'))
    .default(0),
  capacity: int('capacity', 1, MAX_CAPACITY).default(1),
  changeoverMinutes: int('changeover', 0, 24 * 60).default(0),
  leadTimeHours: int('leadTime', 0, 24 * 90).default(0),
  samplesPerDay: int('samplesPerDay', 1, 100_000).optional(),
  hours: z.object(Object.fromEntries(weekdays.map((d) => [d, DaySchema]))).optional(),
  blackoutDates: z.string().max(4000, err('tooLong')).optional(),
  bookingMode: z.enum(['instant', 'request'], err('bookingMode')).default('request'),
  memberPricing: z.boolean().default(false),
  vouchersAccepted: z.boolean().default(false),
})

export type ListingValues = {
  name: string
  category: (typeof equipmentCategories)[number]
  /** A vocabulary type id; null while the owner has not chosen one. */
  typeId: string | null
  keywords: string[]
  serviceModes: (typeof serviceModes)[number][]
  manufacturer: string
  model: string
  specs: Spec[]
  city: string
  address: string
  segments: string[]
  accreditations: Accreditation[]
  /** Null while the draft names no price at all; publishing needs one. */
  priceList: PriceList | null
  capacity: number
  changeoverMinutes: number
  leadTimeHours: number
  samplesPerDay: number | null
  openingHours: OpeningHours
  blackoutDates: string[]
  instantBooking: boolean
  memberPricing: boolean
  vouchersAccepted: boolean
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/
const realDate = (s: string) =>
  isoDate.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s

/** The owner's keywords as typed: separated by 、，, or spaces; repeats dropped. */
export function splitKeywords(text: string | undefined): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const word of (text ?? '').split(/[\s,，、;；]+/)) {
    const w = word.trim()
    const key = w.normalize('NFKC').toLowerCase()
    if (w === '' || seen.has(key)) continue
    seen.add(key)
    out.push(w)
  }
  return out
}

/** The owner's keywords, each short enough to be a tag, and few enough to stay keywords. */
const KeywordsField = z
  .string()
  .max(2000, err('tooLong'))
  .optional()
  .transform((text, ctx) => {
    const keywords = splitKeywords(text)
    const tooLong = keywords.find((k) => [...k].length > MAX_KEYWORD_LENGTH)
    const fail = (key: string, values: Record<string, unknown>) => {
      ctx.addIssue({
        code: 'custom',
        message: `equipment:keywords.errors.${key}|${JSON.stringify(values)}`,
      })
      return z.NEVER
    }
    if (tooLong) return fail('tooLong', { word: tooLong, max: MAX_KEYWORD_LENGTH })
    if (keywords.length > MAX_KEYWORDS)
      return fail('tooMany', { max: MAX_KEYWORDS, count: keywords.length })
    return keywords
  })

/**
 * What the owner typed or chose in the type picker, as a type id: any name of the type will do.
 * Optional: an owner who finds no fitting type leaves it empty and says it in the keywords.
 */
function typeField(types: readonly TypeNames[]) {
  return z
    .string()
    .trim()
    .max(200, err('tooLong'))
    .optional()
    .transform((text, ctx): string | null => {
      if (!text) return null
      const type = resolveIn(types, text)
      if (type) return type.id
      ctx.addIssue({ code: 'custom', message: 'equipment:typePicker.errors.unknown' })
      return z.NEVER
    })
}

/**
 * `today` is the local (Shanghai) date, passed in rather than read here: the schema runs in the
 * browser too, and tests pin the clock. An accreditation that has already expired is refused,
 * since a booker relies on it for reports that must carry the CMA/CNAS mark. `types` are the
 * instrument types the picker offers: the vocabulary on the server, the loader's copy of it in
 * the browser (which never loads the vocabulary file itself); without them no type resolves.
 */
export function listingFormSchema(today: string, types: readonly TypeNames[] = []) {
  // The type and the keywords are checked field by field, so their mistakes show even while
  // another field is still missing.
  const fields = FieldsSchema.extend({ typeName: typeField(types), keywords: KeywordsField })
  return fields.transform((f, ctx): ListingValues => {
    const issue = (path: (string | number)[], key: string) =>
      ctx.addIssue({ code: 'custom', message: `listings:errors.${key}`, path })

    const specs: Spec[] = []
    f.specs.forEach((row, i) => {
      if (!row || (!row.key && !row.value && !row.unit)) return
      if (!row.key) issue(['specs', i, 'key'], 'specIncomplete')
      if (!row.value) issue(['specs', i, 'value'], 'specIncomplete')
      if (row.key && row.value) specs.push({ key: row.key, value: row.value, unit: row.unit ?? '' })
    })

    const accreditations: Accreditation[] = []
    for (const kind of accreditationKinds) {
      const row = f.accreditations?.[kind]
      if (!row || (!row.certificateNo && !row.expiresOn)) continue
      if (!row.certificateNo) issue(['accreditations', kind, 'certificateNo'], 'certificateNo')
      if (!row.expiresOn || !realDate(row.expiresOn))
        issue(['accreditations', kind, 'expiresOn'], 'expiresOn')
      else if (row.expiresOn < today)
        issue(['accreditations', kind, 'expiresOn'], 'accreditationExpired')
      else if (row.certificateNo)
        accreditations.push({ kind, certificateNo: row.certificateNo, expiresOn: row.expiresOn })
    }

    // Every weekday is present, closed ones empty: OpeningHoursSchema's record is exhaustive.
    const openingHours: OpeningHours = {}
    for (const day of weekdays) {
      openingHours[day] = []
      const d = f.hours?.[day]
      if (!d?.open) continue
      const from = d.from ?? ''
      const to = d.to ?? ''
      if (!clock.test(from) || !clock.test(to) || from >= to) {
        issue(['hours', day, 'from'], 'hoursRange')
        continue
      }
      openingHours[day] = [[from, to]]
    }

    const blackoutDates = [
      ...new Set(
        (f.blackoutDates ?? '')
          .split(/[\s,，、;；]+/)
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ].sort()
    if (blackoutDates.some((d) => !realDate(d))) issue(['blackoutDates'], 'blackoutDates')
    else if (blackoutDates.length > 366) issue(['blackoutDates'], 'blackoutDatesTooMany')

    if (f.serviceModes.includes('sample_testing') && f.samplesPerDay === undefined)
      issue(['samplesPerDay'], 'samplesPerDayRequired')

    const priceList = buildPriceList(f, issue)

    return {
      name: f.name,
      category: f.category,
      typeId: f.typeName,
      keywords: f.keywords,
      serviceModes: f.serviceModes,
      manufacturer: f.manufacturer ?? '',
      model: f.model ?? '',
      specs,
      city: f.city,
      address: f.address ?? '',
      segments: f.segments,
      accreditations,
      priceList,
      capacity: f.capacity,
      changeoverMinutes: f.changeoverMinutes,
      leadTimeHours: f.leadTimeHours,
      samplesPerDay: f.samplesPerDay ?? null,
      openingHours,
      blackoutDates,
      instantBooking: f.bookingMode === 'instant',
      memberPricing: f.memberPricing,
      vouchersAccepted: f.vouchersAccepted,
    }
  })
}

type Fields = z.infer<typeof FieldsSchema>

function buildPriceList(
  f: Fields,
  issue: (path: (string | number)[], key: string) => void,
): PriceList | null {
  const flat = (priceFen?: number, memberPriceFen?: number) =>
    priceFen === undefined ? undefined : { priceFen, memberPriceFen }
  const timed = (priceFen?: number, memberPriceFen?: number, hours?: number) =>
    priceFen === undefined ? undefined : { priceFen, memberPriceFen, hours: hours ?? Number.NaN }
  const blocks = {
    hour: flat(f.hourYuan, f.hourMemberYuan),
    half_day: timed(f.halfDayYuan, f.halfDayMemberYuan, f.halfDayHours),
    day: timed(f.dayYuan, f.dayMemberYuan, f.dayHours),
    sample: flat(f.sampleYuan, f.sampleMemberYuan),
  }
  // A member price without its block's price is a price for nobody.
  const orphans: [number | undefined, unknown, string][] = [
    [f.hourMemberYuan, blocks.hour, 'hourYuan'],
    [f.halfDayMemberYuan, blocks.half_day, 'halfDayYuan'],
    [f.dayMemberYuan, blocks.day, 'dayYuan'],
    [f.sampleMemberYuan, blocks.sample, 'sampleYuan'],
  ]
  for (const [member, block, field] of orphans)
    if (member !== undefined && block === undefined) issue([field], 'memberWithoutPrice')
  // A draft may name no price yet; publishing refuses it.
  if (!blocks.hour && !blocks.half_day && !blocks.day && !blocks.sample) return null

  const parsed = PriceListSchema.safeParse({
    blocks,
    minHours: f.minHours,
    maxHours: f.maxHours,
    minSamples: f.minSamples,
    maxSamples: f.maxSamples,
    depositFen: f.depositYuan ?? 0,
    cancellation: {
      freeUntilHours: f.cancelFreeHours,
      lateFeeBp: Math.round(f.cancelLateFeePercent * 100),
    },
  })
  if (parsed.success) return parsed.data
  for (const i of parsed.error.issues) {
    const field = priceFieldOf[i.path.join('.')] ?? 'hourYuan'
    const key = i.message.replace(/^equipment:prices\.errors\./, 'prices.')
    issue([field], key.startsWith('prices.') ? key : 'price')
  }
  return null
}

/** A stored price list back into the form's yuan fields. */
export function priceListToForm(stored: unknown): Record<string, string | number | undefined> {
  const parsed = PriceListSchema.safeParse(stored)
  if (!parsed.success) return {}
  const list = parsed.data
  return {
    hourYuan: yuanField(list.blocks.hour?.priceFen),
    hourMemberYuan: yuanField(list.blocks.hour?.memberPriceFen),
    halfDayYuan: yuanField(list.blocks.half_day?.priceFen),
    halfDayMemberYuan: yuanField(list.blocks.half_day?.memberPriceFen),
    halfDayHours: list.blocks.half_day?.hours,
    dayYuan: yuanField(list.blocks.day?.priceFen),
    dayMemberYuan: yuanField(list.blocks.day?.memberPriceFen),
    dayHours: list.blocks.day?.hours,
    sampleYuan: yuanField(list.blocks.sample?.priceFen),
    sampleMemberYuan: yuanField(list.blocks.sample?.memberPriceFen),
    minHours: list.minHours,
    maxHours: list.maxHours,
    minSamples: list.minSamples,
    maxSamples: list.maxSamples,
    depositYuan: list.depositFen ? yuanField(list.depositFen) : undefined,
    cancelFreeHours: list.cancellation.freeUntilHours,
    cancelLateFeePercent: list.cancellation.lateFeeBp / 100,
  }
}
