// The booking price engine: the cheapest mix of an owner's price blocks that covers a booking,
// as quote lines the money layer takes as they are, and the fee for cancelling late. Pure: no
// database, no clock; callers pass a price list already parsed by PriceListSchema.
//
// Bookings by time are made in half-hour steps (30, 60, 90… minutes). The hourly rate is
// charged by the half hour (1.5 hours = 1.5 × the hourly rate); half-day and day blocks are
// whole hours long and are charged whole, so they may cover more than was booked when that is
// cheaper.
import { UserError } from '../problems.ts'
import { applyRate, lineAmount } from '../payments/money.ts'
import {
  MAX_BOOKING_HOURS,
  type CancellationPolicy,
  type PriceBlockKind,
  type PriceGroup,
  type PriceList,
} from './price-blocks.schema.ts'

export type BookingLine = {
  /** Human text stored on the quote as it was, e.g. 半天（4 小时）. */
  label: string
  block: PriceBlockKind
  /** Hours for the hourly block (may be x.5), otherwise a count of blocks or samples. */
  quantity: number
  unitFen: number
  amountFen: number
}

export type DepositLine = { label: string; quantity: 1; unitFen: number; amountFen: number }

export type BookingQuote = {
  /** Priced lines, ready for createQuote: the platform fee is computed on these only. */
  lines: BookingLine[]
  priceFen: number
  /** Returned after use, so kept out of `lines` and out of the fee. */
  depositFen: number
  depositLine: DepositLine | null
  priceGroup: PriceGroup
}

export type QuoteRequest = { durationMinutes: number } | { samples: number }

const STEP_MINUTES = 30
const DEPOSIT_LABEL = '押金（用后退还）'

export function quoteBooking(
  list: PriceList,
  request: QuoteRequest,
  priceGroup: PriceGroup = 'standard',
): BookingQuote {
  const lines =
    'samples' in request
      ? sampleLines(list, request.samples, priceGroup)
      : timeLines(list, request.durationMinutes, priceGroup)
  const depositFen = list.depositFen
  return {
    lines,
    priceFen: lines.reduce((sum, l) => sum + l.amountFen, 0),
    depositFen,
    depositLine:
      depositFen > 0
        ? { label: DEPOSIT_LABEL, quantity: 1, unitFen: depositFen, amountFen: depositFen }
        : null,
    priceGroup,
  }
}

/**
 * What cancelling costs: nothing up to `freeUntilHours` before the start (the boundary itself
 * included), then `lateFeeBp` of the price, half-up to the fen. A cancellation after the start
 * costs the same late fee; a no-show is a different matter, settled elsewhere.
 */
export function cancellationFee(
  policy: CancellationPolicy,
  priceFen: number,
  startsAt: Date,
  cancelledAt: Date,
): number {
  const start = startsAt.getTime()
  const cancelled = cancelledAt.getTime()
  if (Number.isNaN(start) || Number.isNaN(cancelled)) throw new RangeError('bad date')
  const freeUntil = start - policy.freeUntilHours * 3_600_000
  return cancelled <= freeUntil ? 0 : applyRate(priceFen, policy.lateFeeBp)
}

// ── samples ─────────────────────────────────────────────────────────────────────────────

function sampleLines(list: PriceList, samples: number, group: PriceGroup): BookingLine[] {
  const block = list.blocks.sample
  if (!block) throw new UserError('equipment:prices.errors.notBookableBySample', 'samples')
  if (!Number.isSafeInteger(samples) || samples < 1)
    throw new UserError('equipment:prices.errors.samplesInvalid', 'samples')
  const min = list.minSamples ?? 1
  if (samples < min)
    throw new UserError('equipment:prices.errors.belowMinSamples', 'samples', { min })
  if (list.maxSamples !== undefined && samples > list.maxSamples)
    throw new UserError('equipment:prices.errors.aboveMaxSamples', 'samples', {
      max: list.maxSamples,
    })
  const { unitFen, member } = unitPrice(block, group)
  return [
    {
      label: label('样品检测', ['每个样品'], member),
      block: 'sample',
      quantity: samples,
      unitFen,
      amountFen: lineAmount(samples, unitFen),
    },
  ]
}

// ── time ────────────────────────────────────────────────────────────────────────────────

type TimeBlock = {
  kind: Exclude<PriceBlockKind, 'sample'>
  /** Length in half-hour steps. */
  steps: number
  /** Cost of one use in half-fen, so that a half hour at an odd hourly rate stays an integer. */
  halfFen: number
  unitFen: number
  member: boolean
  hours: number
}

function timeLines(list: PriceList, minutes: number, group: PriceGroup): BookingLine[] {
  const blocks = timeBlocks(list, group)
  if (blocks.length === 0)
    throw new UserError('equipment:prices.errors.notBookableByTime', 'durationMinutes')
  if (!Number.isSafeInteger(minutes) || minutes <= 0 || minutes % STEP_MINUTES !== 0)
    throw new UserError('equipment:prices.errors.durationStep', 'durationMinutes')
  const hours = minutes / 60
  const min = list.minHours ?? 0.5
  const max = list.maxHours ?? MAX_BOOKING_HOURS
  if (hours < min)
    throw new UserError('equipment:prices.errors.belowMinHours', 'durationMinutes', { min })
  if (hours > max)
    throw new UserError('equipment:prices.errors.aboveMaxHours', 'durationMinutes', { max })

  const counts = cheapestCover(blocks, minutes / STEP_MINUTES)
  return blocks.flatMap((b, i): BookingLine[] => {
    const count = counts[i] ?? 0
    if (count === 0) return []
    const quantity = b.kind === 'hour' ? count / 2 : count
    const name = b.kind === 'day' ? '整天' : b.kind === 'half_day' ? '半天' : '机时'
    const notes = b.kind === 'hour' ? ['按小时'] : [`${b.hours} 小时`]
    return [
      {
        label: label(name, notes, b.member),
        block: b.kind,
        quantity,
        unitFen: b.unitFen,
        amountFen: lineAmount(quantity, b.unitFen),
      },
    ]
  })
}

