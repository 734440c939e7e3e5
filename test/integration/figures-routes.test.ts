// The figures pages and downloads: who may see them, and CSV that a spreadsheet opens with its
// columns and Chinese intact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import { setNow } from '../../app/clock.server.ts'
import { createSession, sessionCookieName } from '../../app/domains/accounts/session.server.ts'
import * as dashboardPage from '../../app/routes/spaces.$slug.dashboard.tsx'
import * as dashboardCsv from '../../app/routes/spaces.$slug.dashboard[.]csv.ts'
import * as reportPage from '../../app/routes/spaces.$slug.report.tsx'
import * as adminPage from '../../app/routes/admin.figures.tsx'
import * as adminCsv from '../../app/routes/admin.figures[.]csv.ts'
import {
  addOrgMember,
  admitToSpace,
  createOrg,
  createSpace,
  createUser,
  makeAdmin,
} from '../factories/index.ts'

const context = { ip: '10.0.0.9', nonce: 'test', requestId: 'test' }
type Person = { id: string; cookie: string }

async function signedIn(userId: string): Promise<Person> {
  const { token } = await createSession(db(), userId)
  return { id: userId, cookie: `${sessionCookieName()}=${token}` }
}

const get = (path: string, who: Person | null, lng?: string) =>
  new Request(`http://localhost${path}`, {
    headers: {
      ...(who ? { cookie: who.cookie } : {}),
      ...(lng ? { 'accept-language': lng } : {}),
    },
  })

async function outcome(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    (v) => v,
    (e: unknown) => e,
  )
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else field += c
  }
  if (field || row.length) rows.push([...row, field])
  return rows
}

