// Posting innovation challenges against real PostgreSQL and Meilisearch: the form's messages,
// drafts kept from strangers, publishing (version 1, the bid-deadline timer, the index),
// amendments (versioned, told to live bidders, the deadline never earlier once bids exist), the
// NDA keeping the details out of the page's data and the index until accepted, Q&A, and the
// close-bids timer driven by the clock.
import { parseWithZod } from '@conform-to/zod/v4'
import { and, eq } from 'drizzle-orm'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../db/client.server.ts'
import {
  challengeBids,
  challenges,
  challengeVersions,
  ndaAcceptances,
  ndaTexts,
  notifications,
  searchDocuments,
  timers,
} from '../../db/schema/index.ts'
import { setNow } from '../../app/clock.server.ts'
import { createSession, sessionCookieName } from '../../app/domains/accounts/session.server.ts'
import {
  ChallengeFormSchema,
  type ChallengeValues,
} from '../../app/domains/challenges/challenge-form.schema.ts'
import { toBeijing } from '../../app/domains/challenges/beijing-time.ts'
import {
  answerQuestion,
  askQuestion,
} from '../../app/domains/challenges/challenge-questions.server.ts'
import { publishChallenge } from '../../app/domains/challenges/publish-challenge.server.ts'
import {
  createChallenge,
  updateChallenge,
} from '../../app/domains/challenges/save-challenge.server.ts'
import { sweepTimers } from '../../app/domains/timers/timers.server.ts'
import { UserError } from '../../app/domains/problems.ts'
import '../../app/domains/timers/handlers.server.ts'
import * as pagePage from '../../app/routes/challenges.$id._index.tsx'
import * as editPage from '../../app/routes/challenges.$id.edit.tsx'
import { meili } from '../../search/client.server.ts'
import type { OfferingDoc } from '../../search/document.ts'
import { SearchParamsSchema, searchOfferings, searchPostgres } from '../../search/query.server.ts'
import { offeringsIndex } from '../../search/settings.ts'
import { applySettings } from '../../search/sync.server.ts'
import { createOrg, createUser } from '../factories/index.ts'
import { drainJobs } from '../support/jobs.ts'
import { must } from '../support/must.ts'

const context = { ip: '10.0.0.9', nonce: 'test', requestId: 'test' }
const DAY = 86_400_000
const SECRET = '机密：电芯极耳焊接参数 7.3 kA'

afterEach(() => setNow(null))
beforeAll(async () => {
  await applySettings(must(meili(), 'the Meilisearch binary ships for linux-x64: tests need it'))
})

/** The form as a browser posts it, deadlines in Beijing time relative to now. */
function post(extra: Record<string, string | string[]> = {}): FormData {
  const at = Date.now()
  const fields: Record<string, string | string[]> = {
    title: '动力电池模组激光焊接质量在线检测',
    summary: '寻找能在产线节拍内识别虚焊、漏焊的在线检测方案，适配现有激光焊接工位。',
    details: '现有工位节拍 6 秒，极耳厚度 0.3 mm。',
    segments: ['2.1'],
    type: 'rd_task',
    solicitation: 'open',
    awardMode: 'fixed',
    awardYuan: '200,000',
    bidDeadline: toBeijing(new Date(at + 10 * DAY)),
    awardDeadline: toBeijing(new Date(at + 20 * DAY)),
    deliveryDeadline: toBeijing(new Date(at + 90 * DAY)),
    ipTerms: 'exclusive_licence',
    confidentiality: 'public',
    eligibility: 'anyone',
    ...extra,
  }
  const fd = new FormData()
  for (const [k, v] of Object.entries(fields))
    for (const one of Array.isArray(v) ? v : [v]) fd.append(k, one)
  return fd
}

function values(fd: FormData = post()): ChallengeValues {
  const s = parseWithZod(fd, { schema: ChallengeFormSchema })
  if (s.status !== 'success') throw new Error(JSON.stringify(s.reply().error))
  return s.value
}

function errorsOf(fd: FormData): Record<string, string[] | null> {
  const s = parseWithZod(fd, { schema: ChallengeFormSchema })
  expect(s.status).toBe('error')
  return s.reply().error ?? {}
}

async function person() {
  const user = await createUser(db())
  const { token } = await createSession(db(), user.id)
  return { id: user.id, cookie: `${sessionCookieName()}=${token}` }
}

async function poster() {
  const owner = await person()
  const org = await createOrg(db(), { type: 'enterprise', ownerId: owner.id, city: '合肥' })
  return { owner, org }
}

const request = (path: string, who: { cookie: string } | null, body?: Record<string, string>) =>
  new Request(`http://localhost${path}`, {
    method: body ? 'POST' : 'GET',
    headers: who ? { cookie: who.cookie } : {},
    body: body ? new URLSearchParams(body) : undefined,
  })

