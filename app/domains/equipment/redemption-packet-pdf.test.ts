import { extractText, getDocumentProxy } from 'unpdf'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { formatMoney } from '../payments/money.ts'
import { renderRedemptionPacketPdf } from './redemption-packet-pdf.server.ts'
import type { RedemptionPacket } from './redemption-packet.ts'

function packet(overrides: Partial<RedemptionPacket> = {}): RedemptionPacket {
  return {
    packetNo: 'RP-2025-000123',
    generatedAt: '2025年3月8日 14:30',
    voucher: { agency: '上海市科学技术委员会', reference: 'SHCX-2025-004512' },
    provider: {
      organisation: '上海微纳检测技术有限公司',
      creditCode: '91310115MA1K4XYZ7Q',
      address: '上海市浦东新区张江路 1388 号 5 幢 302 室',
      contact: { name: '王建国', phone: '021-5080 1234' },
    },
    user: {
      organisation: '杭州云芯智能科技有限公司',
      creditCode: null,
      contact: { name: '李晓梅', phone: '138 1234 5678' },
    },
    service: {
      instrument: '场发射扫描电子显微镜',
      manufacturerModel: '蔡司 Sigma 300',
      categoryLabel: '电子显微镜',
      serviceModeLabel: '操作员代为操作',
      bookingRef: 'BK-7Q3M9X',
      extent: { kind: 'period', start: '2025年3月5日 09:00', end: '2025年3月5日 15:30' },
      purpose: '锂电池正极材料表面形貌观察',
    },
    terms: {
      lines: [
        { label: '半天（4 小时）', quantity: 1, unitFen: 160_000, amountFen: 160_000 },
        { label: '按小时', quantity: 2.5, unitFen: 45_000, amountFen: 112_500 },
        { label: '能谱分析（EDS）', quantity: 3, unitFen: 12_050, amountFen: 36_150 },
      ],
      subtotalFen: 308_650,
      voucherFen: 200_000,
      cashFen: 108_650,
      platformFeeFen: 15_433,
      deposit: { amountFen: 50_000, handling: '服务完成后原路退还。' },
    },
    fapiao: [
      {
        number: '25312000000012345678',
        type: 'special',
        amountFen: 308_650,
        issuedOn: '2025年3月6日',
      },
    ],
    testReport: { fileName: '扫描电镜检测报告-BK-7Q3M9X.pdf', uploadedOn: '2025年3月7日' },
    ...overrides,
  }
}

async function textOf(pdf: Buffer): Promise<{ pages: number; text: string }> {
  const doc = await getDocumentProxy(new Uint8Array(pdf))
  const { totalPages, text } = await extractText(doc, { mergePages: true })
  return { pages: totalPages, text }
}

describe('renderRedemptionPacketPdf', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
  })

  it('writes the packet as an A4 PDF whose Chinese text can be extracted', async () => {
    const pdf = await renderRedemptionPacketPdf(packet())
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    // A4 in points.
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/)

    const { pages, text } = await textOf(pdf)
    for (const expected of [
      '创新券服务兑付材料',
      'RP-2025-000123',
      '上海市科学技术委员会',
      '统一社会信用代码',
      '91310115MA1K4XYZ7Q',
      '上海微纳检测技术有限公司',
      '杭州云芯智能科技有限公司',
      '场发射扫描电子显微镜',
      '2025年3月5日 09:00 至 2025年3月5日 15:30',
      '半天（4 小时）',
      '能谱分析（EDS）',
      '2.5',
      formatMoney(112_500),
      formatMoney(308_650),
      '创新券抵扣金额',
      formatMoney(200_000),
      formatMoney(108_650),
      '平台服务费',
      '增值税专用发票',
      '25312000000012345678',
      '扫描电镜检测报告-BK-7Q3M9X.pdf',
      '服务机构（盖章）',
      '用券企业（盖章）',
      `第 1 页 / 共 ${pages} 页`,
    ]) {
      expect(text).toContain(expected)
    }
    // The user gave no credit code: the packet says so rather than leaving a blank.
    expect(text).toContain('未提供')
  })

  it('embeds subsets of the CJK font, not the 19 MB collection', async () => {
    const pdf = await renderRedemptionPacketPdf(packet())
    const raw = pdf.toString('latin1')
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansCJKsc-Regular/)
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansCJKsc-Bold/)
    expect(raw).toContain('/FontFile3')
    expect(raw).toContain('/ToUnicode')
    expect(pdf.length).toBeLessThan(1024 * 1024)
  })

  it('continues a long price table on further pages and numbers them', async () => {
    const lines = Array.from({ length: 60 }, (_, i) => ({
      label: `附加测试项目第 ${i + 1} 项（样品制备与分析）`,
      quantity: 1,
      unitFen: 10_000,
      amountFen: 10_000,
    }))
    const pdf = await renderRedemptionPacketPdf(
      packet({
        terms: {
          lines,
          subtotalFen: 600_000,
          voucherFen: 300_000,
          cashFen: 300_000,
          platformFeeFen: 30_000,
          deposit: null,
        },
        fapiao: null,
        testReport: null,
      }),
    )
    const { pages, text } = await textOf(pdf)
    expect(pages).toBeGreaterThan(1)
    expect(text).toContain(`第 ${pages} 页 / 共 ${pages} 页`)
    expect(text).toContain('附加测试项目第 60 项')
    expect(text).toContain('尚未开具')
    expect(text).not.toContain('押金')
  })

  it('refuses a packet whose voucher and cash parts do not make up the subtotal', async () => {
    const p = packet()
    await expect(
      renderRedemptionPacketPdf({ ...p, terms: { ...p.terms, cashFen: p.terms.cashFen + 1 } }),
    ).rejects.toThrow(/subtotal/)
  })

  it('names the font package when the font is missing', async () => {
    vi.stubEnv('PDF_CJK_FONT', '/nonexistent/NotoSansCJK-Regular.ttc')
    await expect(renderRedemptionPacketPdf(packet())).rejects.toThrow(/fonts-noto-cjk/)
  })
})
