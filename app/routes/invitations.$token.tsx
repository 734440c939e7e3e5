// Accept an invitation to an organisation. Only the member who verified the invited address can.
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button, Card, Notice, PageTitle } from '~/components/ui/form.tsx'
import { getAuth, requireMember } from '~/domains/accounts/auth.server.ts'
import { acceptInvitation, findInvitation } from '~/domains/orgs/members.server.ts'
import { UserError } from '~/domains/problems.ts'
import { clientIp } from '~/domains/web/request.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await findInvitation(params.token ?? '')
  const auth = await getAuth(request)
  return {
    invitation: found
      ? { org: found.org.name, role: found.invitation.role, email: found.invitation.email }
      : null,
    signedIn: Boolean(auth),
    here: new URL(request.url).pathname,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireMember(request)
  try {
    const { slug } = await acceptInvitation({
      token: params.token ?? '',
      userId: auth.user.id,
      userEmail: auth.user.email,
      ip: clientIp(context),
    })
    return redirect(`/orgs/${slug}?done=joined`)
  } catch (error) {
    if (error instanceof UserError)
      return Response.json({ error: error.messageKey, values: error.values ?? {} }, { status: 400 })
    throw error
  }
}

export const meta: MetaFunction = () => [{ title: '机构邀请 · 众创 Zhongchuang' }]

export default function InvitationPage() {
  const { t } = useTranslation('orgs')
  const { invitation, signedIn, here } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="mx-auto max-w-md">
      <PageTitle>{t('invitation.title')}</PageTitle>
      <Card>
        {!invitation ? (
          <p>{t('errors.invitationInvalid')}</p>
        ) : (
          <div className="space-y-4">
            <p>
              {t('invitation.body', {
                org: invitation.org,
                role: t(`roles.${invitation.role}`),
                email: invitation.email,
              })}
            </p>
            {actionData?.error ? (
              <Notice tone="error">{String(t(actionData.error, actionData.values))}</Notice>
            ) : null}
            {signedIn ? (
              <Form method="post">
                <Button type="submit">{t('invitation.accept')}</Button>
              </Form>
            ) : (
              <p className="text-sm">
                <Link to={`/login?redirectTo=${encodeURIComponent(here)}`}>
                  {t('invitation.login')}
                </Link>{' '}
                ·{' '}
                <Link to={`/signup?redirectTo=${encodeURIComponent(here)}`}>
                  {t('invitation.signup')}
                </Link>
              </p>
            )}
          </div>
        )}
      </Card>
    </div>
  )
}