async function thrown(work: Promise<unknown>): Promise<Response> {
  const outcome = await work.then(
    () => null,
    (e: unknown) => e,
  )
  if (!(outcome instanceof Response)) throw new Error(`expected a thrown response, got ${outcome}`)
  return outcome
}

async function loadPage(slug: string, who: { cookie: string } | null) {
  return pagePage.loader({
    request: request(`/challenges/${slug}`, who),
    params: { id: slug },
    context,
  })
}

async function published(extra: Record<string, string | string[]> = {}) {
  const p = await poster()
  const { id, slug } = await createChallenge({
    orgId: p.org.id,
    actorUserId: p.owner.id,
    values: values(post(extra)),
    ip: '10.0.0.1',
  })
  await publishChallenge({ challengeId: id, actorUserId: p.owner.id, ip: '10.0.0.1' })
  return { ...p, id, slug }
}

async function rejection(work: Promise<unknown>): Promise<string> {
  const e = await work.then(
    () => null,
    (err: unknown) => err,
  )
  if (!(e instanceof UserError)) throw new Error(`expected a UserError, got ${String(e)}`)
  return e.messageKey
}

describe('the challenge form', () => {
  it('turns yuan into fen and Beijing time into UTC', () => {
    const v = values(
      post({
        bidDeadline: '2027-03-01T18:00',
        awardDeadline: '2027-03-15T18:00',
        deliveryDeadline: '2027-06-01T18:00',
      }),
    )
    expect(v.awardFen).toBe(20_000_000)
    expect(v.budgetMinFen).toBeNull()
    expect(v.bidDeadline.toISOString()).toBe('2027-03-01T10:00:00.000Z')
  })

  it('says what is wrong, beside the field', () => {
    // A field's own rule first…
    const fields = errorsOf(post({ title: '', segments: [] }))
    expect(fields.title).toEqual(['challenges:errors.titleRequired'])
    expect(fields.segments).toEqual(['challenges:errors.segmentsCount'])
    // …then the rules between fields, once every field is well formed.
    const e = errorsOf(
      post({
        awardMode: 'range',
        awardYuan: '',
        budgetMinYuan: '50000',
        budgetMaxYuan: '20000',
        awardDeadline: toBeijing(new Date(Date.now() + 5 * DAY)),
        confidentiality: 'nda',
        ndaBody: '',
        eligibility: 'space_members',
      }),
    )
    expect(e.budgetMaxYuan).toEqual(['challenges:errors.budgetOrder'])
    expect(e.awardDeadline).toEqual(['challenges:errors.awardBeforeBid'])
    expect(e.ndaBody).toEqual(['challenges:errors.ndaRequired'])
    expect(e.eligibleSpaceIds).toEqual(['challenges:errors.spacesRequired'])
    expect(errorsOf(post({ awardYuan: '' })).awardYuan).toEqual(['challenges:errors.awardRequired'])
    expect(errorsOf(post({ bidDeadline: '2027-02-30T10:00' })).bidDeadline).toEqual([
      'challenges:errors.bidDeadline',
    ])
  })
})

describe('posting a challenge', () => {
  it('a draft is the organisation’s alone; publishing records version 1, times the bid deadline and indexes it', async () => {
    const p = await poster()
    const { id, slug } = await createChallenge({
      orgId: p.org.id,
      actorUserId: p.owner.id,
      values: values(),
      ip: '10.0.0.1',
    })
    const stranger = await person()
    expect((await thrown(loadPage(slug, stranger))).status).toBe(404)
    expect((await thrown(loadPage(slug, null))).status).toBe(404)
    expect(
      (
        await thrown(
          editPage.loader({
            request: request(`/challenges/${slug}/edit`, stranger),
            params: { id: slug },
            context,
          }),
        )
      ).status,
    ).toBe(404)
    expect((await loadPage(slug, p.owner)).challenge.status).toBe('draft')
    await drainJobs()
    expect(await db().select().from(searchDocuments).where(eq(searchDocuments.rowId, id))).toEqual(
      [],
    )

    // Someone outside the organisation cannot publish it.
    expect(
      await rejection(publishChallenge({ challengeId: id, actorUserId: stranger.id, ip: '' })),
    ).toBe('challenges:errors.notYours')
    const c = await publishChallenge({ challengeId: id, actorUserId: p.owner.id, ip: '10.0.0.1' })
    expect(c.status).toBe('open')
    const versions = await db()
      .select()
      .from(challengeVersions)
      .where(eq(challengeVersions.challengeId, id))
    expect(versions.map((v) => v.version)).toEqual([1])
    const [timer] = await db()
      .select()
      .from(timers)
      .where(and(eq(timers.subjectId, id), eq(timers.kind, 'challenge.close-bids')))
    expect(timer?.dueAt.toISOString()).toBe(c.bidDeadline.toISOString())
    await drainJobs()
    const found = await searchOfferings(
      SearchParamsSchema.parse({
        kind: 'challenge',
        q: '激光焊接',
        type: 'rd_task',
        status: 'open',
      }),
    )
    expect(found.hits.map((h) => h.url)).toContain(`/challenges/${slug}`)
    const band = await searchPostgres(
      SearchParamsSchema.parse({ kind: 'challenge', award: '200k-1m', city: '合肥', due: 'week' }),
    )
    expect(band.hits.map((h) => h.url)).not.toContain(`/challenges/${slug}`)
    const open = await searchPostgres(
      SearchParamsSchema.parse({
        kind: 'challenge',
        award: '200k-1m',
        due: 'open',
        ip: 'exclusive_licence',
      }),
    )
    expect(open.hits.map((h) => h.url)).toContain(`/challenges/${slug}`)
  })

  it('refuses to publish with a bid deadline that has passed (the product clock)', async () => {
    const p = await poster()
    const { id } = await createChallenge({
      orgId: p.org.id,
      actorUserId: p.owner.id,
      values: values(),
      ip: '',
    })
    setNow(new Date(Date.now() + 11 * DAY))
    expect(
      await rejection(publishChallenge({ challengeId: id, actorUserId: p.owner.id, ip: '' })),
    ).toBe('challenges:errors.bidDeadlinePast')
  })
})

