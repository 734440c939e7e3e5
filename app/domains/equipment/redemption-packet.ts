// The innovation-voucher (创新券) redemption packet for one booking: what the instrument provider
// hands to the issuing science bureau, as data, and the one layout of it (sections, tables,
// totals, seal boxes) that the printable page and the PDF both draw. No database, no clock: the
// caller gathers the facts and formats dates in Asia/Shanghai before building the packet.
//
// The packet is a document addressed to a Chinese agency, so it is always in Simplified Chinese
// whatever the reader's language: its labels live here, not in the i18n catalogues, which
// follow the reader.
import { formatMoney } from '../payments/money.ts'

export type PacketContact = { name: string; phone: string }

export type PacketPriceLine = {
  /** As on the quote, e.g. 半天（4 小时）. */
  label: string
  /** Hours (may be x.5), blocks or samples, as on the quote. */
  quantity: number
  unitFen: number
  amountFen: number
}

export type PacketFapiao = {
  number: string
  type: 'ordinary' | 'special'
  amountFen: number
  /** Formatted in Asia/Shanghai, e.g. 2025年3月5日. */
  issuedOn: string
}

export type RedemptionPacket = {
  packetNo: string
  /** Formatted in Asia/Shanghai. */
  generatedAt: string
  voucher: { agency: string; reference: string }
  provider: {
    organisation: string
    /** 统一社会信用代码; null when the provider has not given it. */
    creditCode: string | null
    address: string
    contact: PacketContact
  }
  user: { organisation: string; creditCode: string | null; contact: PacketContact }
  service: {
    instrument: string
    manufacturerModel: string | null
    categoryLabel: string
    serviceModeLabel: string
    bookingRef: string
    /** A booking by time shows its period; a sample-testing booking, its sample count. */
    extent: { kind: 'period'; start: string; end: string } | { kind: 'samples'; count: number }
    purpose: string
  }
  terms: {
    lines: PacketPriceLine[]
    subtotalFen: number
    /** The part the voucher pays (创新券抵扣); with `cashFen` it makes up the subtotal. */
    voucherFen: number
    cashFen: number
    /** Shown for information only: the bureau reimburses the service, not the platform. */
    platformFeeFen: number
    deposit: { amountFen: number; handling: string } | null
  }
  /** null (or empty) until the provider has issued a fapiao. */
  fapiao: PacketFapiao[] | null
  testReport: { fileName: string; uploadedOn: string } | null
}

export type PacketField = { label: string; value: string }

export type PacketTable = {
  columns: { label: string; align: 'left' | 'right' }[]
  rows: string[][]
}

export type PacketSection = {
  title: string
  fields: PacketField[]
  table?: PacketTable
  /** Shown under the table, label and amount right-aligned; the last one is the emphasised one. */
  totals?: PacketField[]
  notes?: string[]
}

export type PacketSeal = { party: string; organisation: string }

/** The packet as the reader sees it, for a renderer to lay out and nothing more to decide. */
export type PacketLayout = {
  title: string
  meta: PacketField[]
  sections: PacketSection[]
  declaration: string
  seals: PacketSeal[]
  /** The lines written inside each seal box, under the organisation. */
  sealLines: string[]
}

export const PACKET_TITLE = '创新券服务兑付材料'

const NOT_GIVEN = '未提供'

const FAPIAO_TYPE: Record<PacketFapiao['type'], string> = {
  ordinary: '增值税普通发票',
  special: '增值税专用发票',
}

/**
 * The packet laid out. Throws when its amounts do not add up: a packet the bureau would reject
 * is better not printed at all.
 */
