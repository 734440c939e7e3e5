// iCalendar (RFC 5545) for space events, written by hand: CRLF line ends, TEXT values escaped,
// content lines folded at 75 octets without splitting a UTF-8 character, times in UTC.

export type IcsEvent = {
  id: string
  title: string
  summary: string
  description: string
  startsAt: Date
  endsAt: Date
  place: string | null
  status: 'draft' | 'published' | 'held' | 'cancelled'
  updatedAt: Date
  spaceName: string
}

const encoder = new TextEncoder()

/** TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
}

/**
 * Folds a content line so no physical line exceeds 75 octets (§3.1): continuation lines start
 * with one space, which counts toward their 75. Splits fall between characters, never inside one.
 */
export function foldLine(line: string): string {
  const parts: string[] = []
  let current = ''
  let octets = 0
  let limit = 75
  for (const ch of line) {
    const size = encoder.encode(ch).length
    if (octets + size > limit) {
      parts.push(current)
      current = ''
      octets = 0
      limit = 74
    }
    current += ch
    octets += size
  }
  parts.push(current)
  return parts.join('\r\n ')
}

/** 20261122T083000Z */
export function utcStamp(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

function vevent(e: IcsEvent, publicUrl: string, stamp: Date): string[] {
  const url = `${publicUrl.replace(/\/$/, '')}/events/${e.id}`
  const description = [e.summary, e.description, e.spaceName, url]
    .filter((s) => s.trim() !== '')
    .join('\n\n')
  const lines = [
    'BEGIN:VEVENT',
    `UID:${e.id}@zhongchuang`,
    `DTSTAMP:${utcStamp(stamp)}`,
    `LAST-MODIFIED:${utcStamp(e.updatedAt)}`,
    `DTSTART:${utcStamp(e.startsAt)}`,
    `DTEND:${utcStamp(e.endsAt)}`,
    `SUMMARY:${escapeText(e.title)}`,
  ]
  if (e.place) lines.push(`LOCATION:${escapeText(e.place)}`)
  lines.push(`URL:${url}`)
  lines.push(`DESCRIPTION:${escapeText(description)}`)
  lines.push(`STATUS:${e.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`)
  lines.push('END:VEVENT')
  return lines
}

/** A VCALENDAR of the events, as the bytes of a text/calendar body. */
export function buildCalendar(
  events: readonly IcsEvent[],
  options: { publicUrl: string; name: string; stamp: Date },
): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Zhongchuang//Space events//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name)}`,
    'X-WR-TIMEZONE:Asia/Shanghai',
    ...events.flatMap((e) => vevent(e, options.publicUrl, options.stamp)),
    'END:VCALENDAR',
  ]
  return lines.map(foldLine).join('\r\n') + '\r\n'
}