describe('amendments', () => {
  it('once bids exist the bid deadline cannot move earlier; an amendment is a version live bidders hear of', async () => {
    const c = await published()
    const earlier = post({ bidDeadline: toBeijing(new Date(Date.now() + 5 * DAY)) })
    // No bids yet: earlier is allowed.
    const first = await updateChallenge({
      challengeId: c.id,
      actorUserId: c.owner.id,
      values: values(earlier),
      ip: '',
    })
    expect(first.version).toBe(2)

    const bidder = await createUser(db())
    const withdrawn = await createUser(db())
    const at = new Date()
    await db()
      .insert(challengeBids)
      .values([
        {
          challengeId: c.id,
          bidderUserId: bidder.id,
          status: 'submitted',
          createdAt: at,
          updatedAt: at,
        },
        {
          challengeId: c.id,
          bidderUserId: withdrawn.id,
          status: 'withdrawn',
          createdAt: at,
          updatedAt: at,
        },
      ])
    const evenEarlier = post({ bidDeadline: toBeijing(new Date(Date.now() + 3 * DAY)) })
    expect(
      await rejection(
        updateChallenge({
          challengeId: c.id,
          actorUserId: c.owner.id,
          values: values(evenEarlier),
          ip: '',
        }),
      ),
    ).toBe('challenges:errors.bidDeadlineEarlier')

    const later = post({
      bidDeadline: toBeijing(new Date(Date.now() + 15 * DAY)),
      amendmentNote: '延长投标期',
      awardYuan: '250000',
    })
    const second = await updateChallenge({
      challengeId: c.id,
      actorUserId: c.owner.id,
      values: values(later),
      ip: '',
    })
    expect(second.version).toBe(3)
    const [v3] = await db()
      .select()
      .from(challengeVersions)
      .where(and(eq(challengeVersions.challengeId, c.id), eq(challengeVersions.version, 3)))
    expect(v3?.note).toBe('延长投标期')
    expect(v3?.snapshot.awardFen).toBe(25_000_000)
    const told = await db()
      .select()
      .from(notifications)
      .where(eq(notifications.kind, 'challenge.amended'))
    expect(told.filter((n) => n.userId === bidder.id).map((n) => n.params.version)).toEqual(['3'])
    expect(told.some((n) => n.userId === withdrawn.id)).toBe(false)
    // The timer follows the deadline.
    const live = await db()
      .select()
      .from(timers)
      .where(and(eq(timers.subjectId, c.id), eq(timers.kind, 'challenge.close-bids')))
    const pending = live.filter((t) => !t.cancelledAt && !t.firedAt)
    expect(pending).toHaveLength(1)
    const row = must(
      (await db().select().from(challenges).where(eq(challenges.id, c.id)))[0],
      'challenge',
    )
    expect(pending[0]?.dueAt.toISOString()).toBe(row.bidDeadline.toISOString())
  })
})

