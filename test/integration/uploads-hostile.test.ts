// Hostile uploads through the product's real paths (the organisation registration form, and the
// check every upload passes): HTML and SVG dressed as images, files over the limit, bodies far
// over any limit, compressed bodies, and decompression bombs (images declaring billions of
// pixels, archives inflating to gigabytes). Each is refused with a message in the reader's
// language, the typed fields are kept, and nothing is stored. Files that are stored are served
// as their detected type, never sniffed, sandboxed, and downloaded unless an image or PDF.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import { uploads } from '../../db/schema/index.ts'
import { dataDir } from '../../app/env.server.ts'
import { fixedT } from '../../app/i18n/fixed-t.server.ts'
import { makeUscc } from '../../app/domains/orgs/uscc.ts'
import { segmentOptions } from '../../app/domains/spaces/segments.ts'
import { UserError } from '../../app/domains/problems.ts'
import { checkUpload, storeUpload } from '../../app/domains/uploads/store-upload.server.ts'
import type { UploadPurpose } from '../../app/domains/uploads/uploads.schema.ts'
import { MAX_FORM_BYTES, uploadPurposes } from '../../app/domains/uploads/uploads.schema.ts'
import { bodyLimit } from '../../app/domains/uploads/multipart.server.ts'
import { searchParamsOf } from '../../app/domains/web/request.server.ts'
import { errorKind } from '../../app/root.tsx'
import * as fapiaoPage from '../../app/routes/finance.fapiao.tsx'
import { z } from 'zod'
import * as newOrg from '../../app/routes/orgs.new.tsx'
import * as servedUpload from '../../app/routes/uploads.$id.tsx'
import { createUser } from '../factories/index.ts'
import { context, sessionFor, type Person } from '../support/campaigns.ts'

// ---- Files -------------------------------------------------------------------------------

/** Bytes a File can be made of (Node's Buffer may sit on a shared pool). */
function bytesOf(from: Uint8Array | string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(typeof from === 'string' ? Buffer.from(from) : from)
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  body.copy(out, 4)
  out.writeUInt32BE(zlib.crc32(body), 8 + data.length)
  return out
}

/** A well-formed PNG header declaring `width` × `height`, with a few bytes of image data. */
function png(width: number, height: number): Uint8Array<ArrayBuffer> {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 2, 0, 0, 0], 8) // 8-bit RGB
  return bytesOf(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', zlib.deflateSync(Buffer.alloc(4 * Math.min(width, 1024)))),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  )
}

/** A baseline JPEG header declaring `width` × `height`. */
function jpeg(width: number, height: number): Uint8Array<ArrayBuffer> {
  const sof = Buffer.from([0xff, 0xc0, 0, 17, 8, 0, 0, 0, 0, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0])
  sof.writeUInt16BE(height, 5)
  sof.writeUInt16BE(width, 7)
  const app0 = Buffer.from([
    0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
  ])
  return bytesOf(Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]))
}

type Entry = { name: string; data: Buffer; declaredSize?: number; deflate?: boolean }

/** A ZIP archive; an entry may declare an inflated size other than its real one. */
function zip(entries: Entry[]): Uint8Array<ArrayBuffer> {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const stored = e.deflate === false ? e.data : zlib.deflateRawSync(e.data)
    const name = Buffer.from(e.name, 'utf8')
    const size = e.declaredSize ?? e.data.length
    const crc = zlib.crc32(e.data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(e.deflate === false ? 0 : 8, 8)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(stored.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(e.deflate === false ? 0 : 8, 10)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(stored.length, 20)
    central.writeUInt32LE(size, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, stored)
    centrals.push(central, name)
    offset += 30 + name.length + stored.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return bytesOf(Buffer.concat([...locals, directory, end]))
}

const contentTypes = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
)
const xlsxTypes = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
)
const pdf = bytesOf(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)
const html = bytesOf('<!doctype html><html><body><script>alert(document.cookie)</script>')
const svg = bytesOf(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.domain)</script></svg>',
)

// ---- What a caller sees ------------------------------------------------------------------

