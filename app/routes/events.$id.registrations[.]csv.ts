// /events/:id/registrations.csv: an event's registrations for the space's admins, as a
// spreadsheet in the reader's language (UTF-8 with BOM).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { registrationsCsv } from '~/domains/hubs/event-csv.ts'
import { requireEventAdmin } from '~/domains/hubs/event-access.server.ts'
import { eventRegistrationsTable } from '~/domains/hubs/event-queries.server.ts'
import { requestLanguage } from '~/domains/web/request.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event } = await requireEventAdmin(request, params.id ?? '')
  const [rows, lng] = await Promise.all([
    eventRegistrationsTable(event.id),
    requestLanguage(request),
  ])
  return new Response(registrationsCsv(rows, lng), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="registrations-${event.id.slice(0, 8)}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
