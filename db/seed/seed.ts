// Seeds demo data once: organisations of every type, three spaces with members, published
// instruments, and the accounts printed at start. A marker row makes a second run a no-op.
import { eq } from 'drizzle-orm'
import type { Db } from '../client.server.ts'
import {
  appMeta,
  challenges,
  challengeVersions,
  equipmentListings,
  ndaTexts,
  innovationVouchers,
  orgDocuments,
  threadMessages,
  users,
} from '../schema/index.ts'
import { PriceListSchema } from '../../app/domains/equipment/price-blocks.schema.ts'
import { createThread } from '../../app/domains/notifications/threads.server.ts'
import { storeUpload } from '../../app/domains/uploads/store-upload.server.ts'
import { samplePdf } from './demo-documents.ts'
import { seedDemoDeals } from './demo-deals.ts'
import { seedDemoEvents } from './demo-events.ts'
import { seedDemoMentors } from './demo-mentors.ts'
import { scheduleCloseBids } from '../../app/domains/challenges/close-bids.server.ts'
import { snapshotOf } from '../../app/domains/challenges/save-challenge.server.ts'
import {
  addOrgMember,
  createOrg,
  createSpace,
  createUser,
  admitToSpace,
  makeAdmin,
  FACTORY_PASSWORD_HASH,
} from '../../test/factories/index.ts'
import {
  demoChallenges,
  demoListings,
  demoOrgs,
  demoPassword,
  demoPayments,
  demoVouchers,
  demoPeople,
  demoSpaces,
  demoThreads,
} from './demo-data.ts'
import { createQuote } from '../../app/domains/payments/fees.server.ts'
import { createPayment } from '../../app/domains/payments/create-payment.server.ts'

const MARKER = 'demo-seeded-at'

export async function isSeeded(database: Db): Promise<boolean> {
  const row = await database
    .select()
    .from(appMeta)
    .where(eq(appMeta.key, MARKER))
    .then((r) => r[0])
  return Boolean(row)
}

