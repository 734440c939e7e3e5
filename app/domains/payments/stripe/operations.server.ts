// Calls to Stripe that create something, each under an operation of ours: the row in
// provider_operations holds the idempotency key every attempt sends, so a retried operation
// (a timeout, a crashed job, a second click) gets Stripe's first answer instead of a second
// object. Attempts, the last error and the object made are kept on the row for finance.
import { and, desc, eq, sql } from 'drizzle-orm'
import type { Tx } from '../../../../db/client.server.ts'
import { providerOperations } from '../../../../db/schema/index.ts'
import { now } from '../../../clock.server.ts'
import { isDefinitive } from './client.server.ts'

export type Operation = typeof providerOperations.$inferSelect

/** The operation with this key, created on first use (its key never changes). */
export async function operationFor(
  tx: Tx,
  input: { kind: string; key: string; paymentId?: string | null },
): Promise<Operation> {
  await tx
    .insert(providerOperations)
    .values({
      kind: input.kind,
      paymentId: input.paymentId ?? null,
      idempotencyKey: input.key,
      createdAt: now(),
    })
    .onConflictDoNothing({ target: providerOperations.idempotencyKey })
  const row = await tx
    .select()
    .from(providerOperations)
    .where(eq(providerOperations.idempotencyKey, input.key))
    .then((r) => r[0])
  if (!row) throw new Error(`provider operation ${input.key} not stored`)
  return row
}

/**
 * An operation that may be done again on purpose (a new checkout after one expired, another
 * charge after a decline): the attempt still open is retried under its key; once Stripe gave a
 * definitive answer, the next call starts attempt n+1 with a key of its own.
 */
export async function openAttempt(
  tx: Tx,
  input: { kind: string; base: string; paymentId?: string | null },
): Promise<Operation> {
  const attempts = await tx
    .select()
    .from(providerOperations)
    .where(
      and(
        eq(providerOperations.kind, input.kind),
        sql`starts_with(${providerOperations.idempotencyKey}, ${`${input.base}:`})`,
      ),
    )
    .orderBy(desc(providerOperations.createdAt), desc(providerOperations.idempotencyKey))
  const open = attempts.find((a) => a.completedAt === null)
  if (open) return open
  return operationFor(tx, {
    kind: input.kind,
    key: `${input.base}:${attempts.length + 1}`,
    paymentId: input.paymentId,
  })
}

/** The latest attempt of a repeatable operation, finished or not. */
export async function latestAttempt(tx: Tx, kind: string, base: string) {
  return tx
    .select()
    .from(providerOperations)
    .where(
      and(
        eq(providerOperations.kind, kind),
        sql`starts_with(${providerOperations.idempotencyKey}, ${`${base}:`})`,
      ),
    )
    .orderBy(desc(providerOperations.createdAt), desc(providerOperations.idempotencyKey))
    .limit(1)
    .then((r) => r[0])
}

/**
 * Makes the call with the operation's idempotency key and records how it went. `ref` names
 * the object Stripe made (for finance to trace); a definitive refusal closes the operation.
 */
export async function runOperation<T>(
  tx: Tx,
  operation: Operation,
  call: (idempotencyKey: string) => Promise<T>,
  ref: (result: T) => string | null,
): Promise<T> {
  await tx
    .update(providerOperations)
    .set({ attempts: sql`${providerOperations.attempts} + 1` })
    .where(eq(providerOperations.id, operation.id))
  let result: T
  try {
    result = await call(operation.idempotencyKey)
  } catch (error) {
    await tx
      .update(providerOperations)
      .set({
        lastError: error instanceof Error ? error.message.slice(0, 2000) : String(error),
        ...(isDefinitive(error) ? { completedAt: now() } : {}),
      })
      .where(eq(providerOperations.id, operation.id))
    throw error
  }
  await tx
    .update(providerOperations)
    .set({ resultRef: ref(result), completedAt: now(), lastError: null })
    .where(eq(providerOperations.id, operation.id))
  return result
}

/** Records something Stripe did on its own for an operation of ours (a destination transfer). */
export async function recordOperation(
  tx: Tx,
  input: { kind: string; key: string; paymentId?: string | null; resultRef: string },
): Promise<void> {
  await tx
    .insert(providerOperations)
    .values({
      kind: input.kind,
      paymentId: input.paymentId ?? null,
      idempotencyKey: input.key,
      resultRef: input.resultRef,
      createdAt: now(),
      completedAt: now(),
    })
    .onConflictDoNothing({ target: providerOperations.idempotencyKey })
}

export async function operationByKey(tx: Tx, key: string): Promise<Operation | undefined> {
  return tx
    .select()
    .from(providerOperations)
    .where(eq(providerOperations.idempotencyKey, key))
    .then((r) => r[0])
}
