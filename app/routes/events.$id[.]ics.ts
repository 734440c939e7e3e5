// /events/:id.ics: one event as an iCalendar file to add to a calendar. Drafts stay private.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { now } from '~/clock.server.ts'
import { eventWithSpace } from '~/domains/hubs/event-queries.server.ts'
import { buildCalendar } from '~/domains/hubs/ics.ts'
import { publicUrl } from '~/env.server.ts'

export async function loader({ params }: LoaderFunctionArgs) {
  const found = await eventWithSpace(params.id ?? '')
  if (!found || found.event.status === 'draft') throw new Response('', { status: 404 })
  const { event, space } = found
  const body = buildCalendar([{ ...event, spaceName: space.name }], {
    publicUrl: publicUrl(),
    name: event.title,
    stamp: now(),
  })
  return new Response(body, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="event-${event.id.slice(0, 8)}.ics"`,
    },
  })
}