/** A message key as a form shows it ("ns:key|{values}"), in both languages. */
function texts(message: string): { zh: string; en: string } {
  const [key = '', values] = message.split('|')
  const [ns, rest = ''] = key.split(':')
  const params = values ? (JSON.parse(values) as Record<string, string>) : {}
  expect(ns).toBe('common')
  return { zh: fixedT('zh-CN', 'common')(rest, params), en: fixedT('en', 'common')(rest, params) }
}

async function refusal(work: Promise<unknown>): Promise<{ zh: string; en: string }> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(UserError)
  const e = error as UserError
  return texts(e.values ? `${e.messageKey}|${JSON.stringify(e.values)}` : e.messageKey)
}

function fileCount(dir: string): number {
  if (!fs.existsSync(dir)) return 0
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile())
    .length
}

async function stored(): Promise<{ rows: number; files: number }> {
  const rows = await db().select({ id: uploads.id }).from(uploads)
  return { rows: rows.length, files: fileCount(path.join(dataDir(), 'uploads')) }
}

const check = (bytes: Uint8Array, name: string, type: string, purpose: UploadPurpose) =>
  checkUpload(new File([bytesOf(bytes)], name, { type }), purpose, 'file')

// ---- checkUpload -------------------------------------------------------------------------

describe('checkUpload refuses what would run or explode when opened', () => {
  it('refuses HTML dressed as a PNG, and SVG with script as .svg and as .png', async () => {
    for (const [bytes, name, type] of [
      [html, 'licence.png', 'image/png'],
      [svg, 'logo.svg', 'image/svg+xml'],
      [svg, 'logo.png', 'image/png'],
    ] as const) {
      const t = await refusal(check(bytes, name, type, 'org-document'))
      expect(t.zh).toBe('文件格式不支持，请上传 PDF、JPG、PNG 或 WebP。')
      expect(t.en).toBe('This file type is not accepted: upload a PDF, JPG, PNG or WebP.')
    }
  })

  it('refuses a file over its purpose’s limit, saying the limit', async () => {
    const big = Buffer.concat([png(100, 100), Buffer.alloc(2 * 1024 * 1024)])
    const t = await refusal(check(big, 'logo.png', 'image/png', 'startup-logo'))
    expect(t.zh).toBe('文件太大，最大 2 MB。')
    expect(t.en).toBe('The file is too large: at most 2 MB.')
  })

  it('refuses images declaring billions of pixels, and takes ordinary ones', async () => {
    for (const bytes of [png(50_000, 50_000), png(20_001, 10), jpeg(65_000, 65_000)]) {
      const t = await refusal(check(bytes, 'scan.png', 'image/png', 'image'))
      expect(t.zh).toContain('图片尺寸过大')
      expect(t.zh).toContain('20000')
      expect(t.en).toContain('The image is too large')
    }
    // A PNG whose header cannot be read as one (IHDR missing) is not taken either.
    const headless = Buffer.concat([png(10, 10).subarray(0, 8), Buffer.alloc(64)])
    const damaged = await check(headless, 'x.png', 'image/png', 'image').then(
      () => null,
      (e: unknown) => e,
    )
    expect(damaged).toBeInstanceOf(UserError)
    expect((await check(png(4_000, 3_000), 'photo.png', 'image/png', 'image')).mime).toBe(
      'image/png',
    )
    expect((await check(jpeg(6_000, 4_000), 'photo.jpg', 'image/jpeg', 'image')).mime).toBe(
      'image/jpeg',
    )
  })

  it('refuses archives that inflate to gigabytes, by ratio, by total and by declared size', async () => {
    // A real bomb: 16 MiB of zeros deflate to a few kilobytes.
    const realBomb = zip([{ name: 'zeros.bin', data: Buffer.alloc(16 * 1024 * 1024) }])
    expect(realBomb.length).toBeLessThan(64 * 1024)
    // Entries whose directory declares gigabytes (the data need not be there to hurt a reader).
    const declared = zip([
      { name: 'a.bin', data: Buffer.alloc(64 * 1024, 7), declaredSize: 0xfffffff0, deflate: false },
    ])
    const manyLarge = zip(
      Array.from({ length: 3 }, (_, i) => ({
        name: `part${i}.bin`,
        data: Buffer.alloc(1024 * 1024, i),
        declaredSize: 100 * 1024 * 1024,
        deflate: false,
      })),
    )
    const docxBomb = zip([
      { name: '[Content_Types].xml', data: contentTypes },
      { name: 'word/document.xml', data: Buffer.alloc(32 * 1024 * 1024, 0x20) },
    ])
    const xlsxBomb = zip([
      { name: '[Content_Types].xml', data: xlsxTypes },
      { name: 'xl/workbook.xml', data: Buffer.alloc(8 * 1024 * 1024, 0x20) },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(32 * 1024 * 1024, 0x20) },
    ])
    for (const [bytes, name] of [
      [realBomb, 'data.zip'],
      [declared, 'data.zip'],
      [manyLarge, 'data.zip'],
      [docxBomb, '商业计划书.docx'],
      [xlsxBomb, '财务模型.xlsx'],
    ] as const) {
      const t = await refusal(check(bytes, name, 'application/octet-stream', 'campaign-data-room'))
      expect(t.zh).toBe('该文件解压后过大或结构异常，无法接收。请拆分文件，或转为 PDF 后上传。')
      expect(t.en).toContain('unpacks to too much data')
    }
    // An ordinary archive and an ordinary Word file are taken.
    const ordinary = zip([
      { name: 'readme.txt', data: Buffer.from('数据室说明'.repeat(200)) },
      { name: 'table.csv', data: Buffer.from('a,b\n1,2\n'.repeat(5000)) },
    ])
    expect((await check(ordinary, 'data.zip', 'application/zip', 'campaign-data-room')).mime).toBe(
      'application/zip',
    )
    const docx = zip([
      { name: '[Content_Types].xml', data: contentTypes },
      { name: 'word/document.xml', data: Buffer.from('<w:document/>'.repeat(2000)) },
    ])
    expect((await check(docx, '计划书.docx', 'application/zip', 'campaign-data-room')).mime).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    )
  })
})

