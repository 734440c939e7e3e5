// The one CSV writer for every export: UTF-8 with a byte-order mark (so spreadsheet programs read
// Chinese correctly), CRLF line ends, RFC 4180 quoting, and no cell a spreadsheet would run. A
// text cell that starts with =, +, -, @, a tab or a carriage return is a formula to Excel, WPS
// and LibreOffice (=HYPERLINK(…), @SUM(…)): such a cell gets a leading apostrophe, which shows
// the text as typed. A number is written as a number, sign and all.
const formulaStart = /^[=+\-@\t\r]/
const plainNumber = /^[-+]?\d+(\.\d+)?%?$/

/** One cell: neutralised when a spreadsheet would read it as a formula, quoted when needed. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  const text = String(value)
  const safe = typeof value === 'string' && looksLikeFormula(text) ? `'${text}` : text
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

function looksLikeFormula(text: string): boolean {
  return formulaStart.test(text) && !plainNumber.test(text)
}

export function csvDocument(
  rows: readonly (readonly (string | number | null | undefined)[])[],
): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`
}

/** An ASCII fallback name and the real (Chinese) one per RFC 5987. */
function contentDisposition(asciiName: string, name: string = asciiName): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`
}

export function csvResponse(body: string, asciiName: string, name: string = asciiName): Response {
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': contentDisposition(asciiName, name),
      'Cache-Control': 'private, no-store',
    },
  })
}
