// Checks the GB 32100-2015 rules against codes printed on published business licences, and that
// generated codes pass the same check.
import { describe, it, expect } from 'vitest'
import { checkUscc, makeUscc, normalizeUscc, usccCheckDigit } from './uscc.ts'

// Codes as published on business licences; one ends in a digit, one in a letter, one in a
// digit with letters in the body, so both halves of the alphabet are exercised.
const publishedCodes = ['91350100M000100Y43', '914403001922038216', '91110108551385082Q']

describe('checkUscc', () => {
  it.each(publishedCodes)('accepts the published code %s', (code) => {
    expect(checkUscc(code)).toEqual({ ok: true, code })
  })

  it('computes the check digit of published codes', () => {
    for (const code of publishedCodes)
      expect(usccCheckDigit(code.slice(0, 17))).toBe(code.charAt(17))
  })

  it('refuses a wrong check digit', () => {
    expect(checkUscc('91350100M000100Y44')).toEqual({ ok: false, problem: 'checkDigit' })
    expect(checkUscc('91350100M000100Y4X')).toEqual({ ok: false, problem: 'checkDigit' })
  })

  it('refuses a single mistyped character, which the check digit exists to catch', () => {
    expect(checkUscc('91350100M000200Y43')).toEqual({ ok: false, problem: 'checkDigit' })
  })

  it('refuses codes of the wrong length', () => {
    expect(checkUscc('')).toEqual({ ok: false, problem: 'length' })
    expect(checkUscc('91350100M000100Y4')).toEqual({ ok: false, problem: 'length' })
    expect(checkUscc('91350100M000100Y433')).toEqual({ ok: false, problem: 'length' })
    // The old 15-digit registration numbers are not credit codes.
    expect(checkUscc('110108012345678')).toEqual({ ok: false, problem: 'length' })
  })

  it.each(['I', 'O', 'Z', 'S', 'V'])('refuses the forbidden letter %s', (letter) => {
    expect(checkUscc(`91350100M000100${letter}43`)).toEqual({ ok: false, problem: 'characters' })
  })

  it('refuses punctuation and non-ASCII characters', () => {
    expect(checkUscc('91350100M000100-43')).toEqual({ ok: false, problem: 'characters' })
    expect(checkUscc('91350100M000100码43')).toEqual({ ok: false, problem: 'characters' })
  })

  it('normalises before checking', () => {
    expect(checkUscc('  91350100m000100y43 ')).toEqual({ ok: true, code: '91350100M000100Y43' })
    expect(checkUscc('9135 0100 M000 100Y 43')).toEqual({ ok: true, code: '91350100M000100Y43' })
  })
})

describe('normalizeUscc', () => {
  it('trims, removes inner spaces and uppercases', () => {
    expect(normalizeUscc(' 9111 0108 5513 8508 2q ')).toBe('91110108551385082Q')
  })

  it('folds full-width characters and ideographic spaces typed with Chinese input methods', () => {
    expect(normalizeUscc('９１３５０１００Ｍ０００１００Ｙ４３')).toBe('91350100M000100Y43')
    expect(normalizeUscc('91350100\u3000M000100Y43')).toBe('91350100M000100Y43')
  })
})

describe('usccCheckDigit', () => {
  it('rejects input that is not 17 code characters', () => {
    expect(() => usccCheckDigit('9135010')).toThrow(RangeError)
    expect(() => usccCheckDigit('91350100M000100I4')).toThrow(RangeError)
  })
})

describe('makeUscc', () => {
  it('makes valid, distinct codes for seeds 0..999', () => {
    const seen = new Set<string>()
    for (let seed = 0; seed < 1000; seed++) {
      const code = makeUscc(seed)
      expect(checkUscc(code)).toEqual({ ok: true, code })
      seen.add(code)
    }
    expect(seen.size).toBe(1000)
  })

  it('is deterministic', () => {
    expect(makeUscc(42)).toBe(makeUscc(42))
  })

  it('uses the defaults 9 (工商), 1 (企业) and region 110108', () => {
    expect(makeUscc(7).slice(0, 8)).toBe('91110108')
  })

  it('honours the registration department, organisation kind and region', () => {
    const code = makeUscc(3, { registrationDept: '5', orgKind: '2', regionCode: '330106' })
    expect(code.slice(0, 8)).toBe('52330106')
    expect(checkUscc(code).ok).toBe(true)
  })

  it('refuses seeds and options it cannot encode', () => {
    expect(() => makeUscc(-1)).toThrow(RangeError)
    expect(() => makeUscc(1.5)).toThrow(RangeError)
    expect(() => makeUscc(100_000_000)).toThrow(RangeError)
    expect(() => makeUscc(1, { registrationDept: 'I' })).toThrow(RangeError)
    expect(() => makeUscc(1, { orgKind: '12' })).toThrow(RangeError)
    expect(() => makeUscc(1, { regionCode: '11010' })).toThrow(RangeError)
  })
})
