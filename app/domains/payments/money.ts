// Money arithmetic in integer minor units (fen): half-up rounding of a rate, and splits by the
// largest remainder so that the parts always sum to the whole. BigInt inside, because
// amount × weight can pass 2^53 where both are large.
import { cached } from '../../i18n/format.ts'

/** `amount × rateBp / 10 000`, rounded half-up to the fen. */
export function applyRate(amountFen: number, rateBp: number): number {
  assertFen(amountFen)
  if (!Number.isInteger(rateBp) || rateBp < 0) throw new RangeError(`bad rate ${rateBp}`)
  return Number((BigInt(amountFen) * BigInt(rateBp) * 2n + 10_000n) / 20_000n)
}

/** A quantity (possibly fractional, e.g. 1.5 hours) times a unit price, half-up to the fen. */
export function lineAmount(quantity: number, unitFen: number): number {
  assertFen(unitFen)
  if (!(quantity >= 0) || !Number.isFinite(quantity))
    throw new RangeError(`bad quantity ${quantity}`)
  // Quantities carry at most three decimals (hours, kilograms): exact in thousandths.
  const milli = BigInt(Math.round(quantity * 1000))
  return Number((milli * BigInt(unitFen) * 2n + 1000n) / 2000n)
}

/**
 * Splits `total` in proportion to `weights`: each part is rounded down, and the fen left over
 * go one each to the parts with the largest remainders (earlier parts first on a tie).
 */
export function splitLargestRemainder(total: number, weights: readonly number[]): number[] {
  assertFen(total)
  if (weights.length === 0) throw new RangeError('nothing to split into')
  if (weights.some((w) => !Number.isInteger(w) || w < 0)) throw new RangeError('bad weight')
  const sum = weights.reduce((a, b) => a + BigInt(b), 0n)
  if (sum === 0n) throw new RangeError('weights sum to zero')
  const t = BigInt(total)
  const parts = weights.map((w) => (t * BigInt(w)) / sum)
  const remainders = weights.map((w, i) => ({ i, r: (t * BigInt(w)) % sum }))
  let left = t - parts.reduce((a, b) => a + b, 0n)
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1))
  for (const { i } of remainders) {
    if (left === 0n) break
    parts[i] = (parts[i] ?? 0n) + 1n
    left--
  }
  return parts.map(Number)
}

/**
 * The share of `whole` that belongs to `part` out of `of`, counted cumulatively: the shares of
 * successive parts of one whole (milestone releases, partial refunds) add up to `whole` exactly
 * once the parts reach `of`.
 */
export function cumulativeShare(
  whole: number,
  doneBefore: number,
  part: number,
  of: number,
): number {
  const upTo = (n: number) => (n >= of ? BigInt(whole) : (BigInt(whole) * BigInt(n)) / BigInt(of))
  return Number(upTo(doneBefore + part) - upTo(doneBefore))
}

function assertFen(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not an amount in fen: ${n}`)
}

/** ¥1,234.50 — fen shown as yuan with two decimals, in the reader's locale. */
export function formatMoney(fen: number, currency = 'CNY', locale = 'zh-CN'): string {
  return cached(
    `money:${locale}:${currency}`,
    () =>
      new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        // ¥ in English too, not "CN¥": the product only deals in yuan unless a currency says
        // otherwise.
        currencyDisplay: 'narrowSymbol',
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      }),
  ).format(fen / 100)
}

/** "1,234.5" or "1234.50" typed by a person → fen; null when it is not an amount. */
export function parseYuan(input: string): number | null {
  const cleaned = input.replace(/[,，\s¥￥]/g, '')
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null
  const [yuan = '0', cents = ''] = cleaned.split('.')
  const fen = Number(yuan) * 100 + Number(cents.padEnd(2, '0'))
  return Number.isSafeInteger(fen) ? fen : null
}

/** An amount as a form field shows it for editing: yuan with two decimals (empty when none). */
export function yuanField(fen: number | null | undefined): string | undefined {
  return fen === null || fen === undefined ? undefined : (fen / 100).toFixed(2)
}
