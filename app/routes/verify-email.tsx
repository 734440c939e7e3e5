// Enter the 8-digit code from the e-mail; a new code can be sent (rate-limited).
import { getFormProps } from '@conform-to/react'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { and, desc, eq, isNull } from 'drizzle-orm'
import { useTranslation } from 'react-i18next'
import { db } from '../../db/client.server.ts'
import { verificationCodes } from '../../db/schema/index.ts'
import { Button, Card, Field, FormErrors, Notice, PageTitle } from '~/components/ui/form.tsx'
import { CodeSchema } from '~/domains/accounts/accounts.schema.ts'
import { RedirectToSchema } from '~/domains/accounts/redirect-to.schema.ts'
import { requireAuth } from '~/domains/accounts/auth.server.ts'
import { resendEmailCode, verifyEmail } from '~/domains/accounts/verify-email.server.ts'
import { clientIp, replyWithError, requestLanguage } from '~/domains/web/request.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAuth(request)
  const pending = await db()
    .select({ target: verificationCodes.target })
    .from(verificationCodes)
    .where(
      and(
        eq(verificationCodes.userId, auth.user.id),
        eq(verificationCodes.purpose, 'email'),
        isNull(verificationCodes.usedAt),
      ),
    )
    .orderBy(desc(verificationCodes.createdAt))
    .limit(1)
    .then((r) => r[0])
  if (auth.user.emailVerified && !pending) throw redirect('/dashboard')
  return { target: pending?.target ?? auth.user.email }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireAuth(request)
  const formData = await request.formData()
  const redirectTo = RedirectToSchema.parse(
    new URL(request.url).searchParams.get('redirectTo') ?? undefined,
  )
  if (formData.get('intent') === 'resend') {
    const submission = parseWithZod(new FormData(), { schema: CodeSchema })
    try {
      const pending = await db()
        .select({ target: verificationCodes.target })
        .from(verificationCodes)
        .where(
          and(eq(verificationCodes.userId, auth.user.id), eq(verificationCodes.purpose, 'email')),
        )
        .orderBy(desc(verificationCodes.createdAt))
        .limit(1)
        .then((r) => r[0])
      await resendEmailCode({
        userId: auth.user.id,
        lng: await requestLanguage(request),
        target: pending?.target,
      })
      return { result: undefined, resent: true }
    } catch (error) {
      const { status, result } = replyWithError(submission, error)
      return Response.json({ result, resent: false }, { status })
    }
  }
  const submission = parseWithZod(formData, { schema: CodeSchema })
  if (submission.status !== 'success') return { result: submission.reply(), resent: false }
  try {
    await verifyEmail({ userId: auth.user.id, code: submission.value.code, ip: clientIp(context) })
    return redirect(redirectTo ?? '/dashboard?done=verified')
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ result, resent: false }, { status })
  }
}

export const meta: MetaFunction = () => [{ title: '验证邮箱 · 众创 Zhongchuang' }]

export default function VerifyEmailPage() {
  const { t } = useTranslation('auth')
  const { target } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    validation: checks(() => import('~/domains/accounts/accounts.schema.ts'), 'CodeSchema'),
  })
  return (
    <div className="mx-auto max-w-md">
      <PageTitle sub={t('verify.sub', { email: target })}>{t('verify.title')}</PageTitle>
      <Card>
        {actionData?.resent ? (
          <div className="mb-4">
            <Notice tone="success">{t('verify.resent')}</Notice>
          </div>
        ) : null}
        <Form
          method="post"
          {...getFormProps(form)}
          action={`?${searchParams.toString()}`}
          className="space-y-4"
        >
          <FormErrors errors={form.errors} />
          <Field
            label={t('fields.code')}
            field={fields.code}
            inputMode="numeric"
            autoComplete="one-time-code"
            hint={t('verify.hint')}
          />
          <Button type="submit" className="w-full">
            {t('verify.submit')}
          </Button>
        </Form>
        <Form method="post" className="mt-4">
          <input type="hidden" name="intent" value="resend" />
          <button type="submit" className="text-sm text-brand-700 underline">
            {t('verify.resend')}
          </button>
        </Form>
      </Card>
    </div>
  )
}