/** The list's time blocks, longest first: the order of the lines and of tie-breaking. */
function timeBlocks(list: PriceList, group: PriceGroup): TimeBlock[] {
  const out: TimeBlock[] = []
  const { day, half_day: halfDay, hour } = list.blocks
  for (const [kind, block] of [
    ['day', day],
    ['half_day', halfDay],
  ] as const) {
    if (!block) continue
    const { unitFen, member } = unitPrice(block, group)
    out.push({
      kind,
      steps: block.hours * 2,
      halfFen: unitFen * 2,
      unitFen,
      member,
      hours: block.hours,
    })
  }
  if (hour) {
    const { unitFen, member } = unitPrice(hour, group)
    // One step of the hourly block is half an hour: half the rate, i.e. `unitFen` half-fen.
    out.push({ kind: 'hour', steps: 1, halfFen: unitFen, unitFen, member, hours: 1 })
  }
  return out
}

/**
 * How many of each block to use (hourly counted in half hours) for the cheapest cover of
 * `target` half-hour steps; on a tie in price, fewer lines, then less time covered, then the
 * set of blocks with the smaller bitmask (bit 0 is the longest block). A dynamic programme over
 * (steps covered, blocks used): the "blocks used" part is needed because lines count kinds of
 * block, not uses, so fewer lines is not additive over steps. Costs are in half-fen and exact; the price of a combination is its
 * half-fen cost halved and rounded up (only the hourly line can be odd, and lineAmount rounds
 * it half-up), which keeps the order, so the cheapest in half-fen is the cheapest in fen.
 */
function cheapestCover(blocks: readonly TimeBlock[], target: number): number[] {
  const masks = 1 << blocks.length
  // A cover that overshoots by a whole block or more still covers without its last block, at
  // no more cost and no more lines, so nothing beyond target + longest − 1 can win.
  const limit = target + Math.max(...blocks.map((b) => b.steps)) - 1
  const size = (limit + 1) * masks
  const cost = new Array<number>(size).fill(Infinity)
  // How each state was reached: the block used last and the set of blocks used before it.
  const viaBlock = new Int8Array(size).fill(-1)
  const fromMask = new Int8Array(size).fill(-1)
  const at = (steps: number, mask: number) => steps * masks + mask
  cost[at(0, 0)] = 0

  // Only states short of the target are extended; from s < target a block of at most the
  // longest length lands at or below `limit`.
  for (let s = 0; s < target; s++) {
    for (let mask = 0; mask < masks; mask++) {
      const here = cost[at(s, mask)]
      if (here === Infinity) continue
      blocks.forEach((b, i) => {
        const next = at(s + b.steps, mask | (1 << i))
        // Strictly cheaper only: the first way found wins a tie, which keeps the result stable.
        if (here + b.halfFen < cost[next]) {
          cost[next] = here + b.halfFen
          viaBlock[next] = i
          fromMask[next] = mask
        }
      })
    }
  }

  let best: { steps: number; mask: number; fen: number; lines: number } | null = null
  for (let s = target; s <= limit; s++) {
    for (let mask = 1; mask < masks; mask++) {
      const halfFen = cost[at(s, mask)]
      if (halfFen === Infinity) continue
      const candidate = { steps: s, mask, fen: Math.ceil(halfFen / 2), lines: popcount(mask) }
      if (
        !best ||
        candidate.fen < best.fen ||
        (candidate.fen === best.fen && candidate.lines < best.lines)
      )
        best = candidate
    }
  }
  if (!best) throw new Error('no cover found') // unreachable: every block moves at least one step

  const counts = blocks.map(() => 0)
  let { steps, mask } = best
  while (steps > 0) {
    const state = at(steps, mask)
    const b = blocks[viaBlock[state]]
    if (!b) throw new Error('broken cover trail')
    counts[viaBlock[state]]++
    mask = fromMask[state]
    steps -= b.steps
  }
  return counts
}

function popcount(n: number): number {
  let c = 0
  for (let m = n; m > 0; m &= m - 1) c++
  return c
}

function unitPrice(
  block: { priceFen: number; memberPriceFen?: number | undefined },
  group: PriceGroup,
): { unitFen: number; member: boolean } {
  if (group === 'member' && block.memberPriceFen !== undefined)
    return { unitFen: block.memberPriceFen, member: true }
  return { unitFen: block.priceFen, member: false }
}

/** 半天（4 小时）, 半天（4 小时，会员价）: a name and its notes in full-width brackets. */
function label(name: string, notes: readonly string[], member: boolean): string {
  const all = member ? [...notes, '会员价'] : notes
  return all.length > 0 ? `${name}（${all.join('，')}）` : name
}
