// The language switch: remembered in a cookie, then back to the page the reader was on.
import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { RedirectToSchema } from '~/domains/accounts/redirect-to.schema.ts'
import { isLanguage } from '~/i18n/config.ts'
import { languageCookie } from '~/i18n/i18next.server.ts'

export async function loader() {
  return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const lng = form.get('lng')
  const back = RedirectToSchema.parse(form.get('redirectTo') ?? undefined) ?? '/'
  if (!isLanguage(lng)) return redirect(back)
  return redirect(back, { headers: { 'Set-Cookie': await languageCookie.serialize(lng) } })
}
