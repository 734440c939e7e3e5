import { describe, expect, it } from 'vitest'
import { csvCell, csvDocument } from './csv.ts'

describe('the CSV writer', () => {
  it('neutralises every text a spreadsheet would run as a formula', () => {
    for (const text of ['=1+2', '+1+2', '-1+2', '@SUM(A1)', '\t=1', '\r=1', '=HYPERLINK("x")'])
      expect(csvCell(text).replace(/^"/, '').startsWith("'"), JSON.stringify(text)).toBe(true)
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
  })

  it('keeps numbers, signs and ordinary text as they are', () => {
    expect(csvCell(-5)).toBe('-5')
    expect(csvCell('-5')).toBe('-5')
    expect(csvCell('+12.5%')).toBe('+12.5%')
    expect(csvCell('扫描电镜')).toBe('扫描电镜')
    expect(csvCell('a, b')).toBe('"a, b"')
    expect(csvCell(null)).toBe('')
  })

  it('writes a byte-order mark and CRLF line ends', () => {
    expect(
      csvDocument([
        ['甲', 1],
        ['=乙', null],
      ]),
    ).toBe("\uFEFF甲,1\r\n'=乙,\r\n")
  })
})
