// Sign up: name, e-mail, password and consent to the privacy policy; then the e-mail code.
import { getFormProps, getInputProps } from '@conform-to/react'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button, Card, ErrorList, Field, FormErrors, PageTitle } from '~/components/ui/form.tsx'
import { SignupSchema } from '~/domains/accounts/new-password.schema.ts'
import { getAuth } from '~/domains/accounts/auth.server.ts'
import { sessionCookie } from '~/domains/accounts/session.server.ts'
import { signUp } from '~/domains/accounts/sign-up.server.ts'
import { clientIp, replyWithError, requestLanguage } from '~/domains/web/request.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getAuth(request)) throw redirect('/dashboard')
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: SignupSchema })
  if (submission.status !== 'success')
    return { result: submission.reply({ hideFields: ['password'] }) }
  try {
    const { token, expiresAt } = await signUp({
      name: submission.value.name,
      email: submission.value.email,
      password: submission.value.password,
      lng: await requestLanguage(request),
      ip: clientIp(context),
      userAgent: request.headers.get('user-agent') ?? undefined,
    })
    const next = submission.value.redirectTo
      ? `/verify-email?redirectTo=${encodeURIComponent(submission.value.redirectTo)}`
      : '/verify-email'
    return redirect(next, { headers: { 'Set-Cookie': sessionCookie(token, expiresAt) } })
  } catch (error) {
    const { status, result } = replyWithError(submission, error, ['password'])
    return Response.json({ result }, { status })
  }
}

export const meta: MetaFunction = () => [{ title: '注册 · 众创 Zhongchuang' }]

export default function SignupPage() {
  const { t } = useTranslation('auth')
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    validation: checks(() => import('~/domains/accounts/new-password.schema.ts'), 'SignupSchema'),
  })
  return (
    <div className="mx-auto max-w-md">
      <PageTitle sub={t('signup.sub')}>{t('signup.title')}</PageTitle>
      <Card>
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
          <FormErrors errors={form.errors} />
          <Field label={t('fields.name')} field={fields.name} autoComplete="name" />
          <Field label={t('fields.email')} field={fields.email} type="email" autoComplete="email" />
          <Field
            label={t('fields.password')}
            field={fields.password}
            type="password"
            autoComplete="new-password"
            hint={t('signup.passwordHint')}
          />
          <div>
            <label className="flex items-start gap-2 text-sm">
              <input {...getInputProps(fields.consent, { type: 'checkbox' })} className="mt-1" />
              <span>
                {t('signup.consentBefore')}{' '}
                <Link to="/privacy" target="_blank">
                  {t('signup.consentLink')}
                </Link>
                {t('signup.consentAfter')}
              </span>
            </label>
            <ErrorList id={fields.consent.errorId} errors={fields.consent.errors} />
          </div>
          <Button type="submit" className="w-full">
            {t('signup.submit')}
          </Button>
        </Form>
        <p className="mt-4 text-sm">
          {t('signup.haveAccount')} <Link to="/login">{t('signup.login')}</Link>
        </p>
      </Card>
    </div>
  )
}