describe('the NDA', () => {
  it('keeps the details out of the page data and the index until the reader accepts it', async () => {
    const c = await published({
      confidentiality: 'nda',
      ndaTitle: '保密协议',
      ndaBody: '接收方对披露方提供的全部技术资料负有保密义务，期限五年。',
      details: SECRET,
    })
    const reader = await person()
    const before = JSON.stringify(await loadPage(c.slug, reader))
    expect(before).not.toContain(SECRET)
    expect(before).toContain('期限五年') // the NDA itself is shown to be read
    expect(JSON.stringify(await loadPage(c.slug, null))).not.toContain(SECRET)

    await drainJobs()
    const mirrored = await db()
      .select({ doc: searchDocuments.doc })
      .from(searchDocuments)
      .where(eq(searchDocuments.rowId, c.id))
    expect(mirrored).toHaveLength(1)
    expect(JSON.stringify(mirrored)).not.toContain(SECRET)
    const inMeili = await must(meili(), 'meilisearch')
      .index<OfferingDoc>(offeringsIndex())
      .getDocument(`challenge-${c.id}`)
    expect(inMeili.title).toBe('动力电池模组激光焊接质量在线检测')
    expect(JSON.stringify(inMeili)).not.toContain(SECRET)

    // Questions are behind the NDA too.
    expect(
      await rejection(
        askQuestion({
          challengeId: c.id,
          acting: { kind: 'person', userId: reader.id },
          question: '节拍能否放宽到 8 秒？',
        }),
      ),
    ).toBe('challenges:errors.ndaFirst')

    const [nda] = await db().select().from(ndaTexts).where(eq(ndaTexts.orgId, c.org.id))
    const res = await pagePage.action({
      request: request(`/challenges/${c.slug}`, reader, {
        intent: 'accept-nda',
        ndaTextId: must(nda, 'nda').id,
      }),
      params: { id: c.slug },
      context,
    })
    expect(res instanceof Response ? res.status : 0).toBe(302)
    const [accepted] = await db()
      .select()
      .from(ndaAcceptances)
      .where(eq(ndaAcceptances.userId, reader.id))
    expect(accepted).toMatchObject({ ndaVersion: 1, ip: '10.0.0.9', challengeId: c.id })
    expect(JSON.stringify(await loadPage(c.slug, reader))).toContain(SECRET)
  })
})

describe('Q&A', () => {
  it('the eligible ask, the poster answers once for all, askers and live bidders are told', async () => {
    const c = await published()
    const asker = await person()
    const bidder = await createUser(db())
    const at = new Date()
    await db().insert(challengeBids).values({
      challengeId: c.id,
      bidderUserId: bidder.id,
      status: 'submitted',
      createdAt: at,
      updatedAt: at,
    })
    await askQuestion({
      challengeId: c.id,
      acting: { kind: 'person', userId: asker.id },
      question: '是否提供焊接样件？',
    })
    // The poster's own members may not ask.
    expect(
      await rejection(
        askQuestion({
          challengeId: c.id,
          acting: { kind: 'person', userId: c.owner.id },
          question: '自问自答可以吗？',
        }),
      ),
    ).toBe('challenges:errors.ownChallenge')
    const toPoster = await db()
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.userId, c.owner.id), eq(notifications.kind, 'challenge.question')),
      )
    expect(toPoster).toHaveLength(1)
    // Unanswered, a question is not on the public page.
    const page = await loadPage(c.slug, null)
    expect(page.confidential?.questions).toEqual([])
    const mine = await loadPage(c.slug, c.owner)
    const q = must(mine.confidential?.questions[0], 'question')
    await answerQuestion({
      challengeId: c.id,
      questionId: q.id,
      actorUserId: c.owner.id,
      answer: '提供 20 件样件。',
    })
    expect(
      await rejection(
        answerQuestion({
          challengeId: c.id,
          questionId: q.id,
          actorUserId: c.owner.id,
          answer: '改口',
        }),
      ),
    ).toBe('challenges:errors.alreadyAnswered')
    const answered = await loadPage(c.slug, null)
    expect(answered.confidential?.questions.map((x) => x.answer)).toEqual(['提供 20 件样件。'])
    const told = await db()
      .select()
      .from(notifications)
      .where(eq(notifications.kind, 'challenge.answer'))
    expect(
      told
        .map((n) => n.userId)
        .filter((u) => u === asker.id || u === bidder.id)
        .sort(),
    ).toEqual([asker.id, bidder.id].sort())
  })
})

describe('the bid deadline', () => {
  it('closes bids when the clock passes it, through the timer sweep', async () => {
    const c = await published()
    const row = must((await db().select().from(challenges).where(eq(challenges.id, c.id)))[0], 'c')
    setNow(new Date(row.bidDeadline.getTime() - 60_000))
    await sweepTimers()
    expect((await db().select().from(challenges).where(eq(challenges.id, c.id)))[0]?.status).toBe(
      'open',
    )
    setNow(new Date(row.bidDeadline.getTime() + 60_000))
    await sweepTimers()
    expect((await db().select().from(challenges).where(eq(challenges.id, c.id)))[0]?.status).toBe(
      'reviewing',
    )
  })
})
