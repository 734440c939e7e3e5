// Who administers an event: the owners and admins of its space's operator organisation (the
// `manage:space:own` permission). Routes use these guards before any event use case.
import { membershipOf, requireOrgPermission, type Auth } from '../accounts/auth.server.ts'
import { checkOrgPermission } from '../accounts/permissions.ts'
import { eventWithSpace } from './event-queries.server.ts'

export function administersSpace(auth: Auth | null, operatorOrgId: string): boolean {
  const m = auth ? membershipOf(auth, operatorOrgId) : undefined
  return m ? checkOrgPermission(m, 'manage:space:own') === null : false
}

/** The event and the admin's session; 404 for an unknown event, 403 for anyone else. */
export async function requireEventAdmin(request: Request, eventId: string) {
  const found = await eventWithSpace(eventId)
  if (!found) throw new Response('not found', { status: 404 })
  const { auth } = await requireOrgPermission(
    request,
    found.space.operatorOrgId,
    'manage:space:own',
  )
  return { ...found, auth }
}
