// Choose a new password with the token from the e-mailed link; every session then ends.
import { getFormProps } from '@conform-to/react'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button, Card, Field, FormErrors, PageTitle } from '~/components/ui/form.tsx'
import { ResetPasswordSchema } from '~/domains/accounts/new-password.schema.ts'
import { resetPassword } from '~/domains/accounts/reset-password.server.ts'
import { clearSessionCookie } from '~/domains/accounts/session.server.ts'
import { clientIp, replyWithError } from '~/domains/web/request.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  return { token: new URL(request.url).searchParams.get('token') ?? '' }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ResetPasswordSchema })
  if (submission.status !== 'success')
    return { result: submission.reply({ hideFields: ['password', 'confirm'] }) }
  try {
    await resetPassword({
      token: submission.value.token,
      password: submission.value.password,
      ip: clientIp(context),
    })
    return redirect('/login?notice=reset', { headers: { 'Set-Cookie': clearSessionCookie() } })
  } catch (error) {
    const { status, result } = replyWithError(submission, error, ['password', 'confirm'])
    return Response.json({ result }, { status })
  }
}

export const meta: MetaFunction = () => [{ title: '重置密码 · 众创 Zhongchuang' }]

export default function ResetPasswordPage() {
  const { t } = useTranslation('auth')
  const { token } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    validation: checks(
      () => import('~/domains/accounts/new-password.schema.ts'),
      'ResetPasswordSchema',
    ),
  })
  return (
    <div className="mx-auto max-w-md">
      <PageTitle>{t('reset.title')}</PageTitle>
      <Card>
        {token ? (
          <Form method="post" {...getFormProps(form)} className="space-y-4">
            <input type="hidden" name="token" value={token} />
            <FormErrors errors={form.errors} />
            <Field
              label={t('fields.newPassword')}
              field={fields.password}
              type="password"
              autoComplete="new-password"
              hint={t('signup.passwordHint')}
            />
            <Field
              label={t('fields.confirm')}
              field={fields.confirm}
              type="password"
              autoComplete="new-password"
            />
            <Button type="submit" className="w-full">
              {t('reset.submit')}
            </Button>
          </Form>
        ) : (
          <p>
            {t('errors.resetInvalid')} <Link to="/forgot-password">{t('login.forgot')}</Link>
          </p>
        )}
      </Card>
    </div>
  )
}
