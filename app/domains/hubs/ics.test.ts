import { describe, expect, it } from 'vitest'
import { buildCalendar, escapeText, foldLine, type IcsEvent } from './ics.ts'

const octets = (s: string) => new TextEncoder().encode(s).length

const event: IcsEvent = {
  id: '6f1c2d3e-0000-4000-8000-000000000001',
  title: '南山智能硬件路演日; 第 12 期, 冬季场',
  summary: '六家机器人与视觉团队路演',
  description: '14:00 签到\n14:30 路演开始\\每队 8 分钟',
  startsAt: new Date('2026-12-13T06:00:00Z'),
  endsAt: new Date('2026-12-13T09:30:00Z'),
  place: '深圳市南山区科技园 南山智创中心 3 楼路演厅',
  status: 'published',
  updatedAt: new Date('2026-11-20T01:02:03Z'),
  spaceName: '南山人工智能与机器人众创空间',
}

describe('iCalendar', () => {
  it('escapes TEXT values', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne')
  })

  it('folds at 75 octets without splitting a UTF-8 character', () => {
    const line = `DESCRIPTION:${'众创空间路演'.repeat(20)}`
    const folded = foldLine(line)
    const physical = folded.split('\r\n')
    expect(physical.length).toBeGreaterThan(1)
    for (const p of physical) expect(octets(p)).toBeLessThanOrEqual(75)
    for (const p of physical.slice(1)) expect(p.startsWith(' ')).toBe(true)
    expect(physical.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line)
    expect(foldLine('SHORT:ok')).toBe('SHORT:ok')
  })

  it('writes one VEVENT per event with UTC times, UID, URL and CRLF line ends', () => {
    const ics = buildCalendar([event, { ...event, id: 'x-2', status: 'cancelled' }], {
      publicUrl: 'https://zhongchuang.example/',
      name: '南山空间活动',
      stamp: new Date('2026-11-22T02:00:00Z'),
    })
    expect(ics.endsWith('\r\n')).toBe(true)
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/\n/)
    const unfolded = ics.replace(/\r\n /g, '')
    const lines = unfolded.split('\r\n')
    expect(lines[0]).toBe('BEGIN:VCALENDAR')
    expect(lines).toContain('VERSION:2.0')
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2)
    expect(lines).toContain(`UID:${event.id}@zhongchuang`)
    expect(lines).toContain('DTSTAMP:20261122T020000Z')
    expect(lines).toContain('DTSTART:20261213T060000Z')
    expect(lines).toContain('DTEND:20261213T093000Z')
    expect(lines).toContain('SUMMARY:南山智能硬件路演日\\; 第 12 期\\, 冬季场')
    expect(lines).toContain(`URL:https://zhongchuang.example/events/${event.id}`)
    expect(lines).toContain('LOCATION:深圳市南山区科技园 南山智创中心 3 楼路演厅')
    expect(lines.find((l) => l.startsWith('DESCRIPTION:'))).toContain(
      '14:00 签到\\n14:30 路演开始\\\\每队 8 分钟',
    )
    expect(lines).toContain('STATUS:CONFIRMED')
    expect(lines).toContain('STATUS:CANCELLED')
    for (const physical of ics.split('\r\n')) expect(octets(physical)).toBeLessThanOrEqual(75)
  })
})
