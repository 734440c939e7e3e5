// The redemption packet as an A4 PDF for the science bureau: the layout of redemption-packet.ts
// drawn with pdfkit in Noto Sans CJK, which is embedded as a subset of the glyphs used (the
// collection on disk is 19 MB; a two-page packet is about 170 kB) with a ToUnicode map, so that the
// bureau can search and copy its Chinese text.
import { readFile } from 'node:fs/promises'
import PDFDocument from 'pdfkit'
import {
  layoutPacket,
  type PacketField,
  type PacketLayout,
  type PacketSection,
  type PacketTable,
  type RedemptionPacket,
} from './redemption-packet.ts'

// Debian's fonts-noto-cjk, which CI and the production image install.
const DEFAULT_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
const DEFAULT_FONT_BOLD = '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc'

const MM = 72 / 25.4
const MARGIN = { top: 18 * MM, bottom: 22 * MM, left: 20 * MM, right: 20 * MM }

const INK = '#0f172a'
const MUTED = '#475569'
const RULE = '#cbd5e1'
const HEAD_FILL = '#f1f5f9'

const LABEL_WIDTH = 120
const CELL_PAD_X = 6
const CELL_PAD_Y = 5

type Doc = InstanceType<typeof PDFDocument>

export async function renderRedemptionPacketPdf(packet: RedemptionPacket): Promise<Buffer> {
  const layout = layoutPacket(packet)
  const [regular, bold] = await Promise.all([
    loadFont('PDF_CJK_FONT', DEFAULT_FONT, 'NotoSansCJKsc-Regular'),
    loadFont('PDF_CJK_FONT_BOLD', DEFAULT_FONT_BOLD, 'NotoSansCJKsc-Bold'),
  ])
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    // Kept in memory so that "page n of m" can be written once m is known.
    bufferPages: true,
    info: {
      Title: `${layout.title} ${packet.packetNo}`,
      Subject: `${packet.voucher.agency} ${packet.voucher.reference}`,
      Author: packet.provider.organisation,
    },
  })
  const done = collect(doc)
  doc.registerFont('regular', regular.data, regular.family)
  doc.registerFont('bold', bold.data, bold.family)

  drawHeader(doc, layout)
  for (const section of layout.sections) drawSection(doc, section)
  drawDeclarationAndSeals(doc, layout)
  drawFooters(doc, packet.packetNo)

  doc.end()
  return done
}

async function loadFont(
  envVar: string,
  fallback: string,
  postscriptName: string,
): Promise<{ data: Buffer; family: string | undefined }> {
  const path = process.env[envVar] || fallback
  let data: Buffer
  try {
    data = await readFile(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    throw new Error(
      `CJK font for PDFs not found at ${path}: install the Debian package fonts-noto-cjk or set ${envVar}`,
    )
  }
  // A collection needs the face named; fontkit finds no face by that name in a single font file.
  const family = /\.(ttc|otc)$/i.test(path) ? postscriptName : undefined
  return { data, family }
}

function collect(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
}

function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right
}

/** Starts a new page unless `height` more points fit on this one. */
function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage()
}

function drawHeader(doc: Doc, layout: PacketLayout): void {
  const left = doc.page.margins.left
  const width = contentWidth(doc)
  doc.font('bold').fontSize(18).fillColor(INK)
  doc.text(layout.title, left, doc.page.margins.top, { width, align: 'center' })
  doc.moveDown(0.3)
  doc.font('regular').fontSize(9).fillColor(MUTED)
  const meta = layout.meta.map((m) => `${m.label}：${m.value}`).join('\u3000\u3000')
  doc.text(meta, left, doc.y, { width, align: 'center' })
  doc.y += 6
  doc
    .moveTo(left, doc.y)
    .lineTo(left + width, doc.y)
    .lineWidth(1)
    .strokeColor(INK)
    .stroke()
  doc.y += 4
}

