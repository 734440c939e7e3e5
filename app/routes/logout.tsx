// Log out: this session ends and its cookie is cleared.
import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { db } from '../../db/client.server.ts'
import { getAuth } from '~/domains/accounts/auth.server.ts'
import { clearSessionCookie, invalidateSession } from '~/domains/accounts/session.server.ts'

export async function loader() {
  return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await getAuth(request)
  if (auth) await invalidateSession(db(), auth.session.id)
  return redirect('/', { headers: { 'Set-Cookie': clearSessionCookie() } })
}
