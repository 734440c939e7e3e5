// /spaces/:slug/dashboard.csv?figure=<id>|all&from=&to=: the space's figures as CSV, for the
// space's admins.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireOrgPermission } from '~/domains/accounts/auth.server.ts'
import { csvResponse } from '~/domains/exports/csv.ts'
import { csvName, spaceFiguresCsv } from '~/domains/spaces/figures-csv.server.ts'
import { isFigureId, periodFromSearch, spaceFigures } from '~/domains/spaces/figures.server.ts'
import { getSpace } from '~/domains/spaces/spaces.server.ts'
import { requestLanguage } from '~/domains/web/request.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await getSpace(params.slug ?? '')
  if (!found) throw new Response('', { status: 404 })
  await requireOrgPermission(request, found.operator.id, 'manage:space:own')
  const url = new URL(request.url)
  const figure = url.searchParams.get('figure') ?? 'all'
  if (figure !== 'all' && !isFigureId(figure)) throw new Response('unknown figure', { status: 400 })
  const { period, valid } = periodFromSearch(url.searchParams)
  if (!valid) throw new Response('bad period', { status: 400 })
  const [figures, lng] = await Promise.all([
    spaceFigures({ spaceId: found.space.id, fromMonth: period.from, toMonth: period.to }),
    requestLanguage(request),
  ])
  const range = `${period.from}_${period.to}`
  const ascii = `figures-${found.space.slug}-${figure}-${range}.csv`
  const name = csvName(lng, [found.space.name, figure, range])
  return csvResponse(spaceFiguresCsv({ figures, figure, lng }), ascii, name)
}
