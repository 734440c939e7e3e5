// Ask for a reset link. The answer is the same whether or not the address has an account.
import { getFormProps } from '@conform-to/react'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button, Card, Field, FormErrors, Notice, PageTitle } from '~/components/ui/form.tsx'
import { ForgotPasswordSchema } from '~/domains/accounts/accounts.schema.ts'
import { requestPasswordReset } from '~/domains/accounts/reset-password.server.ts'
import { clientIp, replyWithError, requestLanguage } from '~/domains/web/request.server.ts'

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ForgotPasswordSchema })
  if (submission.status !== 'success') return { result: submission.reply(), sent: false }
  try {
    await requestPasswordReset({
      email: submission.value.email,
      ip: clientIp(context),
      lng: await requestLanguage(request),
    })
    return { result: submission.reply(), sent: true }
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ result, sent: false }, { status })
  }
}

export const meta: MetaFunction = () => [{ title: '找回密码 · 众创 Zhongchuang' }]

export default function ForgotPasswordPage() {
  const { t } = useTranslation('auth')
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    validation: checks(
      () => import('~/domains/accounts/accounts.schema.ts'),
      'ForgotPasswordSchema',
    ),
  })
  return (
    <div className="mx-auto max-w-md">
      <PageTitle sub={t('forgot.sub')}>{t('forgot.title')}</PageTitle>
      <Card>
        {actionData?.sent ? (
          <Notice tone="success">{t('forgot.sent')}</Notice>
        ) : (
          <Form method="post" {...getFormProps(form)} className="space-y-4">
            <FormErrors errors={form.errors} />
            <Field
              label={t('fields.email')}
              field={fields.email}
              type="email"
              autoComplete="email"
            />
            <Button type="submit" className="w-full">
              {t('forgot.submit')}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  )
}