// ---- The registration form ---------------------------------------------------------------

describe('registering an organisation with hostile documents', () => {
  let who: Person
  const segment = segmentOptions('zh-CN')[0]?.value ?? ''
  let seed = Date.now() % 90_000_000

  beforeAll(async () => {
    who = await sessionFor((await createUser(db())).id)
  })

  function form(license: File, letter: File = new File([pdf], 'letter.pdf')) {
    const f = new FormData()
    f.set('type', 'startup')
    f.set('name', '杭州测试科技有限公司')
    f.set('uscc', makeUscc(seed++))
    f.set('city', '杭州')
    f.set('segments', segment)
    f.set('description', '用于测试的机构简介')
    f.set('documentsConsent', 'on')
    f.set('license', license)
    f.set('letter', letter)
    return f
  }

  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    new Request('http://localhost/orgs/new', {
      method: 'POST',
      headers: { cookie: who.cookie, ...headers },
      body,
      // A streamed body must say so.
      duplex: 'half',
    })

  type Reply = {
    result: {
      status: string
      error?: Record<string, string[]>
      initialValue?: Record<string, unknown>
    }
  }
  async function reply(request: Request): Promise<{ status: number; body: Reply }> {
    const out = (await newOrg.action({ request, params: {}, context })) as unknown
    if (out instanceof Response) return { status: out.status, body: (await out.json()) as Reply }
    return { status: 200, body: out as Reply }
  }

  it('refuses each hostile file beside its field, keeps what was typed, stores nothing', async () => {
    const before = await stored()
    const cases: [File, string][] = [
      [new File([html], '营业执照.png', { type: 'image/png' }), '文件格式不支持'],
      [new File([svg], 'licence.svg', { type: 'image/svg+xml' }), '文件格式不支持'],
      [new File([svg], 'licence.png', { type: 'image/png' }), '文件格式不支持'],
      [new File([png(50_000, 50_000)], 'scan.png', { type: 'image/png' }), '图片尺寸过大'],
      [new File([jpeg(60_000, 60_000)], 'scan.jpg', { type: 'image/jpeg' }), '图片尺寸过大'],
    ]
    for (const [license, text] of cases) {
      const { status, body } = await reply(post(form(license)))
      expect(status, license.name).toBe(400)
      const message = body.result.error?.license?.[0] ?? ''
      expect(texts(message).zh, license.name).toContain(text)
      expect(body.result.initialValue?.name).toBe('杭州测试科技有限公司')
      expect(body.result.initialValue?.description).toBe('用于测试的机构简介')
    }
    expect(await stored()).toEqual(before)
  })

  it('refuses a file over the limit with the limit named, reading no more than the limit', async () => {
    const before = await stored()
    const big = new File(
      [Buffer.concat([png(10, 10), Buffer.alloc(11 * 1024 * 1024)])],
      'big.png',
      {
        type: 'image/png',
      },
    )
    const { status, body } = await reply(post(form(big)))
    expect(status).toBe(413)
    const message = body.result.error?.license?.[0] ?? ''
    expect(texts(message).zh).toBe('文件太大，最大 10 MB。')
    expect(texts(message).en).toBe('The file is too large: at most 10 MB.')
    expect(body.result.initialValue?.name).toBe('杭州测试科技有限公司')
    expect(body.result.initialValue?.description).toBe('用于测试的机构简介')
    expect(await stored()).toEqual(before)
  })

  it('stops reading a body far over any limit, declared or not, without holding it', async () => {
    const before = await stored()
    // A gigabyte that says so: refused before a byte is read.
    let pulled = 0
    const endless = () =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled += 1024 * 1024
          controller.enqueue(new Uint8Array(1024 * 1024))
          if (pulled >= 1024 * 1024 * 1024) controller.close()
        },
      })
    const boundary = '----hostile'
    const declared = await reply(
      post(endless(), {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(1024 * 1024 * 1024),
      }),
    )
    expect(declared.status).toBe(413)
    expect(pulled).toBeLessThanOrEqual(2 * 1024 * 1024)
    // The same gigabyte with no length: read up to what this form's two files may weigh, then
    // cut off, well before the largest body any form may have.
    pulled = 0
    const streamed = await reply(
      post(endless(), { 'content-type': `multipart/form-data; boundary=${boundary}` }),
    )
    expect(streamed.status).toBe(413)
    expect(texts(Object.values(streamed.body.result.error ?? {}).flat()[0] ?? '').zh).toContain(
      '文件太大',
    )
    const limit = bodyLimit(uploadPurposes['org-document'].maxBytes, { files: 2 })
    expect(limit).toBeLessThan(MAX_FORM_BYTES)
    expect(pulled).toBeLessThan(limit + 8 * 1024 * 1024)
    expect(await stored()).toEqual(before)
  })

  it('refuses a compressed request body instead of inflating it', async () => {
    const before = await stored()
    const plain = await new Response(form(new File([png(10, 10)], 'l.png'))).arrayBuffer()
    const type = new Response(form(new File([png(10, 10)], 'l.png'))).headers.get('content-type')
    const gz = zlib.gzipSync(Buffer.from(plain))
    const error = await reply(
      post(gz, { 'content-type': type ?? '', 'content-encoding': 'gzip' }),
    ).then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(Response)
    expect((error as Response).status).toBe(415)
    expect(await stored()).toEqual(before)
  })

  it('takes a file named with quotes, semicolons, equals signs and markup, as named', async () => {
    const name = '营业执照;a=b "副本" <img src=x onerror=alert(1)>.png'
    const request = post(form(new File([png(10, 10)], name, { type: 'image/png' })))
    const out = await newOrg.action({ request, params: {}, context })
    expect(out).toBeInstanceOf(Response)
    expect((out as Response).status).toBe(302)
    const [row] = await db().select().from(uploads).where(eq(uploads.originalName, name))
    expect(row?.mime).toBe('image/png')
  })
})