describe('figures pages and CSV', () => {
  let slug = ''
  let spaceName = ''
  let owner: Person
  let staff: Person
  let outsider: Person
  let admin: Person

  beforeAll(async () => {
    setNow(new Date('2013-03-15T04:00:00Z'))
    const ownerUser = await createUser(db())
    const staffUser = await createUser(db())
    const operator = await createOrg(db(), { type: 'space_operator', ownerId: ownerUser.id })
    await addOrgMember(db(), operator.id, staffUser.id, 'member')
    // A quote and a comma: the CSV must quote the field and double the quote.
    spaceName = `统计路由测试空间"南山",${Math.random().toString(36).slice(2, 6)}`
    const space = await createSpace(db(), { operatorOrgId: operator.id, name: spaceName })
    slug = space.slug
    const startup = await createOrg(db(), { name: '纳米新材料科技有限公司' })
    await admitToSpace(db(), {
      spaceId: space.id,
      orgId: startup.id,
      stage: 'incubator',
      admittedOn: '2012-03-01',
    })
    owner = await signedIn(ownerUser.id)
    staff = await signedIn(staffUser.id)
    outsider = await signedIn((await createUser(db())).id)
    const adminUser = await createUser(db())
    await makeAdmin(db(), adminUser.id, ['verifier'])
    admin = await signedIn(adminUser.id)
  })

  afterAll(() => setNow(null))

  it('shows the dashboard, CSV and report to the space admins only', async () => {
    const path = `/spaces/${slug}/dashboard?from=2012-01&to=2012-12`
    const args = (who: Person | null) => ({ request: get(path, who), params: { slug }, context })
    // Outsiders are told nothing is there; the operator's own staff that they lack the right.
    for (const [who, status] of [
      [outsider, 404],
      [admin, 404],
      [staff, 403],
    ] as const) {
      for (const route of [dashboardPage, dashboardCsv, reportPage]) {
        const refused = await outcome(route.loader(args(who)))
        expect(refused).toBeInstanceOf(Response)
        expect((refused as Response).status).toBe(status)
      }
    }
    const anonymous = await outcome(dashboardPage.loader(args(null)))
    expect((anonymous as Response).status).toBe(302)

    const page = await dashboardPage.loader(args(owner))
    expect(page.period).toEqual({ from: '2012-01', to: '2012-12' })
    expect(page.figures.byMonth.startupsServed.map((m) => m.value)).toEqual([
      0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ])
    expect(page.figures.total.membersByStage.components).toMatchObject({ incubator: 1 })
  })

  it('keeps a bad period in the form with the error beside its field', async () => {
    const page = await dashboardPage.loader({
      request: get(`/spaces/${slug}/dashboard?from=2012-13&to=2013-09`, owner),
      params: { slug },
      context,
    })
    expect(page.lastResult?.error).toMatchObject({
      from: ['figures:errors.monthFormat'],
      to: ['figures:errors.toFuture'],
    })
    expect(page.lastResult?.initialValue).toMatchObject({ from: '2012-13', to: '2013-09' })
    // The page still shows the default period: the twelve months ending this month.
    expect(page.period).toEqual({ from: '2012-04', to: '2013-03' })
  })

  it('downloads one figure as CSV with BOM, CRLF, the reader’s headers and a Chinese filename', async () => {
    const response = (await dashboardCsv.loader({
      request: get(
        `/spaces/${slug}/dashboard.csv?figure=membersByStage&from=2012-01&to=2012-06`,
        owner,
      ),
      params: { slug },
      context,
    })) as Response
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const disposition = response.headers.get('content-disposition') ?? ''
    expect(disposition).toContain(`filename="figures-${slug}-membersByStage-2012-01_2012-06.csv"`)
    const star = /filename\*=UTF-8''(.+)$/.exec(disposition)?.[1] ?? ''
    expect(decodeURIComponent(star)).toBe(
      `统计监测-${spaceName}-membersByStage-2012-01_2012-06.csv`,
    )
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
    expect(text.startsWith('\uFEFF')).toBe(true)
    expect(text.endsWith('\r\n')).toBe(true)
    expect(text.replaceAll('\r\n', '')).not.toContain('\n')
    const rows = parseCsv(text.slice(1))
    expect(rows[0]).toEqual(['月份', '数值 (数量)', '苗圃', '孵化器', '加速器'])
    expect(rows.slice(1).map((r) => r[0])).toEqual([
      '2012-01',
      '2012-02',
      '2012-03',
      '2012-04',
      '2012-05',
      '2012-06',
      '本期合计',
    ])
    expect(rows[3]).toEqual(['2012-03', '1', '0', '1', '0'])
  })

  it('downloads every figure in long format, in English for an English reader', async () => {
    const response = (await dashboardCsv.loader({
      request: get(`/spaces/${slug}/dashboard.csv?figure=all&from=2012-03&to=2012-03`, owner, 'en'),
      params: { slug },
      context,
    })) as Response
    const rows = parseCsv((await response.text()).replace(/^\uFEFF/, ''))
    expect(rows[0]).toEqual(['Month', 'Figure', 'Value', 'Unit', 'Components'])
    expect(rows).toContainEqual(['2012-03', 'Startups served', '1', 'Count', ''])
    expect(rows).toContainEqual([
      '2012-03',
      'Members at month end, by stage',
      '1',
      'Count',
      'Nursery=0; Incubator=1; Accelerator=0',
    ])
    // 17 figures, each one month and the period total.
    expect(rows).toHaveLength(1 + 17 * 2)
  })

  it('refuses an unknown figure', async () => {
    const refused = await outcome(
      dashboardCsv.loader({
        request: get(`/spaces/${slug}/dashboard.csv?figure=nope`, owner),
        params: { slug },
        context,
      }),
    )
    expect((refused as Response).status).toBe(400)
  })

  it('gives platform admins every space with a platform total, and its CSV with Chinese names intact', async () => {
    const refused = await outcome(
      adminPage.loader({ request: get('/admin/figures', owner), params: {}, context }),
    )
    expect((refused as Response).status).toBe(403)
    const page = await adminPage.loader({
      request: get('/admin/figures?from=2012-01&to=2012-12', admin),
      params: {},
      context,
    })
    const mine = page.spaces.find((s) => s.slug === slug)
    expect(mine?.figures.total.startupsServed.value).toBe(1)
    expect(page.platform.total.startupsServed.value).toBeGreaterThanOrEqual(1)

    const response = (await adminCsv.loader({
      request: get('/admin/figures.csv?from=2012-01&to=2012-12', admin),
      params: {},
      context,
    })) as Response
    const text = await response.text()
    const rows = parseCsv(text.replace(/^\uFEFF/, ''))
    expect(rows[0]).toEqual(['空间', '月份', '指标', '数值', '单位', '分项'])
    expect(rows).toContainEqual([spaceName, '本期合计', '服务初创企业数', '1', '数量', ''])
    expect(rows.some((r) => r[0] === '全平台')).toBe(true)
    expect(text).toContain('"统计路由测试空间""南山"",')
  })
})