function drawSection(doc: Doc, section: PacketSection): void {
  const left = doc.page.margins.left
  const width = contentWidth(doc)
  const titleHeight = 30
  // A title is never left alone at the bottom of a page: it goes with its first row.
  const firstRow = section.fields[0]
    ? fieldHeight(doc, section.fields[0])
    : section.table
      ? 2 *
        tableRowHeight(
          doc,
          section.table.columns.map((c) => c.label),
          columnWidths(doc, section.table),
        )
      : 0
  ensureSpace(doc, titleHeight + firstRow)

  doc.y += 12
  doc.font('bold').fontSize(11.5).fillColor(INK)
  doc.text(section.title, left, doc.y, { width })
  doc.y += 3
  doc
    .moveTo(left, doc.y)
    .lineTo(left + width, doc.y)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke()
  doc.y += 4

  for (const field of section.fields) drawField(doc, field)
  const notes = section.notes ?? []
  doc.font('regular').fontSize(8.5)
  const notesHeight = notes.reduce((sum, note) => sum + doc.heightOfString(note, { width }) + 2, 0)
  // The totals and the notes that qualify them stay on one page, with the table's last row.
  const trailer = totalsHeight(section.totals ?? []) + notesHeight
  if (section.table) drawTable(doc, section.table, trailer)
  else ensureSpace(doc, trailer)
  if (section.totals) drawTotals(doc, section.totals)
  for (const note of notes) {
    doc.font('regular').fontSize(8.5).fillColor(MUTED)
    doc.text(note, left, doc.y, { width })
    doc.y += 2
  }
}

function fieldHeight(doc: Doc, field: PacketField): number {
  doc.font('regular').fontSize(10)
  return doc.heightOfString(field.value, { width: contentWidth(doc) - LABEL_WIDTH }) + 6
}

function drawField(doc: Doc, field: PacketField): void {
  const left = doc.page.margins.left
  const height = fieldHeight(doc, field)
  ensureSpace(doc, height)
  const y = doc.y + 3
  doc.font('regular').fontSize(9.5).fillColor(MUTED)
  doc.text(field.label, left, y + 0.5, { width: LABEL_WIDTH - 8 })
  doc.font('regular').fontSize(10).fillColor(INK)
  doc.text(field.value, left + LABEL_WIDTH, y, { width: contentWidth(doc) - LABEL_WIDTH })
  doc.y = y - 3 + height
}

/** Every column but the first is as wide as its widest cell; the first takes what is left. */
function columnWidths(doc: Doc, table: PacketTable): number[] {
  const rest = table.columns.slice(1).map((column, i) => {
    doc.font('bold').fontSize(9.5)
    let widest = doc.widthOfString(column.label)
    doc.font('regular').fontSize(9.5)
    for (const row of table.rows) widest = Math.max(widest, doc.widthOfString(row[i + 1] ?? ''))
    return Math.max(56, Math.ceil(widest) + 2 * CELL_PAD_X + 2)
  })
  return [contentWidth(doc) - rest.reduce((a, b) => a + b, 0), ...rest]
}

function tableRowHeight(doc: Doc, cells: string[], widths: number[]): number {
  doc.font('regular').fontSize(9.5)
  const heights = cells.map((cell, i) =>
    doc.heightOfString(cell, { width: (widths[i] ?? 0) - 2 * CELL_PAD_X }),
  )
  return Math.max(...heights) + 2 * CELL_PAD_Y
}

