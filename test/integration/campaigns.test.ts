// Crowdfunding campaigns against real PostgreSQL and Meilisearch: the form's messages (amounts,
// the risk disclosure, the 90-day deadline), publishing (version 1, the deadline timer, a teaser-
// only index document), who sees what (visitor, member, qualified investor before and after the
// NDA, the startup's people, an admin; and the investors-only setting on pages and search),
// material changes (a new version, reconfirmation asked, the deadline extended inside the last
// 120 hours), Q&A and updates with their notifications.
import { and, eq } from 'drizzle-orm'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import {
  campaigns,
  campaignVersions,
  commitments,
  dataRoomAccessLog,
  notifications,
  searchDocuments,
  timers,
} from '../../db/schema/index.ts'
import { setNow } from '../../app/clock.server.ts'
import { resetEnv } from '../../app/env.server.ts'
import { toBeijing } from '../../app/domains/challenges/beijing-time.ts'
import { answerQuestion, askQuestion } from '../../app/domains/deals/campaign-questions.server.ts'
import { postUpdate } from '../../app/domains/deals/campaign-updates.server.ts'
import { acceptNda } from '../../app/domains/deals/campaign-view.server.ts'
import { publishCampaign } from '../../app/domains/deals/publish-campaign.server.ts'
import { createCampaign, updateCampaign } from '../../app/domains/deals/save-campaign.server.ts'
import { getAuth } from '../../app/domains/accounts/auth.server.ts'
import * as apiSearch from '../../app/routes/api.v1.search.ts'
import * as market from '../../app/routes/campaigns._index.tsx'
import * as pagePage from '../../app/routes/campaigns.$slug._index.tsx'
import * as editPage from '../../app/routes/campaigns.$slug.edit.tsx'
import * as searchPage from '../../app/routes/search.tsx'
import { meili } from '../../search/client.server.ts'
import { offeringsIndex } from '../../search/settings.ts'
import { applySettings } from '../../search/sync.server.ts'
import {
  admin,
  campaignForm,
  commit,
  context,
  DAY,
  errorsOf,
  HOUR,
  investor,
  liveCampaign,
  person,
  rejection,
  request,
  startup,
  thrown,
  values,
  type Person,
} from '../support/campaigns.ts'
import { createCampaign as createCampaignRow } from '../factories/deals.ts'
import { drainJobs } from '../support/jobs.ts'
import { must } from '../support/must.ts'

afterEach(() => {
  setNow(null)
  delete process.env.CAMPAIGN_VISIBILITY
  resetEnv()
})
beforeAll(async () => {
  await applySettings(must(meili(), 'the Meilisearch binary ships for linux-x64: tests need it'))
})

const loadPage = (slug: string, who: Person | null) =>
  pagePage.loader({ request: request(`/campaigns/${slug}`, who), params: { slug }, context })

async function authOf(who: Person) {
  return must(await getAuth(request('/', who)), 'a session')
}

describe('the campaign form', () => {
  it('turns yuan into fen and Beijing time into UTC', () => {
    const v = values(campaignForm({ deadline: '2027-01-20T18:00' }))
    expect(v.targetFen).toBe(300_000_000)
    expect(v.preMoneyFen).toBe(2_700_000_000)
    expect(v.deadline.toISOString()).toBe('2027-01-20T10:00:00.000Z')
  })

  it('says what is wrong beside the field: amounts, the risk disclosure, the deadline', () => {
    const e = errorsOf(campaignForm({ riskDisclosure: '  ', targetYuan: 'abc', deadline: '' }))
    expect(e.riskDisclosure).toEqual(['campaigns:errors.riskRequired'])
    expect(e.targetYuan).toEqual(['campaigns:errors.amount'])
    expect(e.deadline).toEqual(['campaigns:errors.deadlineRequired'])
    const between = errorsOf(
      campaignForm({
        maxYuan: '1,000,000',
        minTicketYuan: '3,200,000',
        minimumAcceptYuan: '3,500,000',
      }),
    )
    expect(between.maxYuan).toEqual(['campaigns:errors.maxBelowTarget'])
    expect(between.minTicketYuan).toEqual(['campaigns:errors.minTicketAboveTarget'])
    expect(between.minimumAcceptYuan).toEqual(['campaigns:errors.minimumAcceptAboveTarget'])
  })

  it('refuses a deadline more than 90 days out, beside the deadline', async () => {
    const s = await startup()
    const create = (days: number) =>
      createCampaign({
        orgId: s.org.id,
        actorUserId: s.owner.id,
        values: values(campaignForm({}, days)),
        ip: '',
      })
    const e = await create(91).then(
      () => null,
      (err: unknown) => err as { messageKey: string; field: string },
    )
    expect(e?.messageKey).toBe('campaigns:errors.deadlineTooFar')
    expect(e?.field).toBe('deadline')
    // Through the edit page's action the message sits beside the field, with what was typed.
    const { slug } = await create(89)
    const fd = campaignForm({ title: '改过的项目名称' }, 95)
    const res = (await editPage.action({
      request: new Request(`http://localhost/campaigns/${slug}/edit`, {
        method: 'POST',
        headers: { cookie: s.owner.cookie },
        body: fd,
      }),
      params: { slug },
      context,
    })) as Response
    expect(res.status).toBe(400)
    const body = (await res.json()) as {
      result: { error: Record<string, string[]>; initialValue: Record<string, string> }
    }
    expect(body.result.error.deadline?.[0]).toMatch(/^campaigns:errors\.deadlineTooFar/)
    expect(body.result.initialValue.title).toBe('改过的项目名称')
  })

  it('a startup that is not verified, or a plain member, cannot raise', async () => {
    const s = await startup()
    expect(
      await rejection(
        createCampaign({
          orgId: s.org.id,
          actorUserId: s.member.id,
          values: values(),
          ip: '',
        }),
      ),
    ).toBe('campaigns:errors.notYours')
  })
})

