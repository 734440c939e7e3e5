// The one way a write asks for its offering to be re-indexed: a job on the write's own
// transaction, keyed by document so that repeated asks collapse into one.
import type { Tx } from '../db/client.server.ts'
import { enqueue } from '../app/domains/jobs/boss.server.ts'
import { searchSync } from '../workers/jobs/search-sync.ts'
import type { OfferingKind } from './document.ts'

export async function indexLater(tx: Tx, kind: OfferingKind, rowId: string): Promise<void> {
  await enqueue(tx, searchSync, { kind, rowId }, { singletonKey: `${kind}:${rowId}` })
}
