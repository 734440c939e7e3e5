// What a job is: a dotted id, a zod schema for its payload and an idempotent handler.
import type { z } from 'zod'

export type JobDefinition<S extends z.ZodType> = {
  id: string
  schema: S
  /** Retries with exponential back-off before the job lands in the dead-letter queue. */
  retryLimit?: number
  /**
   * pg-boss queue policy: 'stately' keeps at most one queued and one active job per singleton
   * key, 'singleton' at most one active.
   */
  policy?: 'standard' | 'stately' | 'singleton'
  /** Jobs of this queue a worker process runs at once. */
  concurrency?: number
  handler: (payload: z.infer<S>) => Promise<void>
  /** When set, a fetched batch is handed over whole (and succeeds or fails as one). */
  batchHandler?: (payloads: z.infer<S>[]) => Promise<void>
  /** Jobs fetched at once. */
  batchSize?: number
  /** Wake workers the moment a job is committed (LISTEN/NOTIFY) instead of at the next poll. */
  notify?: boolean
}

export function defineJob<S extends z.ZodType>(job: JobDefinition<S>): JobDefinition<S> {
  return job
}

export const DEAD_LETTER_QUEUE = 'dead-letter'