describe('publishing', () => {
  it('records version 1, times the deadline and indexes the teaser only', async () => {
    const s = await startup()
    const { id, slug } = await createCampaign({
      orgId: s.org.id,
      actorUserId: s.owner.id,
      values: values(),
      ip: '',
    })
    // A draft is the startup's alone.
    expect((await thrown(loadPage(slug, null))).status).toBe(404)
    expect((await thrown(loadPage(slug, await investor()))).status).toBe(404)
    expect((await loadPage(slug, s.member)).teaser.status).toBe('draft')
    expect(
      await rejection(publishCampaign({ campaignId: id, actorUserId: s.member.id, ip: '' })),
    ).toBe('campaigns:errors.notYours')

    const c = await publishCampaign({ campaignId: id, actorUserId: s.owner.id, ip: '' })
    expect(c.status).toBe('live')
    const versions = await db()
      .select()
      .from(campaignVersions)
      .where(eq(campaignVersions.campaignId, id))
    expect(versions.map((v) => v.version)).toEqual([1])
    expect(versions[0]?.terms).toMatchObject({ targetFen: 300_000_000, preMoneyFen: 2_700_000_000 })
    const [timer] = await db()
      .select()
      .from(timers)
      .where(and(eq(timers.subjectId, id), eq(timers.kind, 'campaign.deadline')))
    expect(timer?.dueAt.toISOString()).toBe(c.deadline.toISOString())

    await drainJobs()
    const [mirror] = await db().select().from(searchDocuments).where(eq(searchDocuments.rowId, id))
    const doc = must(mirror, 'the mirror document').doc as Record<string, unknown>
    expect(doc).toMatchObject({ kind: 'campaign', title: c.title, stage: 'seed', status: 'live' })
    const meiliDoc = await must(meili(), 'meili')
      .index(offeringsIndex())
      .getDocument(`campaign-${id}`)
    for (const d of [doc, meiliDoc]) {
      const text = JSON.stringify(d)
      expect(text).not.toContain('300000000')
      expect(text).not.toContain('2700000000')
      expect(text).not.toContain('烧结温度')
      expect(text).not.toContain('风险')
      expect(text).not.toMatch(/preMoney|targetFen|maxFen|valuation/)
    }
  })

  it('refuses to publish once the deadline has passed (the product clock)', async () => {
    const s = await startup()
    const { id } = await createCampaign({
      orgId: s.org.id,
      actorUserId: s.owner.id,
      values: values(campaignForm({}, 10)),
      ip: '',
    })
    setNow(new Date(Date.now() + 11 * DAY))
    expect(
      await rejection(publishCampaign({ campaignId: id, actorUserId: s.owner.id, ip: '' })),
    ).toBe('campaigns:errors.deadlinePast')
  })
})

