// The audit log of sensitive actions: written in the same transaction as the action itself.
import type { Tx } from '../../../db/client.server.ts'
import { auditLog } from '../../../db/schema/index.ts'
import { now } from '../../clock.server.ts'

export type AuditEntry = {
  actorUserId: string | null
  actingOrgId?: string | null
  action: string
  entity: string
  entityId?: string | null
  data?: Record<string, unknown>
  ip?: string | null
}

export async function audit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    at: now(),
    actorUserId: entry.actorUserId,
    actingOrgId: entry.actingOrgId ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    data: entry.data ?? {},
    ip: entry.ip ?? null,
  })
}
