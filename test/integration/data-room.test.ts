// The data room against real PostgreSQL and Meilisearch: a person who is not a qualified investor
// with the NDA accepted gets nothing of it (the page's data, the public API, the index documents,
// /uploads and the documents route), a qualified investor's views and downloads are logged, and
// the startup sees the log on its manage page. /uploads has no rule for data-room files but the
// startup's own people; the pitch deck goes with the teaser.
import { eq } from 'drizzle-orm'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import { campaignDocuments, dataRoomAccessLog, searchDocuments } from '../../db/schema/index.ts'
import { resetEnv } from '../../app/env.server.ts'
import { getAuth } from '../../app/domains/accounts/auth.server.ts'
import { acceptNda } from '../../app/domains/deals/campaign-view.server.ts'
import { addDocument } from '../../app/domains/deals/data-room.server.ts'
import { updateCampaign } from '../../app/domains/deals/save-campaign.server.ts'
import * as apiSearch from '../../app/routes/api.v1.search.ts'
import * as documentRoute from '../../app/routes/campaigns.$slug.documents.$documentId.ts'
import * as pagePage from '../../app/routes/campaigns.$slug._index.tsx'
import * as managePage from '../../app/routes/campaigns.$slug.manage.tsx'
import * as uploadsRoute from '../../app/routes/uploads.$id.tsx'
import { meili } from '../../search/client.server.ts'
import { offeringsIndex } from '../../search/settings.ts'
import { applySettings } from '../../search/sync.server.ts'
import {
  admin,
  campaignForm,
  context,
  investor,
  liveCampaign,
  pdf,
  person,
  rejection,
  request,
  thrown,
  values,
  type Person,
} from '../support/campaigns.ts'
import { drainJobs } from '../support/jobs.ts'
import { must } from '../support/must.ts'

const DOC_TITLE = '2025 年审计报告（机密）'

afterEach(() => {
  delete process.env.CAMPAIGN_VISIBILITY
  resetEnv()
})
beforeAll(async () => {
  await applySettings(must(meili(), 'the Meilisearch binary ships for linux-x64: tests need it'))
})

async function authOf(who: Person) {
  return must(await getAuth(request('/', who)), 'a session')
}

/** A live campaign with one document in its data room. */
async function withDocument() {
  const c = await liveCampaign()
  const { id: documentId } = await addDocument({
    slug: c.slug,
    auth: await authOf(c.owner),
    title: DOC_TITLE,
    file: pdf('audit.pdf', 'AUDIT 2025'),
    ip: '',
  })
  const doc = must(
    await db()
      .select()
      .from(campaignDocuments)
      .where(eq(campaignDocuments.id, documentId))
      .then((r) => r[0]),
    'the document',
  )
  return { ...c, documentId, uploadId: doc.uploadId }
}

/** The status a route answers with, whether it returned or threw its response. */
async function statusOf(work: Promise<unknown>): Promise<number> {
  const outcome = await work.then(
    (r) => r,
    (e: unknown) => e,
  )
  if (outcome instanceof Response) return outcome.status
  throw new Error(`expected a response, got ${String(outcome)}`)
}

const download = (c: { slug: string; documentId: string }, who: Person | null) =>
  documentRoute.loader({
    request: request(`/campaigns/${c.slug}/documents/${c.documentId}`, who),
    params: { slug: c.slug, documentId: c.documentId },
    context,
  })
const upload = (id: string, who: Person | null) =>
  uploadsRoute.loader({ request: request(`/uploads/${id}`, who), params: { id }, context })
const page = (slug: string, who: Person | null) =>
  pagePage.loader({ request: request(`/campaigns/${slug}`, who), params: { slug }, context })

describe('a person who may not read the data room gets nothing of it', () => {
  it('not from the page, the API, the index, /uploads or the documents route', async () => {
    const c = await withDocument()
    await drainJobs()
    for (const who of [null, await person(), await investor(false), await investor()]) {
      const data = await page(c.slug, who)
      expect(data.full).toBeNull()
      const text = JSON.stringify(data)
      expect(text).not.toContain(DOC_TITLE)
      expect(text).not.toContain(c.documentId)
      expect(text).not.toContain(c.uploadId)
      if (who) expect(await statusOf(download(c, who))).toBe(404)
      // A visitor is sent to log in and learns nothing; a signed-in stranger gets 404.
      const up = await thrown(upload(c.uploadId, who))
      expect(up.status).toBe(who ? 404 : 302)
    }
    expect((await thrown(download(c, null))).status).toBe(302)

    const api = await apiSearch.loader({
      request: new Request(
        `http://localhost/api/v1/search?kind=campaign&q=${encodeURIComponent(c.campaign.title)}`,
      ),
      params: {},
      context,
    })
    const apiText = JSON.stringify(await api.json())
    expect(apiText).toContain(c.slug)
    expect(apiText).not.toContain(DOC_TITLE)
    expect(apiText).not.toContain('300000000')

    const [mirror] = await db()
      .select()
      .from(searchDocuments)
      .where(eq(searchDocuments.rowId, c.id))
    const meiliDoc = await must(meili(), 'meili')
      .index(offeringsIndex())
      .getDocument(`campaign-${c.id}`)
    for (const d of [must(mirror, 'mirror').doc, meiliDoc]) {
      const text = JSON.stringify(d)
      expect(text).not.toContain(DOC_TITLE)
      expect(text).not.toContain(c.uploadId)
      expect(text).not.toContain('严格保密')
    }
    // Nothing was read, so nothing was logged.
    expect(await db().$count(dataRoomAccessLog, eq(dataRoomAccessLog.campaignId, c.id))).toBe(0)
  })
})