describe('who sees what', () => {
  it('teaser for visitors and members, the NDA step, then the full page for a qualified investor', async () => {
    const c = await liveCampaign()
    const visitor = await loadPage(c.slug, null)
    expect(visitor.teaser.title).toBe(c.campaign.title)
    expect(visitor.teaser.stage).toBe('seed')
    expect(visitor.full).toBeNull()
    expect(visitor.ndaStep).toBeNull()
    expect(JSON.stringify(visitor)).not.toContain('300000000')

    const member = await loadPage(c.slug, await person())
    expect(member.full).toBeNull()
    expect(member.ndaStep).toBeNull()
    const unverified = await investor(false)
    expect((await loadPage(c.slug, unverified)).full).toBeNull()
    expect(
      await rejection(acceptNda({ slug: c.slug, auth: await authOf(unverified), ip: '' })),
    ).toBe('campaigns:errors.notVerified')

    const angel = await investor()
    const before = await loadPage(c.slug, angel)
    expect(before.full).toBeNull()
    expect(before.ndaStep?.body).toContain('严格保密')
    const res = await thrown(
      pagePage
        .action({
          request: request(`/campaigns/${c.slug}`, angel, { intent: 'accept-nda' }),
          params: { slug: c.slug },
          context,
        })
        .then((r) => {
          throw r
        }),
    )
    expect(res.status).toBe(302)
    const after = await loadPage(c.slug, angel)
    expect(after.full?.targetFen).toBe(300_000_000)
    expect(after.full?.equityTargetPpm).toBe(100_000)
    expect(after.full?.details).toContain('烧结温度')
    const views = await db()
      .select()
      .from(dataRoomAccessLog)
      .where(eq(dataRoomAccessLog.campaignId, c.id))
    expect(views.map((v) => [v.userId, v.action, v.ip])).toEqual([[angel.id, 'view', '10.0.0.9']])

    // The startup's people and campaign admins see the terms without an NDA, and are not logged.
    expect((await loadPage(c.slug, c.member)).full?.preMoneyFen).toBe(2_700_000_000)
    expect((await loadPage(c.slug, await admin())).full).not.toBeNull()
    expect(await db().$count(dataRoomAccessLog, eq(dataRoomAccessLog.campaignId, c.id))).toBe(1)
  })

  it('investors-only: nothing at all for visitors and members, on pages and in search', async () => {
    const c = await liveCampaign()
    await drainJobs()
    process.env.CAMPAIGN_VISIBILITY = 'investors-only'
    resetEnv()
    const member = await person()
    expect((await thrown(loadPage(c.slug, null))).status).toBe(404)
    expect((await thrown(loadPage(c.slug, member))).status).toBe(404)
    expect((await thrown(loadPage(c.slug, await investor(false)))).status).toBe(404)
    const angel = await investor()
    expect((await loadPage(c.slug, angel)).ndaStep).not.toBeNull()
    expect((await loadPage(c.slug, c.member)).full).not.toBeNull()

    const listFor = async (who: Person | null) =>
      market.loader({ request: request('/campaigns?status=any', who), params: {}, context })
    const hidden = await listFor(member)
    expect(hidden.hidden).toBe(true)
    expect(hidden.result.hits).toEqual([])
    expect((await listFor(null)).result.total).toBe(0)
    const shown = await listFor(angel)
    expect(shown.result.hits.map((h) => h.url)).toContain(`/campaigns/${c.slug}`)
    expect(shown.figures[c.id]).toEqual({ percent: 0, daysLeft: 30 })

    const q = encodeURIComponent(c.campaign.title)
    const api = await apiSearch.loader({
      request: new Request(`http://localhost/api/v1/search?q=${q}`),
      params: {},
      context,
    })
    const apiBody = JSON.stringify(await api.json())
    expect(apiBody).not.toContain(c.slug)
    const search = await searchPage.loader({
      request: request(`/search?q=${q}`, member),
      params: {},
      context,
    })
    expect(search.result.hits.map((h) => h.kind)).not.toContain('campaign')
    const searchAngel = await searchPage.loader({
      request: request(`/search?q=${q}`, angel),
      params: {},
      context,
    })
    expect(searchAngel.result.hits.map((h) => h.url)).toContain(`/campaigns/${c.slug}`)

    // In the teaser setting the same search finds it for everyone.
    delete process.env.CAMPAIGN_VISIBILITY
    resetEnv()
    const open = await apiSearch.loader({
      request: new Request(`http://localhost/api/v1/search?q=${q}&kind=campaign`),
      params: {},
      context,
    })
    expect(JSON.stringify(await open.json())).toContain(c.slug)
  })
})

