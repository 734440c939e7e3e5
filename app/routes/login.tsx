// Log in with e-mail and password; a new session each time.
import { getFormProps } from '@conform-to/react'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button, Card, Field, FormErrors, PageTitle } from '~/components/ui/form.tsx'
import { LoginSchema } from '~/domains/accounts/accounts.schema.ts'
import { getAuth } from '~/domains/accounts/auth.server.ts'
import { logIn } from '~/domains/accounts/log-in.server.ts'
import { sessionCookie } from '~/domains/accounts/session.server.ts'
import { clientIp, replyWithError } from '~/domains/web/request.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getAuth(request)) throw redirect('/dashboard')
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: LoginSchema })
  if (submission.status !== 'success') {
    return { result: submission.reply({ hideFields: ['password'] }) }
  }
  try {
    const { token, expiresAt } = await logIn({
      email: submission.value.email,
      password: submission.value.password,
      ip: clientIp(context),
      userAgent: request.headers.get('user-agent') ?? undefined,
    })
    return redirect(submission.value.redirectTo ?? '/dashboard', {
      headers: { 'Set-Cookie': sessionCookie(token, expiresAt) },
    })
  } catch (error) {
    const { status, result } = replyWithError(submission, error, ['password'])
    return Response.json({ result }, { status })
  }
}

export const meta: MetaFunction = () => [{ title: '登录 · 众创 Zhongchuang' }]

export default function LoginPage() {
  const { t } = useTranslation('auth')
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    validation: checks(() => import('~/domains/accounts/accounts.schema.ts'), 'LoginSchema'),
  })
  const notice = searchParams.get('notice')
  return (
    <div className="mx-auto max-w-md">
      <PageTitle>{t('login.title')}</PageTitle>
      <Card>
        {notice === 'reset' ? (
          <p className="mb-4 rounded bg-green-50 p-3 text-sm text-green-900" role="status">
            {t('reset.done')}
          </p>
        ) : null}
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
          <FormErrors errors={form.errors} />
          <Field label={t('fields.email')} field={fields.email} type="email" autoComplete="email" />
          <Field
            label={t('fields.password')}
            field={fields.password}
            type="password"
            autoComplete="current-password"
          />
          <Button type="submit" className="w-full" disabled={navigation.state === 'submitting'}>
            {t('login.submit')}
          </Button>
        </Form>
        <div className="mt-4 flex flex-wrap justify-between gap-2 text-sm">
          <Link to="/forgot-password">{t('login.forgot')}</Link>
          <Link to="/login/mobile">{t('login.withMobile')}</Link>
          <Link to="/signup">{t('login.noAccount')}</Link>
        </div>
      </Card>
    </div>
  )
}
