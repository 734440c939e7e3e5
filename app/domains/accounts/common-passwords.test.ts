// The bundled leaked-password list: that it loads, matches regardless of case, and lets real
// passphrases through.
import { describe, it, expect } from 'vitest'
import list from './common-passwords.data.ts'
import { isCommonPassword } from './common-passwords.ts'

describe('isCommonPassword', () => {
  it.each([
    '1234567890',
    'qwertyuiop',
    'password123',
    '1q2w3e4r5t',
    'woaini1314',
    '5201314520',
    'qq123456789',
  ])('refuses %s, which passes a 10-character minimum', (pw) => {
    expect(isCommonPassword(pw)).toBe(true)
  })

  it('ignores case', () => {
    expect(isCommonPassword('PassWord123')).toBe(true)
    expect(isCommonPassword('QWERTYUIOP')).toBe(true)
  })

  it('accepts passwords that are not on the list', () => {
    expect(isCommonPassword('zhongchuang-demo-2026')).toBe(false)
    expect(isCommonPassword('tea kettle orbit lantern')).toBe(false)
    expect(isCommonPassword('')).toBe(false)
  })

  it('does not trim: surrounding spaces are part of the password', () => {
    expect(isCommonPassword(' password123 ')).toBe(false)
  })

  it('bundles hundreds of distinct lowercase entries long enough to pass the length rule', () => {
    const lines = list.split('\n').filter(Boolean)
    expect(lines.length).toBeGreaterThanOrEqual(500)
    expect(new Set(lines).size).toBe(lines.length)
    for (const line of lines) {
      expect(line).toBe(line.toLowerCase().trim())
      expect(line.length).toBeGreaterThanOrEqual(10)
    }
  })
})