describe('material changes', () => {
  it('a changed term needs a note, bumps the version and asks every investor to reconfirm', async () => {
    const c = await liveCampaign()
    const a = await investor()
    const b = await investor()
    const gone = await investor()
    await commit(c.id, a, 20_000_000)
    await commit(c.id, b, 10_000_000)
    await commit(c.id, gone, 10_000_000, 'cancelled')

    const changed = campaignForm({ targetYuan: '3,500,000' })
    expect(
      await rejection(
        updateCampaign({
          campaignId: c.id,
          actorUserId: c.owner.id,
          values: values(changed),
          ip: '',
        }),
      ),
    ).toBe('campaigns:errors.changeNoteRequired')

    // Not material: saved as it is, no new version, nobody asked.
    const retitled = await updateCampaign({
      campaignId: c.id,
      actorUserId: c.owner.id,
      values: values(campaignForm({ title: '钠电正极材料吨级中试（更新标题）' })),
      ip: '',
    })
    expect(retitled).toMatchObject({ version: 1, material: false, asked: 0 })

    const saved = await updateCampaign({
      campaignId: c.id,
      actorUserId: c.owner.id,
      values: values(
        campaignForm({
          targetYuan: '3,500,000',
          changeNote: '新增一条产线，目标上调至 350 万元。',
        }),
      ),
      ip: '',
    })
    expect(saved).toMatchObject({ version: 2, material: true, asked: 2 })
    const versions = await db()
      .select()
      .from(campaignVersions)
      .where(eq(campaignVersions.campaignId, c.id))
      .orderBy(campaignVersions.version)
    expect(versions.map((v) => [v.version, v.material, v.changeNote])).toEqual([
      [1, false, ''],
      [2, true, '新增一条产线，目标上调至 350 万元。'],
    ])
    expect(versions[1]?.terms).toMatchObject({ targetFen: 350_000_000 })
    const rows = await db().select().from(commitments).where(eq(commitments.campaignId, c.id))
    expect(rows.map((r) => r.status).sort()).toEqual([
      'cancelled',
      'reconfirm_required',
      'reconfirm_required',
    ])
    const told = await db()
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(eq(notifications.kind, 'campaign.reconfirm'))
    expect(told.map((n) => n.userId)).toEqual(expect.arrayContaining([a.id, b.id]))
    expect(told.map((n) => n.userId)).not.toContain(gone.id)

    // Investors see what changed between the versions.
    const page = await loadPage(c.slug, c.member)
    expect(page.full?.versions.map((v) => v.version)).toEqual([1, 2])
  })

  it('a deadline typed to the same minute is no change, whatever its seconds were', async () => {
    const s = await startup()
    const c = await createCampaignRow(db(), { orgId: s.org.id, createdByUserId: s.owner.id })
    const a = await investor()
    await commit(c.id, a, 20_000_000)
    const same = campaignForm({
      title: '改个标题',
      deadline: toBeijing(c.deadline),
      targetYuan: '1000000',
      maxYuan: '1500000',
      minTicketYuan: '10000',
      minimumAcceptYuan: '800000',
      preMoneyYuan: '9000000',
      existingHolders: '3',
      useOfFunds: '中试线设备 60%，研发 30%，运营 10%。',
      riskDisclosure: '早期项目风险高，投资可能全部损失；股权流动性差，退出渠道有限。',
    })
    const saved = await updateCampaign({
      campaignId: c.id,
      actorUserId: s.owner.id,
      values: values(same),
      ip: '',
    })
    expect(saved).toMatchObject({ version: 1, material: false, asked: 0 })
    expect(saved.deadline.toISOString()).toBe(c.deadline.toISOString())
  })

  it('the deadline cannot move earlier once commitments exist, nor the cap below what is committed', async () => {
    const c = await liveCampaign({}, 40)
    const a = await investor()
    await commit(c.id, a, 350_000_000)
    const note = { changeNote: '调整条款，详见说明。' }
    expect(
      await rejection(
        updateCampaign({
          campaignId: c.id,
          actorUserId: c.owner.id,
          values: values(campaignForm(note, 20)),
          ip: '',
        }),
      ),
    ).toBe('campaigns:errors.deadlineEarlier')
    expect(
      await rejection(
        updateCampaign({
          campaignId: c.id,
          actorUserId: c.owner.id,
          values: values(
            campaignForm(
              { ...note, deadline: toBeijing(c.campaign.deadline), maxYuan: '3,000,000' },
              40,
            ),
          ),
          ip: '',
        }),
      ),
    ).toBe('campaigns:errors.capBelowCommitted')
  })

  it('a change in the last 120 hours extends the deadline so the reconfirmation window fits', async () => {
    const c = await liveCampaign({}, 10)
    const a = await investor()
    await commit(c.id, a, 20_000_000)
    const deadline = c.campaign.deadline
    const at = new Date(deadline.getTime() - 50 * HOUR)
    setNow(at)
    const saved = await updateCampaign({
      campaignId: c.id,
      actorUserId: c.owner.id,
      values: values(
        campaignForm({
          deadline: toBeijing(deadline),
          useOfFunds: '中试线设备 50%，研发人员 30%，认证 20%。',
          changeNote: '调整资金用途比例。',
        }),
      ),
      ip: '',
    })
    const extended = new Date(at.getTime() + 120 * HOUR)
    expect(saved.deadline.toISOString()).toBe(extended.toISOString())
    const row = must(
      await db()
        .select()
        .from(campaigns)
        .where(eq(campaigns.id, c.id))
        .then((r) => r[0]),
      'campaign',
    )
    expect(row.deadline.toISOString()).toBe(extended.toISOString())
    const due = await db()
      .select()
      .from(timers)
      .where(and(eq(timers.subjectId, c.id), eq(timers.kind, 'campaign.deadline')))
    expect(
      due
        .filter((t) => t.firedAt === null && t.cancelledAt === null)
        .map((t) => t.dueAt.toISOString()),
    ).toEqual([extended.toISOString()])
    const [commitment] = await db()
      .select()
      .from(commitments)
      .where(eq(commitments.campaignId, c.id))
    expect(commitment?.reconfirmBy?.toISOString()).toBe(extended.toISOString())
  })
})