/** `trailer`: the height of what must follow the last row on its page. */
function drawTable(doc: Doc, table: PacketTable, trailer: number): void {
  const widths = columnWidths(doc, table)
  const header = table.columns.map((c) => c.label)
  const drawRow = (cells: string[], head: boolean) => {
    const height = tableRowHeight(doc, cells, widths)
    const y = doc.y
    const left = doc.page.margins.left
    const width = contentWidth(doc)
    if (head) doc.rect(left, y, width, height).fill(HEAD_FILL)
    let x = left
    cells.forEach((cell, i) => {
      doc
        .font(head ? 'bold' : 'regular')
        .fontSize(9.5)
        .fillColor(head ? MUTED : INK)
      doc.text(cell, x + CELL_PAD_X, y + CELL_PAD_Y, {
        width: (widths[i] ?? 0) - 2 * CELL_PAD_X,
        align: table.columns[i]?.align ?? 'left',
      })
      x += widths[i] ?? 0
    })
    doc
      .moveTo(left, y + height)
      .lineTo(left + width, y + height)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke()
    doc.y = y + height
  }

  doc.y += 4
  drawRow(header, true)
  table.rows.forEach((row, i) => {
    const last = i === table.rows.length - 1
    const height = tableRowHeight(doc, row, widths) + (last ? trailer : 0)
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
      doc.addPage()
      // The header again, so that a continued table still says which column is which.
      drawRow(header, true)
    }
    drawRow(row, false)
  })
  if (table.rows.length === 0) ensureSpace(doc, trailer)
}

function totalsHeight(totals: PacketField[]): number {
  return totals.length ? 6 + (totals.length - 1) * 17 + 19 + 4 : 0
}

function drawTotals(doc: Doc, totals: PacketField[]): void {
  const right = doc.page.width - doc.page.margins.right
  const valueWidth = 110
  const labelWidth = 150
  doc.y += 6
  totals.forEach((total, i) => {
    const last = i === totals.length - 1
    const y = doc.y
    doc
      .font(last ? 'bold' : 'regular')
      .fontSize(last ? 11 : 10)
      .fillColor(last ? INK : MUTED)
    doc.text(total.label, right - valueWidth - labelWidth, y, { width: labelWidth, align: 'right' })
    doc.fillColor(INK)
    doc.text(total.value, right - valueWidth, y, {
      width: valueWidth - CELL_PAD_X,
      align: 'right',
    })
    doc.y = y + (last ? 19 : 17)
  })
  doc.y += 4
}

function drawDeclarationAndSeals(doc: Doc, layout: PacketLayout): void {
  const left = doc.page.margins.left
  const width = contentWidth(doc)
  const gap = 20
  const boxWidth = (width - gap) / 2
  const boxHeight = 150
  doc.font('regular').fontSize(10)
  const declarationHeight = doc.heightOfString(layout.declaration, { width, lineGap: 3 })
  // The declaration and the seals are signed together, so they are never split across pages.
  ensureSpace(doc, 20 + declarationHeight + 16 + boxHeight)

  doc.y += 20
  doc.fillColor(INK).text(layout.declaration, left, doc.y, { width, lineGap: 3 })
  const top = doc.y + 16
  layout.seals.forEach((seal, i) => {
    const x = left + i * (boxWidth + gap)
    doc.rect(x, top, boxWidth, boxHeight).lineWidth(0.75).strokeColor(MUTED).stroke()
    const inner = boxWidth - 24
    doc.font('bold').fontSize(10.5).fillColor(INK)
    doc.text(seal.party, x + 12, top + 12, { width: inner })
    doc.font('regular').fontSize(9.5).fillColor(MUTED)
    doc.text(seal.organisation, x + 12, doc.y + 2, { width: inner })
    doc.fillColor(INK)
    layout.sealLines.forEach((line, j) => {
      const y = top + boxHeight - 12 - (layout.sealLines.length - j) * 18
      doc.text(line, x + 12, y + 4, { width: inner })
    })
  })
  doc.y = top + boxHeight
}

function drawFooters(doc: Doc, packetNo: string): void {
  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    const left = doc.page.margins.left
    const width = contentWidth(doc)
    const bottom = doc.page.margins.bottom
    // Writing inside the bottom margin would otherwise make pdfkit start a page of its own.
    doc.page.margins.bottom = 0
    const y = doc.page.height - bottom + 14
    doc.font('regular').fontSize(8.5).fillColor(MUTED)
    doc.text(`材料编号 ${packetNo}`, left, y, { width, align: 'left', lineBreak: false })
    doc.text(`第 ${i - range.start + 1} 页 / 共 ${range.count} 页`, left, y, {
      width,
      align: 'right',
      lineBreak: false,
    })
    doc.page.margins.bottom = bottom
  }
}
