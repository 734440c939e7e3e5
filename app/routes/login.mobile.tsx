// Log in with a verified mainland mobile number and an SMS code.
import { getFormProps } from '@conform-to/react'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button, Card, Field, FormErrors, Notice, PageTitle } from '~/components/ui/form.tsx'
import { MobileCodeLoginSchema, MobileSchema } from '~/domains/accounts/accounts.schema.ts'
import { getAuth } from '~/domains/accounts/auth.server.ts'
import { logInWithMobile, requestMobileLogin } from '~/domains/accounts/mobile.server.ts'
import { sessionCookie } from '~/domains/accounts/session.server.ts'
import { clientIp, replyWithError, requestLanguage } from '~/domains/web/request.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getAuth(request)) throw redirect('/dashboard')
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  const intent = formData.get('intent')
  if (intent === 'send') {
    const submission = parseWithZod(formData, { schema: MobileSchema })
    if (submission.status !== 'success')
      return { result: submission.reply(), sent: false, mobile: '' }
    try {
      await requestMobileLogin({
        mobile: submission.value.mobile,
        ip: clientIp(context),
        lng: await requestLanguage(request),
      })
      return { result: submission.reply(), sent: true, mobile: submission.value.mobile }
    } catch (error) {
      const { status, result } = replyWithError(submission, error)
      return Response.json({ result, sent: false, mobile: '' }, { status })
    }
  }
  const submission = parseWithZod(formData, { schema: MobileCodeLoginSchema })
  const mobile = String(formData.get('mobile') ?? '')
  if (submission.status !== 'success') return { result: submission.reply(), sent: true, mobile }
  try {
    const session = await logInWithMobile({
      mobile: submission.value.mobile,
      code: submission.value.code,
      ip: clientIp(context),
      userAgent: request.headers.get('user-agent') ?? undefined,
    })
    return redirect('/dashboard', {
      headers: { 'Set-Cookie': sessionCookie(session.token, session.expiresAt) },
    })
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ result, sent: true, mobile }, { status })
  }
}

export const meta: MetaFunction = () => [{ title: '手机号登录 · 众创 Zhongchuang' }]

export default function MobileLoginPage() {
  const { t } = useTranslation('auth')
  const actionData = useActionData<typeof action>()
  const sent = actionData?.sent ?? false
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    validation: checks(
      () => import('~/domains/accounts/accounts.schema.ts'),
      sent ? 'MobileCodeLoginSchema' : 'MobileSchema',
    ),
  })
  return (
    <div className="mx-auto max-w-md">
      <PageTitle sub={t('mobileLogin.sub')}>{t('mobileLogin.title')}</PageTitle>
      <Card>
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <FormErrors errors={form.errors} />
          {sent ? (
            <>
              <Notice tone="info">{t('mobileLogin.sent')}</Notice>
              <input type="hidden" name="mobile" value={actionData?.mobile ?? ''} />
              <Field
                label={t('fields.smsCode')}
                field={fields.code}
                inputMode="numeric"
                autoComplete="one-time-code"
              />
              <Button type="submit" name="intent" value="login" className="w-full">
                {t('login.submit')}
              </Button>
            </>
          ) : (
            <>
              <Field
                label={t('fields.mobile')}
                field={fields.mobile}
                type="tel"
                autoComplete="tel"
                hint={t('mobileLogin.hint')}
              />
              <Button type="submit" name="intent" value="send" className="w-full">
                {t('mobileLogin.send')}
              </Button>
            </>
          )}
        </Form>
        <p className="mt-4 text-sm">
          <Link to="/login">{t('mobileLogin.back')}</Link>
        </p>
      </Card>
    </div>
  )
}
