// Who administers an event: the owners and admins of its space's operator organisation (the
// `manage:space:own` permission). Routes use these guards before any event use case.
import { requireOrgPermission } from '../accounts/auth.server.ts'
import { eventWithSpace } from './event-queries.server.ts'

/** The event and the admin's session; 404 for an unknown event and for outsiders, 403 for members without the right. */
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
