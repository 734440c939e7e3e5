// The data room: documents the startup's owners and admins add and remove; read only by those
// who see the campaign's terms (qualified investors who accepted its NDA, the startup's people,
// campaign admins) through the campaign's document route, which logs every investor download.
// The upload purpose has no rule of its own on /uploads: there only the startup's people pass.
import { and, desc, eq, isNull } from 'drizzle-orm'
import { db } from '../../../db/client.server.ts'
import { campaignDocuments, dataRoomAccessLog, uploads, users } from '../../../db/schema/index.ts'
import { isUuid } from '../../../db/ids.ts'
import { now } from '../../clock.server.ts'
import type { Auth } from '../accounts/auth.server.ts'
import { audit } from '../admin/audit.server.ts'
import { UserError } from '../problems.ts'
import { getStorage } from '../uploads/storage.server.ts'
import { checkUpload, storeUpload } from '../uploads/store-upload.server.ts'
import { campaignAccess } from './campaign-access.server.ts'
import { campaignBySlug } from './campaign-view.server.ts'

/** At most this many documents in one data room. */
export const MAX_DOCUMENTS = 40

export async function addDocument(input: {
  slug: string
  auth: Auth
  title: string
  file: File | null
  ip: string
}): Promise<{ id: string }> {
  const file = await checkUpload(input.file, 'campaign-data-room', 'file')
  return db().transaction(async (tx) => {
    const c = await campaignBySlug(tx, input.slug)
    if (!c) throw new UserError('campaigns:errors.notFound')
    const access = await campaignAccess(tx, c, input.auth)
    if (!access.manages) throw new UserError('campaigns:errors.notYours')
    const count = await tx.$count(
      campaignDocuments,
      and(eq(campaignDocuments.campaignId, c.id), isNull(campaignDocuments.removedAt)),
    )
    if (count >= MAX_DOCUMENTS)
      throw new UserError('campaigns:errors.documentsTooMany', 'file', { max: MAX_DOCUMENTS })
    const stored = await storeUpload(tx, {
      file,
      purpose: 'campaign-data-room',
      ownerUserId: input.auth.user.id,
      ownerOrgId: c.orgId,
    })
    const [doc] = await tx
      .insert(campaignDocuments)
      .values({
        campaignId: c.id,
        uploadId: stored.id,
        title: input.title,
        addedByUserId: input.auth.user.id,
        createdAt: now(),
      })
      .returning({ id: campaignDocuments.id })
    if (!doc) throw new Error('document not stored')
    await audit(tx, {
      actorUserId: input.auth.user.id,
      actingOrgId: c.orgId,
      action: 'add-campaign-document',
      entity: 'campaign',
      entityId: c.id,
      data: { documentId: doc.id },
      ip: input.ip,
    })
    return doc
  })
}

/** Taken out of the room; the row stays so the access log still names what was read. */
export async function removeDocument(input: {
  slug: string
  auth: Auth
  documentId: string
  ip: string
}): Promise<void> {
  await db().transaction(async (tx) => {
    const c = await campaignBySlug(tx, input.slug)
    if (!c) throw new UserError('campaigns:errors.notFound')
    const access = await campaignAccess(tx, c, input.auth)
    if (!access.manages) throw new UserError('campaigns:errors.notYours')
    if (!isUuid(input.documentId)) throw new UserError('campaigns:errors.notFound')
    await tx
      .update(campaignDocuments)
      .set({ removedAt: now() })
      .where(
        and(
          eq(campaignDocuments.id, input.documentId),
          eq(campaignDocuments.campaignId, c.id),
          isNull(campaignDocuments.removedAt),
        ),
      )
    await audit(tx, {
      actorUserId: input.auth.user.id,
      actingOrgId: c.orgId,
      action: 'remove-campaign-document',
      entity: 'campaign',
      entityId: c.id,
      data: { documentId: input.documentId },
      ip: input.ip,
    })
  })
}

const notFound = () => new Response('not found', { status: 404 })

/**
 * A document's bytes for a reader who sees the terms; everyone else gets 404, so no one learns
 * that a document exists. An investor's download is logged before the bytes leave.
 */
export async function downloadDocument(input: {
  slug: string
  documentId: string
  auth: Auth | null
  ip: string
}): Promise<Response> {
  const tx = db()
  const c = await campaignBySlug(tx, input.slug)
  if (!c || !isUuid(input.documentId)) throw notFound()
  const access = await campaignAccess(tx, c, input.auth)
  if (!access.seesTerms || !input.auth) throw notFound()
  const row = await tx
    .select({ doc: campaignDocuments, upload: uploads })
    .from(campaignDocuments)
    .innerJoin(uploads, eq(uploads.id, campaignDocuments.uploadId))
    .where(
      and(
        eq(campaignDocuments.id, input.documentId),
        eq(campaignDocuments.campaignId, c.id),
        isNull(campaignDocuments.removedAt),
      ),
    )
    .then((r) => r[0])
  if (!row) throw notFound()
  if (!access.member && !access.admin)
    await tx.insert(dataRoomAccessLog).values({
      campaignId: c.id,
      documentId: row.doc.id,
      userId: input.auth.user.id,
      action: 'download',
      ip: input.ip,
      at: now(),
    })
  const bytes = await (await getStorage()).get(row.upload.storageKey)
  if (!bytes) throw notFound()
  const inline = row.upload.mime.startsWith('image/') || row.upload.mime === 'application/pdf'
  const filename = encodeURIComponent(`${row.doc.title}.${row.upload.ext}`)
  return new Response(Buffer.from(bytes), {
    headers: {
      'Content-Type': row.upload.mime,
      'Content-Length': String(bytes.byteLength),
      'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${filename}`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy':
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      'Cache-Control': 'private, no-store',
    },
  })
}

/** Who looked at the terms or took which document, and when: newest first, for the startup. */
export async function accessLogOf(campaignId: string, limit = 200) {
  const rows = await db()
    .select({
      id: dataRoomAccessLog.id,
      action: dataRoomAccessLog.action,
      at: dataRoomAccessLog.at,
      ip: dataRoomAccessLog.ip,
      userName: users.name,
      document: campaignDocuments.title,
    })
    .from(dataRoomAccessLog)
    .leftJoin(users, eq(users.id, dataRoomAccessLog.userId))
    .leftJoin(campaignDocuments, eq(campaignDocuments.id, dataRoomAccessLog.documentId))
    .where(eq(dataRoomAccessLog.campaignId, campaignId))
    .orderBy(desc(dataRoomAccessLog.at))
    .limit(limit)
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }))
}