describe('Q&A and updates', () => {
  it('investors who accepted the NDA ask; the startup answers once; both sides are told', async () => {
    const c = await liveCampaign()
    const angel = await investor()
    const auth = await authOf(angel)
    expect(
      await rejection(askQuestion({ slug: c.slug, auth, question: '客户认证进展如何？' })),
    ).toBe('campaigns:errors.ndaFirst')
    await acceptNda({ slug: c.slug, auth, ip: '10.0.0.3' })
    await askQuestion({ slug: c.slug, auth, question: '客户认证进展如何？' })
    const asked = await db()
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(eq(notifications.kind, 'campaign.question'))
    const askedIds = asked.map((n) => n.userId)
    expect(askedIds).toEqual(expect.arrayContaining([c.owner.id, c.admin.id]))
    expect(askedIds).not.toContain(c.member.id)

    const page = await loadPage(c.slug, c.owner)
    const q = must(page.full?.questions[0], 'the question')
    expect(q.answer).toBeNull()
    // Another investor does not see an unanswered question.
    const other = await investor()
    await acceptNda({ slug: c.slug, auth: await authOf(other), ip: '' })
    expect((await loadPage(c.slug, other)).full?.questions).toEqual([])

    const ownerAuth = await authOf(c.owner)
    expect(
      await rejection(
        answerQuestion({
          slug: c.slug,
          auth: await authOf(c.member),
          questionId: q.id,
          answer: '好',
        }),
      ),
    ).toBe('campaigns:errors.notYours')
    await answerQuestion({
      slug: c.slug,
      auth: ownerAuth,
      questionId: q.id,
      answer: '第二轮送样中。',
    })
    expect(
      await rejection(
        answerQuestion({ slug: c.slug, auth: ownerAuth, questionId: q.id, answer: '再答一次' }),
      ),
    ).toBe('campaigns:errors.alreadyAnswered')
    const answered = await db()
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(eq(notifications.kind, 'campaign.answer'))
    expect(answered.map((n) => n.userId)).toContain(angel.id)
    expect((await loadPage(c.slug, other)).full?.questions.map((x) => x.answer)).toEqual([
      '第二轮送样中。',
    ])
  })

  it('an update reaches every investor whose commitment counts', async () => {
    const c = await liveCampaign()
    const a = await investor()
    const b = await investor()
    const gone = await investor()
    await commit(c.id, a, 20_000_000)
    await commit(c.id, b, 10_000_000, 'pending')
    await commit(c.id, gone, 10_000_000, 'cancelled')
    const { notified } = await postUpdate({
      slug: c.slug,
      auth: await authOf(c.owner),
      title: '第二家电池厂认证通过',
      body: '本周收到第二家电池厂的认证通过通知。',
    })
    expect(notified).toBe(2)
    const told = await db()
      .select({ userId: notifications.userId, params: notifications.params })
      .from(notifications)
      .where(eq(notifications.kind, 'campaign.update'))
    const ids = told.map((n) => n.userId)
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]))
    expect(ids).not.toContain(gone.id)
    expect(
      await rejection(
        postUpdate({
          slug: c.slug,
          auth: await authOf(a),
          title: '冒充',
          body: '不是发起方的动态',
        }),
      ),
    ).toBe('campaigns:errors.notYours')
  })
})
