// The acting-as switcher: act for yourself or for one of your organisations. The choice lives
// on the session; every later booking, bid, commitment or listing records it.
import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { db } from '../../db/client.server.ts'
import { RedirectToSchema } from '~/domains/accounts/redirect-to.schema.ts'
import { membershipOf, notFound, requireAuth } from '~/domains/accounts/auth.server.ts'
import { setActingOrg } from '~/domains/accounts/session.server.ts'

export async function loader() {
  return redirect('/dashboard')
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireAuth(request)
  const form = await request.formData()
  const orgId = String(form.get('orgId') ?? '')
  const back = RedirectToSchema.parse(form.get('redirectTo') ?? undefined) ?? '/dashboard'
  // Someone else's organisation is not there for this person (docs/decisions/0021).
  if (orgId && !membershipOf(auth, orgId)) throw notFound()
  await setActingOrg(db(), auth.session.id, auth.user.id, orgId || null)
  return redirect(back)
}
