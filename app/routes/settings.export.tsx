// Resource route: everything held about the signed-in member, as a JSON file to download
// (the PIPL right to a copy).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportAccountData } from '~/domains/accounts/account-data.server.ts'
import { requireRecentAuth } from '~/domains/accounts/auth.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireRecentAuth(request)
  const data = await exportAccountData(auth.user.id)
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="zhongchuang-data.json"',
      'Cache-Control': 'private, no-store',
    },
  })
}
