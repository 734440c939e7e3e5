import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { RedemptionPacket } from '../../domains/equipment/redemption-packet.ts'
import { formatMoney } from '../../domains/payments/money.ts'
import { RedemptionPacketView } from './redemption-packet-view.tsx'

const packet: RedemptionPacket = {
  packetNo: 'RP-2025-000123',
  generatedAt: '2025年3月8日 14:30',
  voucher: { agency: '上海市科学技术委员会', reference: 'SHCX-2025-004512' },
  provider: {
    organisation: '上海微纳检测技术有限公司',
    creditCode: '91310115MA1K4XYZ7Q',
    address: '上海市浦东新区张江路 1388 号',
    contact: { name: '王建国', phone: '021-5080 1234' },
  },
  user: {
    organisation: '杭州云芯智能科技有限公司',
    creditCode: '91330106MA2H0ABC3D',
    contact: { name: '李晓梅', phone: '138 1234 5678' },
  },
  service: {
    instrument: '液相色谱-质谱联用仪',
    manufacturerModel: null,
    categoryLabel: '色谱质谱',
    serviceModeLabel: '送样检测',
    bookingRef: 'BK-2KD8QW',
    extent: { kind: 'samples', count: 12 },
    purpose: '药物中间体纯度分析',
  },
  terms: {
    lines: [
      { label: '送样检测（每个样品）', quantity: 12, unitFen: 35_000, amountFen: 420_000 },
      { label: '加急处理', quantity: 1, unitFen: 50_000, amountFen: 50_000 },
    ],
    subtotalFen: 470_000,
    voucherFen: 235_000,
    cashFen: 235_000,
    platformFeeFen: 23_500,
    deposit: null,
  },
  fapiao: null,
  testReport: null,
}

describe('RedemptionPacketView', () => {
  const html = renderToStaticMarkup(<RedemptionPacketView packet={packet} />)

  it('shows the packet in Chinese, whatever the reader’s language', () => {
    expect(html).toContain('lang="zh-CN"')
    for (const expected of [
      '创新券服务兑付材料',
      '上海市科学技术委员会',
      '液相色谱-质谱联用仪',
      '样品数量',
      '12 个',
      '送样检测（每个样品）',
      formatMoney(470_000),
      formatMoney(235_000),
      '尚未开具',
      '服务机构（盖章）',
      '用券企业（盖章）',
    ]) {
      expect(html).toContain(expected)
    }
    expect(html).not.toContain('押金')
    expect(html).not.toContain('预约时段')
  })

  it('draws the price lines as a table with the amounts right-aligned', () => {
    const rows = [...html.matchAll(/<tr class="[^"]*">(.*?)<\/tr>/g)].map((m) => m[1] ?? '')
    const line = rows.find((r) => r.includes('加急处理')) ?? ''
    const cells = [...line.matchAll(/<td class="([^"]*)">([^<]*)<\/td>/g)]
    expect(cells.map((c) => c[2])).toEqual([
      '加急处理',
      '1',
      formatMoney(50_000),
      formatMoney(50_000),
    ])
    expect(cells[3]?.[1]).toContain('text-right')
  })

  it('prints as an A4 sheet without the screen frame', () => {
    expect(html).toContain('size: A4')
    expect(html).toMatch(/class="[^"]*print:shadow-none[^"]*"/)
  })
})