export async function seedDemo(
  database: Db,
): Promise<{ email: string; name: string; role: string }[]> {
  return database.transaction(async (tx) => {
    const personIds = new Map<string, string>()
    for (const p of demoPeople) {
      const u = await createUser(tx, {
        email: p.email,
        name: p.name,
        passwordHash: FACTORY_PASSWORD_HASH,
      })
      personIds.set(p.key, u.id)
    }
    const admin = personIds.get('admin')
    if (admin) await makeAdmin(tx, admin)
    const orgIds = new Map<string, string>()
    for (const o of demoOrgs) {
      const org = await createOrg(tx, {
        slug: o.key,
        type: o.type,
        name: o.name,
        nameEn: o.nameEn,
        uscc: o.uscc,
        city: o.city,
        segments: o.segments,
        description: o.description,
        verified: o.verified,
        ownerId: personIds.get(o.ownerKey),
      })
      orgIds.set(o.key, org.id)
      const ownerId = personIds.get(o.ownerKey) ?? null
      if (ownerId) {
        for (const kind of ['business_license', 'authorisation_letter'] as const) {
          const title =
            kind === 'business_license'
              ? 'BUSINESS LICENCE (DEMO SAMPLE)'
              : 'LETTER OF AUTHORISATION (DEMO SAMPLE)'
          const bytes = samplePdf([
            title,
            o.nameEn,
            `USCC ${o.uscc}`,
            'Issued for demonstration only',
          ])
          const file = { bytes, mime: 'application/pdf', ext: 'pdf', name: `${kind}.pdf` }
          const upload = await storeUpload(tx, {
            file,
            purpose: 'org-document',
            ownerUserId: ownerId,
            ownerOrgId: org.id,
          })
          await tx
            .insert(orgDocuments)
            .values({ orgId: org.id, kind, uploadId: upload.id, createdAt: new Date() })
        }
      }
      for (const key of o.memberKeys ?? []) {
        const userId = personIds.get(key)
        if (userId) await addOrgMember(tx, org.id, userId, 'member')
      }
    }
    for (const s of demoSpaces) {
      const operatorOrgId = orgIds.get(s.operatorKey)
      if (!operatorOrgId) continue
      const space = await createSpace(tx, { ...s, operatorOrgId })
      for (const m of s.members) {
        await admitToSpace(tx, {
          spaceId: space.id,
          orgId: m.orgKey ? orgIds.get(m.orgKey) : undefined,
          userId: m.personKey ? personIds.get(m.personKey) : undefined,
          stage: m.stage,
          admittedOn: m.admittedOn,
        })
      }
    }
    // Listings are indexed by the worker's start-up sweep, which sends every published listing
    // of a verified organisation that the search mirror does not hold yet.
    for (const l of demoListings) {
      const orgId = orgIds.get(l.orgKey)
      if (!orgId) continue
      // Through the schema, as the listing form would: a demo price list that does not parse
      // fails the seed instead of reaching a page.
      const prices = PriceListSchema.parse(l.priceList)
      const at = new Date()
      await tx.insert(equipmentListings).values({
        slug: l.slug,
        orgId,
        name: l.name,
        category: l.category,
        typeId: l.typeId,
        keywords: [...l.keywords],
        manufacturer: l.manufacturer,
        model: l.model,
        specs: [...l.specs],
        city: l.city,
        address: l.address,
        segments: [...l.segments],
        accreditations: [...l.accreditations],
        serviceModes: [...l.serviceModes],
        priceBlocks: prices,
        depositFen: prices.depositFen,
        cancelFreeHours: prices.cancellation.freeUntilHours,
        cancelLateFeeBp: prices.cancellation.lateFeeBp,
        unitMinutes: l.unitMinutes,
        minUnits: l.minUnits,
        maxUnits: l.maxUnits,
        leadTimeHours: l.leadTimeHours,
        changeoverMinutes: l.changeoverMinutes,
        samplesPerDay: l.samplesPerDay,
        openingHours: l.openingHours,
        instantBooking: l.instantBooking,
        memberPricing: l.memberPricing,
        vouchersAccepted: l.vouchersAccepted,
        status: 'published',
        publishedAt: at,
        createdAt: at,
        updatedAt: at,
      })
    }
    for (const t of demoThreads) {
      const thread = await createThread(tx, {
        subject: t.subject,
        participantIds: t.participantKeys.flatMap((k) => personIds.get(k) ?? []),
      })
      for (const m of t.messages) {
        const authorUserId = personIds.get(m.authorKey)
        if (!authorUserId) continue
        await tx.insert(threadMessages).values({
          threadId: thread.id,
          authorUserId,
          body: m.body,
          createdAt: new Date(`${m.at}T10:00:00+08:00`),
        })
      }
    }
    for (const v of demoVouchers) {
      const orgId = orgIds.get(v.orgKey)
      if (!orgId) continue
      await tx.insert(innovationVouchers).values({
        orgId,
        issuer: v.issuer,
        reference: v.reference,
        amountFen: v.amountFen,
        expiresOn: v.expiresOn,
        note: '演示数据',
        createdAt: new Date(),
      })
    }
    for (const p of demoPayments) {
      const payerUserId = personIds.get(p.payerKey)
      const payeeOrgId = orgIds.get(p.payeeOrgKey)
      if (!payerUserId || !payeeOrgId) continue
      const quote = await createQuote(tx, {
        marketplace: 'equipment',
        businessKind: 'service-order',
        businessId: crypto.randomUUID(),
        currency: 'CNY',
        lines: p.lines,
      })
      await createPayment(tx, {
        quote,
        description: p.description,
        payerUserId,
        payee: { orgId: payeeOrgId },
      })
    }
    // Challenges are published as version 1 with their bid-deadline timer; the worker's start-up
    // sweep indexes them like the listings.
    for (const ch of demoChallenges) {
      const orgId = orgIds.get(ch.orgKey)
      const ownerKey = demoOrgs.find((o) => o.key === ch.orgKey)?.ownerKey
      const userId = ownerKey ? personIds.get(ownerKey) : undefined
      if (!orgId || !userId) continue
      const at = new Date()
      const inDays = (d: number) => new Date(at.getTime() + d * 86_400_000)
      const [nda] = ch.nda
        ? await tx
            .insert(ndaTexts)
            .values({ orgId, version: 1, ...ch.nda, createdByUserId: userId, createdAt: at })
            .returning()
        : []
      const fixed = 'fixedFen' in ch.award ? ch.award.fixedFen : null
      const range = 'minFen' in ch.award ? ch.award : null
      const [row] = await tx
        .insert(challenges)
        .values({
          slug: ch.slug,
          orgId,
          createdByUserId: userId,
          status: 'open',
          title: ch.title,
          summary: ch.summary,
          details: ch.details,
          segments: [...ch.segments],
          type: ch.type,
          solicitation: ch.solicitation,
          awardMode: fixed !== null ? 'fixed' : 'range',
          awardFen: fixed,
          budgetMinFen: range?.minFen ?? null,
          budgetMaxFen: range?.maxFen ?? null,
          bidDeadline: inDays(ch.bidInDays),
          awardDeadline: inDays(ch.awardInDays),
          deliveryDeadline: inDays(ch.deliveryInDays),
          ipTerms: ch.ipTerms,
          confidentiality: nda ? 'nda' : 'public',
          ndaTextId: nda?.id ?? null,
          eligibility: ch.eligibility,
          publishedAt: at,
          createdAt: at,
          updatedAt: at,
        })
        .returning()
      if (!row) continue
      await tx.insert(challengeVersions).values({
        challengeId: row.id,
        version: 1,
        snapshot: snapshotOf(row),
        createdByUserId: userId,
        createdAt: at,
      })
      await scheduleCloseBids(tx, row)
    }
    await seedDemoDeals(tx, personIds, orgIds)
    await seedDemoEvents(tx, personIds, orgIds)
    await seedDemoMentors(tx, personIds, orgIds)
    await tx
      .insert(appMeta)
      .values({ key: MARKER, value: new Date().toISOString(), updatedAt: new Date() })
    return demoPeople.map((p) => ({ email: p.email, name: p.name, role: p.roleHint }))
  })
}

/** With ADMIN_EMAIL and ADMIN_PASSWORD set, the first platform admin (all roles). */
export async function ensureConfiguredAdmin(
  database: Db,
  email: string,
  passwordHash: string,
  name = 'Platform admin',
) {
  const existing = await database
    .select()
    .from(users)
    .where(eq(users.email, email.toLowerCase()))
    .then((r) => r[0])
  const userId = existing?.id ?? (await createUser(database, { email, name, passwordHash })).id
  await makeAdmin(database, userId)
}

export { demoPassword }
