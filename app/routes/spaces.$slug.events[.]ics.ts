// /spaces/:slug/events.ics: the space's published, held and cancelled events as a calendar feed
// (RFC 5545) that calendar apps subscribe to.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { now } from '~/clock.server.ts'
import { calendarEventsOfSpace } from '~/domains/hubs/event-queries.server.ts'
import { buildCalendar } from '~/domains/hubs/ics.ts'
import { getSpace } from '~/domains/spaces/spaces.server.ts'
import { publicUrl } from '~/env.server.ts'

export async function loader({ params }: LoaderFunctionArgs) {
  const found = await getSpace(params.slug ?? '')
  if (!found) throw new Response('', { status: 404 })
  const events = await calendarEventsOfSpace(found.space.id)
  const body = buildCalendar(events, {
    publicUrl: publicUrl(),
    name: found.space.name,
    stamp: now(),
  })
  return new Response(body, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `inline; filename="${found.space.slug}-events.ics"`,
      'Cache-Control': 'public, max-age=300',
    },
  })
}
