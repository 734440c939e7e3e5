// /admin/figures.csv?from=&to=: every space's figures and the platform's, long format.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireAdmin } from '~/domains/accounts/auth.server.ts'
import { csvResponse } from '~/domains/exports/csv.ts'
import { csvName, platformFiguresCsv } from '~/domains/spaces/figures-csv.server.ts'
import { periodFromSearch, platformFigures } from '~/domains/spaces/figures.server.ts'
import { requestLanguage } from '~/domains/web/request.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request, 'view:admin:any')
  const { period, valid } = periodFromSearch(new URL(request.url).searchParams)
  if (!valid) throw new Response('bad period', { status: 400 })
  const [{ spaces, platform }, lng] = await Promise.all([
    platformFigures({ fromMonth: period.from, toMonth: period.to }),
    requestLanguage(request),
  ])
  const range = `${period.from}_${period.to}`
  const body = platformFiguresCsv({
    spaces: spaces.map((s) => ({ name: s.space.name, figures: s.figures })),
    platform,
    lng,
  })
  return csvResponse(body, `figures-platform-${range}.csv`, csvName(lng, [range]))
}