// ---- Serving what was stored -------------------------------------------------------------

describe('a stored file is served as its detected type, never as a page', () => {
  it('sends nosniff, a sandbox, the detected type, and attachment for what is not an image or PDF', async () => {
    const owner = await createUser(db())
    const who = await sessionFor(owner.id)
    const archive = await checkUpload(
      new File(
        [zip([{ name: 'a.txt', data: Buffer.from('<script>alert(1)</script>') }])],
        'x.html',
        {
          type: 'text/html',
        },
      ),
      'attachment',
      'file',
    )
    const image = await checkUpload(
      new File([png(10, 10)], 'y.svg', { type: 'image/svg+xml' }),
      'attachment',
      'file',
    )
    for (const [file, type, disposition] of [
      [archive, 'application/zip', /^attachment;/],
      [image, 'image/png', /^inline;/],
    ] as const) {
      const { id } = await storeUpload(db(), { file, purpose: 'attachment', ownerUserId: owner.id })
      const res = (await servedUpload.loader({
        request: new Request(`http://localhost/uploads/${id}`, { headers: { cookie: who.cookie } }),
        params: { id },
        context,
      })) as Response
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe(type)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('content-disposition')).toMatch(disposition)
      // The name typed by the uploader never reaches the header.
      expect(res.headers.get('content-disposition')).not.toMatch(/html|svg/)
      expect(res.headers.get('content-security-policy')).toMatch(/sandbox/)
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/)
    }
  })
})

