// Message threads between participants, optionally about something (a bid, a booking…).
// Only participants may read or post; anyone else is told the thread does not exist.
import { and, asc, desc, eq, sql } from 'drizzle-orm'
import { isUuid } from '../../../db/ids.ts'
import { db, type Tx } from '../../../db/client.server.ts'
import {
  messageThreads,
  threadMessages,
  threadParticipants,
  users,
} from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'
import { notFound } from '../accounts/auth.server.ts'
import { UserError } from '../problems.ts'
import { checkUpload, storeUpload, type CheckedFile } from '../uploads/store-upload.server.ts'
import { MESSAGE_MAX_LENGTH } from './notifications.schema.ts'
import { markReadByLink, notify } from './notify.server.ts'

export const threadLink = (threadId: string) => `/messages/${threadId}`

export async function createThread(
  tx: Tx,
  input: { subject: string; subjectKind?: string; subjectId?: string; participantIds: string[] },
): Promise<{ id: string }> {
  const [thread] = await tx
    .insert(messageThreads)
    .values({
      subject: input.subject,
      subjectKind: input.subjectKind ?? null,
      subjectId: input.subjectId ?? null,
      createdAt: now(),
    })
    .returning({ id: messageThreads.id })
  if (!thread) throw new Error('thread not created')
  const participants = [...new Set(input.participantIds)]
  if (participants.length > 0)
    await tx
      .insert(threadParticipants)
      .values(participants.map((userId) => ({ threadId: thread.id, userId })))
  return thread
}

async function participantsOf(tx: Tx, threadId: string) {
  return tx
    .select({ userId: users.id, name: users.name, lastReadAt: threadParticipants.lastReadAt })
    .from(threadParticipants)
    .innerJoin(users, eq(users.id, threadParticipants.userId))
    .where(eq(threadParticipants.threadId, threadId))
    .orderBy(asc(users.name))
}

/** The thread, if this person takes part in it; a 404 Response otherwise. */
async function requireParticipant(tx: Tx, threadId: string, userId: string) {
  if (!isUuid(threadId)) throw notFound()
  const thread = await tx
    .select()
    .from(messageThreads)
    .where(eq(messageThreads.id, threadId))
    .then((r) => r[0])
  if (!thread) throw notFound()
  const participants = await participantsOf(tx, threadId)
  if (!participants.some((p) => p.userId === userId)) throw notFound()
  return { thread, participants }
}

export async function postMessage(input: {
  threadId: string
  userId: string
  body: string
  attachment?: File | null
}): Promise<{ id: string }> {
  const body = input.body.trim()
  if (!body) throw new UserError('notifications:messages.bodyRequired', 'body')
  if (body.length > MESSAGE_MAX_LENGTH)
    throw new UserError('notifications:messages.bodyTooLong', 'body')
  // The participant check comes first, so a stranger's upload is never even read.
  await requireParticipant(db(), input.threadId, input.userId)
  const file: CheckedFile | null =
    input.attachment && input.attachment.size > 0
      ? await checkUpload(input.attachment, 'attachment', 'attachment')
      : null
  return db().transaction(async (tx) => {
    const { thread, participants } = await requireParticipant(tx, input.threadId, input.userId)
    const upload = file
      ? await storeUpload(tx, { file, purpose: 'attachment', ownerUserId: input.userId })
      : null
    const at = now()
    const [message] = await tx
      .insert(threadMessages)
      .values({
        threadId: thread.id,
        authorUserId: input.userId,
        body,
        attachmentUploadId: upload?.id ?? null,
        createdAt: at,
      })
      .returning({ id: threadMessages.id })
    if (!message) throw new Error('message not stored')
    await tx
      .update(threadParticipants)
      .set({ lastReadAt: at })
      .where(
        and(
          eq(threadParticipants.threadId, thread.id),
          eq(threadParticipants.userId, input.userId),
        ),
      )
    const author = participants.find((p) => p.userId === input.userId)
    for (const p of participants) {
      if (p.userId === input.userId) continue
      await notify(tx, {
        userId: p.userId,
        kind: 'thread.message',
        params: { subject: thread.subject, authorName: author?.name ?? '' },
        link: threadLink(thread.id),
      })
    }
    return message
  })
}

/** The person's threads, most recently active first, with what they have not read yet. */
export async function listThreads(userId: string) {
  const me = threadParticipants
  const lastAt =
    sql<Date>`coalesce((select max(m.created_at) from ${threadMessages} m where m.thread_id = ${messageThreads.id}), ${messageThreads.createdAt})`.mapWith(
      (v: string | Date) => new Date(v),
    )
  return db()
    .select({
      id: messageThreads.id,
      subject: messageThreads.subject,
      lastAt,
      messages: sql<number>`(select count(*)::int from ${threadMessages} m where m.thread_id = ${messageThreads.id})`,
      unread: sql<number>`(select count(*)::int from ${threadMessages} m where m.thread_id = ${messageThreads.id} and m.author_user_id <> ${me.userId} and (${me.lastReadAt} is null or m.created_at > ${me.lastReadAt}))`,
    })
    .from(me)
    .innerJoin(messageThreads, eq(messageThreads.id, me.threadId))
    .where(eq(me.userId, userId))
    .orderBy(desc(lastAt), desc(messageThreads.id))
}

/** One thread for a participant (404 for anyone else); reading it marks it read. */
export async function readThread(threadId: string, userId: string) {
  const { thread, participants } = await requireParticipant(db(), threadId, userId)
  const messages = await db()
    .select({
      id: threadMessages.id,
      body: threadMessages.body,
      createdAt: threadMessages.createdAt,
      authorUserId: threadMessages.authorUserId,
      authorName: users.name,
      attachmentUploadId: threadMessages.attachmentUploadId,
    })
    .from(threadMessages)
    .innerJoin(users, eq(users.id, threadMessages.authorUserId))
    .where(eq(threadMessages.threadId, thread.id))
    .orderBy(asc(threadMessages.createdAt), asc(threadMessages.id))
  const lastReadAt = participants.find((p) => p.userId === userId)?.lastReadAt ?? null
  await db().transaction(async (tx) => {
    await tx
      .update(threadParticipants)
      .set({ lastReadAt: now() })
      .where(and(eq(threadParticipants.threadId, thread.id), eq(threadParticipants.userId, userId)))
    await markReadByLink(tx, userId, threadLink(thread.id))
  })
  return {
    thread: { id: thread.id, subject: thread.subject, subjectKind: thread.subjectKind },
    participants: participants.map((p) => ({ userId: p.userId, name: p.name })),
    messages: messages.map((m) => ({
      ...m,
      unread: m.authorUserId !== userId && (!lastReadAt || m.createdAt > lastReadAt),
    })),
  }
}

/**
 * Whether a person may open an upload because it is attached to a thread they take part in.
 * The upload route consults this beside its owner and organisation rules.
 */
export async function canReadAttachment(userId: string, uploadId: string): Promise<boolean> {
  if (!isUuid(uploadId)) return false
  const row = await db()
    .select({ id: threadMessages.id })
    .from(threadMessages)
    .innerJoin(threadParticipants, eq(threadParticipants.threadId, threadMessages.threadId))
    .where(
      and(eq(threadMessages.attachmentUploadId, uploadId), eq(threadParticipants.userId, userId)),
    )
    .limit(1)
    .then((r) => r[0])
  return row !== undefined
}