describe('reading the data room', () => {
  it('a qualified investor who accepted the NDA downloads through the documents route, logged', async () => {
    const c = await withDocument()
    const angel = await investor()
    await acceptNda({ slug: c.slug, auth: await authOf(angel), ip: '10.0.0.7' })
    const data = await page(c.slug, angel)
    expect(data.full?.documents.map((d) => d.title)).toEqual([DOC_TITLE])
    const res = await download(c, angel)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    expect(new TextDecoder().decode(await res.arrayBuffer())).toContain('AUDIT 2025')
    // The generic file route has no rule that lets an investor in.
    expect((await thrown(upload(c.uploadId, angel))).status).toBe(404)

    const log = await db()
      .select()
      .from(dataRoomAccessLog)
      .where(eq(dataRoomAccessLog.campaignId, c.id))
      .orderBy(dataRoomAccessLog.at)
    expect(log.map((r) => [r.userId, r.action, r.documentId])).toEqual([
      [angel.id, 'view', null],
      [angel.id, 'download', c.documentId],
    ])

    // The startup sees who read what on its manage page; nobody else reaches that page.
    const manage = await managePage.loader({
      request: request(`/campaigns/${c.slug}/manage`, c.owner),
      params: { slug: c.slug },
      context,
    })
    expect(manage.log.map((r) => [r.action, r.document])).toEqual(
      expect.arrayContaining([
        ['view', null],
        ['download', DOC_TITLE],
      ]),
    )
    for (const who of [angel, c.member])
      expect(
        (
          await thrown(
            managePage.loader({
              request: request(`/campaigns/${c.slug}/manage`, who),
              params: { slug: c.slug },
              context,
            }),
          )
        ).status,
      ).toBe(404)
  })

  it('the startup’s people read the file anywhere, unlogged; admins only through the documents route', async () => {
    const c = await withDocument()
    const own = await upload(c.uploadId, c.member)
    expect(own.status).toBe(200)
    expect((await download(c, c.member)).status).toBe(200)
    const verifier = await admin()
    expect((await thrown(upload(c.uploadId, verifier))).status).toBe(404)
    expect((await download(c, verifier)).status).toBe(200)
    expect(await db().$count(dataRoomAccessLog, eq(dataRoomAccessLog.campaignId, c.id))).toBe(0)
  })

  it('a removed document is gone for investors; only the startup may add or remove', async () => {
    const c = await withDocument()
    const angel = await investor()
    await acceptNda({ slug: c.slug, auth: await authOf(angel), ip: '' })
    expect(
      await rejection(
        addDocument({
          slug: c.slug,
          auth: await authOf(angel),
          title: '冒充的资料',
          file: pdf(),
          ip: '',
        }),
      ),
    ).toBe('campaigns:errors.notYours')
    const res = await managePage.action({
      request: request(`/campaigns/${c.slug}/manage`, c.owner, {
        intent: 'remove-document',
        documentId: c.documentId,
      }),
      params: { slug: c.slug },
      context,
    })
    expect((res as Response).status).toBe(302)
    expect(await statusOf(download(c, angel))).toBe(404)
    expect((await page(c.slug, angel)).full?.documents).toEqual([])
  })

  it('refuses a file type a browser would run, beside the file field', async () => {
    const c = await liveCampaign()
    const html = new File(['<html><script>alert(1)</script></html>'], 'x.html', {
      type: 'text/html',
    })
    const e = await addDocument({
      slug: c.slug,
      auth: await authOf(c.owner),
      title: '网页',
      file: html,
      ip: '',
    }).then(
      () => null,
      (err: unknown) => err as { messageKey: string; field: string },
    )
    expect(e).toMatchObject({ messageKey: 'common:upload.badType', field: 'file' })
  })
})

describe('the pitch deck goes with the teaser', () => {
  it('public in the teaser setting, for qualified investors only in the investors-only one', async () => {
    const c = await liveCampaign()
    await updateCampaign({
      campaignId: c.id,
      actorUserId: c.owner.id,
      values: values(campaignForm({ title: c.campaign.title })),
      pitchDeck: pdf('deck.pdf', 'PITCH'),
      ip: '',
    })
    const deckId = must((await page(c.slug, null)).teaser.pitchDeckUploadId, 'the deck')
    expect((await upload(deckId, null)).status).toBe(200)
    process.env.CAMPAIGN_VISIBILITY = 'investors-only'
    resetEnv()
    expect((await thrown(upload(deckId, null))).status).toBe(302)
    expect((await thrown(upload(deckId, await person()))).status).toBe(404)
    expect((await upload(deckId, await investor())).status).toBe(200)
  })
})
