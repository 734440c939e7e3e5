// An event's registrations as CSV for its admins (the shared writer), times in Beijing time.
import type { Language } from '../../i18n/config.ts'
import { csvDocument } from '../exports/csv.ts'

type Row = {
  name: string
  email: string | null
  orgName: string | null
  status: string
  createdAt: Date
  checkedInAt: Date | null
  position: number | null
  checkInCode: string
}

const headers: Record<Language, string[]> = {
  'zh-CN': [
    '姓名',
    '邮箱',
    '机构',
    '状态',
    '报名时间（北京时间）',
    '候补位次',
    '签到码',
    '签到时间（北京时间）',
  ],
  en: [
    'Name',
    'E-mail',
    'Organisation',
    'Status',
    'Registered at (Beijing)',
    'Waiting-list place',
    'Check-in code',
    'Checked in at (Beijing)',
  ],
}
const statusNames: Record<Language, Record<string, string>> = {
  'zh-CN': { registered: '已报名', waitlisted: '候补', attended: '已签到', cancelled: '已取消' },
  en: {
    registered: 'Registered',
    waitlisted: 'Waiting list',
    attended: 'Attended',
    cancelled: 'Cancelled',
  },
}

const beijing = (at: Date | null) =>
  at ? new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : ''

export function registrationsCsv(rows: readonly Row[], lng: Language): string {
  const lines = [headers[lng]]
  for (const r of rows)
    lines.push([
      r.name,
      r.email ?? '',
      r.orgName ?? '',
      statusNames[lng][r.status] ?? r.status,
      beijing(r.createdAt),
      r.position === null ? '' : String(r.position),
      r.checkInCode,
      beijing(r.checkedInAt),
    ])
  return csvDocument(lines)
}
