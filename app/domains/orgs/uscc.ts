// The 统一社会信用代码 (unified social credit code, GB 32100-2015): normalising what people type,
// checking it, and making valid codes for seeds and test factories.

export type UsccProblem = 'length' | 'characters' | 'checkDigit'

// I, O, Z, S and V are left out of the standard's alphabet because they read like 1, 0, 2, 5 and U.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const MODULUS = ALPHABET.length
const LENGTH = 18
const VALID_CHARACTERS = new RegExp(`^[${ALPHABET}]+$`)

// 3^i mod 31 for positions 1..17, as tabulated in the standard.
const WEIGHTS: readonly number[] = Array.from({ length: LENGTH - 1 }, (_, i) => {
  let w = 1
  for (let k = 0; k < i; k++) w = (w * 3) % MODULUS
  return w
})

/** Codes get pasted from licences and typed with Chinese IMEs: drop all whitespace, fold
 * full-width letters and digits to ASCII, and uppercase. */
export function normalizeUscc(input: string): string {
  return input
    .trim()
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase()
}

export function usccCheckDigit(first17: string): string {
  if (first17.length !== LENGTH - 1)
    throw new RangeError(`expected 17 characters, got ${first17.length}`)
  let sum = 0
  for (let i = 0; i < first17.length; i++) {
    const value = ALPHABET.indexOf(first17.charAt(i))
    if (value < 0)
      throw new RangeError(
        `character ${JSON.stringify(first17.charAt(i))} is not in the code alphabet`,
      )
    sum += value * (WEIGHTS[i] ?? 0)
  }
  return ALPHABET.charAt((MODULUS - (sum % MODULUS)) % MODULUS)
}

export function checkUscc(
  input: string,
): { ok: true; code: string } | { ok: false; problem: UsccProblem } {
  const code = normalizeUscc(input)
  if (code.length !== LENGTH) return { ok: false, problem: 'length' }
  if (!VALID_CHARACTERS.test(code)) return { ok: false, problem: 'characters' }
  if (usccCheckDigit(code.slice(0, LENGTH - 1)) !== code.charAt(LENGTH - 1))
    return { ok: false, problem: 'checkDigit' }
  return { ok: true, code }
}

// The organisation-code part (positions 9–17) carries its own GB 11714 check character; generated
// codes include one so they look like codes found on real licences.
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const

function orgCodeCheck(body8: string): string {
  const sum = ORG_CODE_WEIGHTS.reduce((acc, w, i) => acc + Number(body8.charAt(i)) * w, 0)
  const c = 11 - (sum % 11)
  return c === 10 ? 'X' : c === 11 ? '0' : String(c)
}

function isCodeCharacter(c: string): boolean {
  return c.length === 1 && ALPHABET.includes(c)
}

const ORG_BODY_SPACE = 100_000_000n
// Multiplying by a number coprime to 10^8 permutes 0..10^8-1, so distinct seeds stay distinct
// while neighbouring seeds get unrelated-looking codes.
const SCRAMBLE_FACTOR = 73_939_133n
const SCRAMBLE_OFFSET = 27_182_818n

/** A valid code determined by `seed` (0 ≤ seed < 10^8); distinct seeds give distinct codes. */
export function makeUscc(
  seed: number,
  opts: { registrationDept?: string; orgKind?: string; regionCode?: string } = {},
): string {
  if (!Number.isSafeInteger(seed) || seed < 0 || BigInt(seed) >= ORG_BODY_SPACE) {
    throw new RangeError(`seed must be an integer from 0 to ${ORG_BODY_SPACE - 1n}, got ${seed}`)
  }
  const registrationDept = opts.registrationDept ?? '9'
  const orgKind = opts.orgKind ?? '1'
  const regionCode = opts.regionCode ?? '110108'
  if (!isCodeCharacter(registrationDept))
    throw new RangeError(`bad registrationDept ${registrationDept}`)
  if (!isCodeCharacter(orgKind)) throw new RangeError(`bad orgKind ${orgKind}`)
  if (!/^\d{6}$/.test(regionCode))
    throw new RangeError(`regionCode must be 6 digits, got ${regionCode}`)

  const scrambled = (BigInt(seed) * SCRAMBLE_FACTOR + SCRAMBLE_OFFSET) % ORG_BODY_SPACE
  const body8 = scrambled.toString().padStart(8, '0')
  const first17 = `${registrationDept}${orgKind}${regionCode}${body8}${orgCodeCheck(body8)}`
  return first17 + usccCheckDigit(first17)
}