export function layoutPacket(packet: RedemptionPacket): PacketLayout {
  assertAmountsAddUp(packet)
  const { provider, user, service, terms } = packet
  const extent: PacketField =
    service.extent.kind === 'period'
      ? { label: '预约时段', value: `${service.extent.start} 至 ${service.extent.end}` }
      : { label: '样品数量', value: `${service.extent.count} 个` }

  const totals: PacketField[] = [
    { label: '服务费用小计', value: formatMoney(terms.subtotalFen) },
    { label: '用户自付（现金）', value: formatMoney(terms.cashFen) },
    { label: '创新券抵扣金额', value: formatMoney(terms.voucherFen) },
  ]
  const termNotes = [`平台服务费 ${formatMoney(terms.platformFeeFen)}，仅供参考，不计入兑付金额。`]
  if (terms.deposit) {
    termNotes.push(
      `押金 ${formatMoney(terms.deposit.amountFen)}，不计入兑付金额：${terms.deposit.handling}`,
    )
  }

  return {
    title: PACKET_TITLE,
    meta: [
      { label: '材料编号', value: packet.packetNo },
      { label: '生成时间', value: packet.generatedAt },
    ],
    sections: [
      {
        title: '一、创新券信息',
        fields: [
          { label: '发券机构', value: packet.voucher.agency },
          { label: '创新券编号', value: packet.voucher.reference },
        ],
      },
      {
        title: '二、服务机构',
        fields: [
          { label: '机构名称', value: provider.organisation },
          { label: '统一社会信用代码', value: provider.creditCode ?? NOT_GIVEN },
          { label: '地址', value: provider.address },
          { label: '联系人', value: contact(provider.contact) },
        ],
      },
      {
        title: '三、用券企业',
        fields: [
          { label: '企业名称', value: user.organisation },
          { label: '统一社会信用代码', value: user.creditCode ?? NOT_GIVEN },
          { label: '联系人', value: contact(user.contact) },
        ],
      },
      {
        title: '四、服务内容',
        fields: [
          { label: '仪器名称', value: service.instrument },
          { label: '生产厂家及型号', value: service.manufacturerModel ?? NOT_GIVEN },
          { label: '仪器类别', value: service.categoryLabel },
          { label: '服务方式', value: service.serviceModeLabel },
          { label: '预约编号', value: service.bookingRef },
          extent,
          { label: '用途', value: service.purpose },
        ],
      },
      {
        title: '五、费用明细',
        fields: [],
        table: {
          columns: [
            { label: '项目', align: 'left' },
            { label: '数量', align: 'right' },
            { label: '单价', align: 'right' },
            { label: '金额', align: 'right' },
          ],
          rows: terms.lines.map((l) => [
            l.label,
            formatQuantity(l.quantity),
            formatMoney(l.unitFen),
            formatMoney(l.amountFen),
          ]),
        },
        totals,
        notes: termNotes,
      },
      packet.fapiao?.length
        ? {
            title: '六、发票信息',
            fields: [],
            table: {
              columns: [
                { label: '发票号码', align: 'left' },
                { label: '发票类型', align: 'left' },
                { label: '开票日期', align: 'left' },
                { label: '金额', align: 'right' },
              ],
              rows: packet.fapiao.map((f) => [
                f.number,
                FAPIAO_TYPE[f.type],
                f.issuedOn,
                formatMoney(f.amountFen),
              ]),
            },
          }
        : { title: '六、发票信息', fields: [{ label: '开票状态', value: '尚未开具' }] },
      {
        title: '七、检测报告',
        fields: packet.testReport
          ? [
              { label: '报告文件', value: packet.testReport.fileName },
              { label: '上传日期', value: packet.testReport.uploadedOn },
            ]
          : [{ label: '报告文件', value: '无' }],
      },
    ],
    declaration:
      '服务机构与用券企业共同声明：上述服务已真实发生，所列费用与双方签订的服务合同一致，所附材料真实、完整。如有虚假，愿承担相应责任。',
    seals: [
      { party: '服务机构（盖章）', organisation: provider.organisation },
      { party: '用券企业（盖章）', organisation: user.organisation },
    ],
    sealLines: ['经办人（签字）：', '日期：        年    月    日'],
  }
}

// An ideographic space between name and number, as Chinese forms write a contact.
function contact(c: PacketContact): string {
  return `${c.name}\u3000${c.phone}`
}

function formatQuantity(q: number): string {
  return new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 3 }).format(q)
}

function assertAmountsAddUp({ terms }: RedemptionPacket): void {
  const linesFen = terms.lines.reduce((sum, l) => sum + l.amountFen, 0)
  if (linesFen !== terms.subtotalFen)
    throw new RangeError(`price lines sum to ${linesFen}, subtotal is ${terms.subtotalFen}`)
  if (terms.voucherFen + terms.cashFen !== terms.subtotalFen)
    throw new RangeError(
      `voucher ${terms.voucherFen} + cash ${terms.cashFen} is not the subtotal ${terms.subtotalFen}`,
    )
}
