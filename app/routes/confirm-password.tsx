// Step-up: sensitive actions need the password entered within the last 30 minutes.
import { getFormProps } from '@conform-to/react'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button, Card, Field, FormErrors, PageTitle } from '~/components/ui/form.tsx'
import { ConfirmPasswordSchema } from '~/domains/accounts/accounts.schema.ts'
import { requireAuth } from '~/domains/accounts/auth.server.ts'
import { confirmPassword } from '~/domains/accounts/change-credentials.server.ts'
import {
  checkRate,
  hitRate,
  RateLimitedError,
  rules,
} from '~/domains/accounts/rate-limit.server.ts'
import { UserError } from '~/domains/problems.ts'
import { replyWithError } from '~/domains/web/request.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAuth(request)
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await requireAuth(request)
  const submission = parseWithZod(await request.formData(), { schema: ConfirmPasswordSchema })
  if (submission.status !== 'success')
    return { result: submission.reply({ hideFields: ['password'] }) }
  const key = `login:account:${auth.user.email ?? auth.user.id}`
  try {
    const decision = await checkRate(key)
    if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds)
    try {
      await confirmPassword({
        userId: auth.user.id,
        sessionId: auth.session.id,
        password: submission.value.password,
      })
    } catch (error) {
      if (error instanceof UserError) {
        const d = await hitRate(key, rules.loginAccount)
        if (!d.allowed) throw new RateLimitedError(d.retryAfterSeconds)
      }
      throw error
    }
    return redirect(submission.value.redirectTo ?? '/settings')
  } catch (error) {
    const { status, result } = replyWithError(submission, error, ['password'])
    return Response.json({ result }, { status })
  }
}

export const meta: MetaFunction = () => [{ title: '确认密码 · 众创 Zhongchuang' }]

export default function ConfirmPasswordPage() {
  const { t } = useTranslation('auth')
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    validation: checks(
      () => import('~/domains/accounts/accounts.schema.ts'),
      'ConfirmPasswordSchema',
    ),
  })
  return (
    <div className="mx-auto max-w-md">
      <PageTitle sub={t('confirm.sub')}>{t('confirm.title')}</PageTitle>
      <Card>
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
          <FormErrors errors={form.errors} />
          <Field
            label={t('fields.password')}
            field={fields.password}
            type="password"
            autoComplete="current-password"
          />
          <Button type="submit" className="w-full">
            {t('confirm.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  )
}