// ---- Other upload forms ------------------------------------------------------------------

describe('a file too large on the 发票 form', () => {
  let who: Person
  beforeAll(async () => {
    who = await sessionFor((await createUser(db())).id)
  })

  type FapiaoReply = {
    intent: string
    requestId: string | null
    result: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> | null }
  }
  async function issue(body: BodyInit, headers: Record<string, string> = {}) {
    const request = new Request('http://localhost/finance/fapiao', {
      method: 'POST',
      headers: { cookie: who.cookie, ...headers },
      body,
      duplex: 'half',
    })
    const out = (await fapiaoPage.action({ request, params: {}, context })) as Response
    return { status: out.status, body: (await out.json()) as FapiaoReply }
  }

  it('is refused beside the file, for the request it was for, with the number typed kept', async () => {
    const before = await stored()
    const requestId = '7d3c2f7e-0000-4000-8000-000000000001'
    const f = new FormData()
    f.set('intent', 'issue')
    f.set('requestId', requestId)
    f.set('invoiceNumber', '12345678')
    f.set('invoice', new File([pdf, Buffer.alloc(11 * 1024 * 1024)], 'fapiao.pdf'))
    const { status, body } = await issue(f)
    expect(status).toBe(413)
    expect(body.intent).toBe('issue')
    expect(body.requestId).toBe(requestId)
    expect(texts(body.result.error?.invoice?.[0] ?? '').zh).toBe('文件太大，最大 10 MB。')
    expect(body.result.initialValue?.invoiceNumber).toBe('12345678')
    expect(await stored()).toEqual(before)
  })

  it('stops reading 60 MB sent to this one-file form long before 60 MB', async () => {
    let pulled = 0
    const sixty = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1024 * 1024
        controller.enqueue(new Uint8Array(1024 * 1024))
        if (pulled >= 60 * 1024 * 1024) controller.close()
      },
    })
    const { status, body } = await issue(sixty, {
      'content-type': 'multipart/form-data; boundary=----sixty',
    })
    expect(status).toBe(413)
    // Which request it was for was never read: the message stands above the lists.
    expect(body.requestId).toBeNull()
    expect(texts(body.result.error?.['']?.[0] ?? '').zh).toBe('文件太大，最大 10 MB。')
    expect(pulled).toBeLessThan(30 * 1024 * 1024)
  })
})

describe('the error page for a 400', () => {
  it('speaks of filters only for a list address it could not read', async () => {
    let refused: unknown = null
    try {
      searchParamsOf(
        new Request('http://localhost/admin/users?status=nonsense'),
        z.object({ status: z.enum(['active', 'banned']).optional() }),
      )
    } catch (error) {
      refused = error
    }
    expect(refused).toBeInstanceOf(Response)
    const response = refused as Response
    expect(response.status).toBe(400)
    const t = fixedT('zh-CN', 'common')
    const page = (status: number, data: string) => t(`errors.${errorKind(status, data)}.body`)
    expect(page(400, await response.text())).toContain('筛选')
    // A body that is not a form, an unknown intent: no word of filters or sorting.
    expect(page(400, 'not a form')).not.toMatch(/筛选|排序/)
    expect(page(400, 'not a form')).toContain('重新提交')
    expect(page(413, '')).toContain('文件')
    expect(page(415, 'compressed request bodies are not accepted')).not.toMatch(/筛选|排序/)
  })
})
