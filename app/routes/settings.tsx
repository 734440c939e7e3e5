// The member's account page: password, e-mail, mobile, sessions, data download and deletion.
// Each section is its own form with a hidden `intent`; every success redirects with a notice.
import { getFormProps, getInputProps, type SubmissionResult } from '@conform-to/react'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from '@remix-run/react'
import { and, desc, eq, gt, inArray, isNull, lt } from 'drizzle-orm'
import { useTranslation } from 'react-i18next'
import { db } from '../../db/client.server.ts'
import { users, verificationCodes } from '../../db/schema/index.ts'
import { now } from '~/clock.server.ts'
import {
  Button,
  Card,
  ErrorList,
  Field,
  FormErrors,
  Notice,
  PageTitle,
} from '~/components/ui/form.tsx'
import { deleteAccount } from '~/domains/accounts/account-data.server.ts'
import {
  ChangeEmailSchema,
  MobileCodeSchema,
  MobileSchema,
} from '~/domains/accounts/accounts.schema.ts'
import { ChangePasswordSchema } from '~/domains/accounts/new-password.schema.ts'
import { requireMember, requireRecentAuth } from '~/domains/accounts/auth.server.ts'
import { changePassword, requestEmailChange } from '~/domains/accounts/change-credentials.server.ts'
import { requestMobileVerification, verifyMobile } from '~/domains/accounts/mobile.server.ts'
import {
  clearSessionCookie,
  invalidateUserSessions,
  STEP_UP_MS,
} from '~/domains/accounts/session.server.ts'
import { CODE_ATTEMPTS } from '~/domains/accounts/verification-codes.server.ts'
import { clientIp, replyWithError, requestLanguage } from '~/domains/web/request.server.ts'
import { DeleteAccountSchema } from '~/domains/accounts/accounts.schema.ts'

const noticeIntents = ['password', 'email', 'mobile'] as const
type NoticeIntent = (typeof noticeIntents)[number]

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const at = now()
  const [user, pending] = await Promise.all([
    db()
      .select({
        name: users.name,
        email: users.email,
        emailVerifiedAt: users.emailVerifiedAt,
        mobile: users.mobile,
        mobileVerifiedAt: users.mobileVerifiedAt,
      })
      .from(users)
      .where(eq(users.id, auth.user.id))
      .then((r) => r[0]),
    // Codes still usable: a number waiting for its SMS code, an address change waiting for its e-mail code.
    db()
      .select({ purpose: verificationCodes.purpose, target: verificationCodes.target })
      .from(verificationCodes)
      .where(
        and(
          eq(verificationCodes.userId, auth.user.id),
          inArray(verificationCodes.purpose, ['mobile', 'email']),
          isNull(verificationCodes.usedAt),
          gt(verificationCodes.expiresAt, at),
          lt(verificationCodes.attempts, CODE_ATTEMPTS),
        ),
      )
      .orderBy(desc(verificationCodes.createdAt)),
  ])
  if (!user) throw redirect('/login')
  const pendingMobile = pending.find((p) => p.purpose === 'mobile')?.target ?? null
  const pendingEmail =
    pending.find((p) => p.purpose === 'email' && p.target !== user.email)?.target ?? null
  return {
    name: user.name,
    email: user.email,
    emailVerified: user.emailVerifiedAt !== null,
    mobile: user.mobile,
    mobileVerified: user.mobile !== null && user.mobileVerifiedAt !== null,
    pendingMobile,
    pendingEmail,
    recentAuth: at.getTime() - auth.session.reauthenticatedAt.getTime() <= STEP_UP_MS,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  const intent = formData.get('intent')
  switch (intent) {
    case 'password': {
      const auth = await requireRecentAuth(request)
      const hidden = ['current', 'password', 'confirm']
      const submission = parseWithZod(formData, { schema: ChangePasswordSchema })
      if (submission.status !== 'success')
        return { intent, result: submission.reply({ hideFields: hidden }) }
      try {
        await changePassword({
          userId: auth.user.id,
          sessionId: auth.session.id,
          current: submission.value.current,
          password: submission.value.password,
          ip: clientIp(context),
        })
      } catch (error) {
        const { status, result } = replyWithError(submission, error, hidden)
        return Response.json({ intent, result }, { status })
      }
      return redirect('/settings?done=password')
    }
    case 'email': {
      const auth = await requireRecentAuth(request)
      const submission = parseWithZod(formData, { schema: ChangeEmailSchema })
      if (submission.status !== 'success') return { intent, result: submission.reply() }
      if (submission.value.email === auth.user.email) {
        return Response.json(
          { intent, result: submission.reply({ fieldErrors: { email: ['settings:email.same'] } }) },
          { status: 400 },
        )
      }
      try {
        await requestEmailChange({
          userId: auth.user.id,
          email: submission.value.email,
          lng: await requestLanguage(request),
        })
      } catch (error) {
        const { status, result } = replyWithError(submission, error)
        return Response.json({ intent, result }, { status })
      }
      return redirect(`/verify-email?redirectTo=${encodeURIComponent('/settings?done=email')}`)
    }
    case 'mobile': {
      // A verified number becomes a way to log in, so adding one is guarded like the e-mail.
      const auth = await requireRecentAuth(request)
      const submission = parseWithZod(formData, { schema: MobileSchema })
      if (submission.status !== 'success') return { intent, result: submission.reply() }
      try {
        await requestMobileVerification({
          userId: auth.user.id,
          mobile: submission.value.mobile,
          lng: await requestLanguage(request),
        })
      } catch (error) {
        const { status, result } = replyWithError(submission, error)
        return Response.json({ intent, result }, { status })
      }
      return redirect('/settings?mobile=sent')
    }
    case 'mobile-code': {
      const auth = await requireMember(request)
      const submission = parseWithZod(formData, { schema: MobileCodeSchema })
      if (submission.status !== 'success') return { intent, result: submission.reply() }
      try {
        await verifyMobile({
          userId: auth.user.id,
          code: submission.value.code,
          ip: clientIp(context),
        })
      } catch (error) {
        const { status, result } = replyWithError(submission, error)
        return Response.json({ intent, result }, { status })
      }
      return redirect('/settings?done=mobile')
    }
    case 'logout-all': {
      const auth = await requireMember(request)
      await invalidateUserSessions(db(), auth.user.id)
      return redirect('/login', { headers: { 'Set-Cookie': clearSessionCookie() } })
    }
    case 'delete': {
      const auth = await requireRecentAuth(request)
      const submission = parseWithZod(formData, { schema: DeleteAccountSchema })
      if (submission.status !== 'success') return { intent, result: submission.reply() }
      try {
        await deleteAccount({ userId: auth.user.id, ip: clientIp(context) })
      } catch (error) {
        const { status, result } = replyWithError(submission, error)
        return Response.json({ intent, result }, { status })
      }
      return redirect('/?notice=deleted', { headers: { 'Set-Cookie': clearSessionCookie() } })
    }
    default:
      throw new Response('unknown intent', { status: 400 })
  }
}

export const meta: MetaFunction = () => [{ title: '账号设置 · 众创 Zhongchuang' }]

type LastResult = SubmissionResult<string[]> | undefined

export default function SettingsPage() {
  const { t } = useTranslation('settings')
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const done = searchParams.get('done')
  const mobileSent = searchParams.get('mobile') === 'sent'
  const resultFor = (intent: string): LastResult =>
    actionData?.intent === intent ? actionData.result : undefined
  // A new URL (a notice after a success) starts the forms afresh, so typed passwords do not linger.
  const formKey = searchParams.toString()
  const showCodeForm =
    data.pendingMobile !== null || mobileSent || actionData?.intent === 'mobile-code'
  return (
    <div className="mx-auto max-w-2xl">
      <PageTitle sub={t('sub')}>{t('title')}</PageTitle>
      <div className="space-y-6">
        {done && (noticeIntents as readonly string[]).includes(done) ? (
          <Notice tone="success">{t(`done.${done as NoticeIntent}`)}</Notice>
        ) : null}
        {!data.recentAuth ? <Notice tone="info">{t('recentAuth')}</Notice> : null}

        <Card>
          <SectionHeading title={t('profile.title')} />
          <dl className="divide-y divide-slate-100 text-sm">
            <Row label={t('profile.name')}>{data.name}</Row>
            <Row label={t('profile.email')}>
              <span className="break-all">{data.email}</span> <Badge ok={data.emailVerified} />
              {data.pendingEmail ? (
                <p className="mt-1 text-slate-600">
                  {t('profile.pendingEmail', { email: data.pendingEmail })}{' '}
                  <Link
                    to={`/verify-email?redirectTo=${encodeURIComponent('/settings?done=email')}`}
                  >
                    {t('profile.pendingEmailLink')}
                  </Link>
                </p>
              ) : null}
            </Row>
            <Row label={t('profile.mobile')}>
              {data.mobile ? (
                <>
                  <span>{data.mobile}</span> <Badge ok={data.mobileVerified} />
                </>
              ) : (
                <span className="text-slate-500">{t('profile.none')}</span>
              )}
            </Row>
          </dl>
        </Card>

        <PasswordSection key={`password-${formKey}`} lastResult={resultFor('password')} />
        <EmailSection key={`email-${formKey}`} lastResult={resultFor('email')} />
        <Card>
          <SectionHeading title={t('mobile.title')} sub={t('mobile.sub')} />
          <div className="space-y-6">
            {showCodeForm ? (
              <MobileCodeSection
                key={`mobile-code-${formKey}`}
                lastResult={resultFor('mobile-code')}
                pendingMobile={data.pendingMobile}
                sent={mobileSent}
              />
            ) : null}
            <MobileSection
              key={`mobile-${formKey}`}
              lastResult={resultFor('mobile')}
              hasMobile={data.mobileVerified}
              pending={showCodeForm}
            />
          </div>
        </Card>
        <LogoutAllSection />
        <DataSection />
        <DeleteSection key={`delete-${formKey}`} lastResult={resultFor('delete')} />
      </div>
    </div>
  )
}

function SectionHeading({ title, sub }: { title: string; sub?: string }) {
  return (
    <div className="mb-4">
      <h2 className="text-lg font-semibold text-slate-900">{title}</h2>
      {sub ? <p className="mt-1 text-sm text-slate-600">{sub}</p> : null}
    </div>
  )
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="py-3 first:pt-0 last:pb-0 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd className="mt-1 text-slate-900 sm:col-span-2 sm:mt-0">{children}</dd>
    </div>
  )
}

function Badge({ ok }: { ok: boolean }) {
  const { t } = useTranslation('settings')
  return ok ? (
    <span className="ml-1 inline-block rounded-full bg-green-50 px-2 py-0.5 text-xs font-medium text-green-800">
      {t('profile.verified')}
    </span>
  ) : (
    <span className="ml-1 inline-block rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800">
      {t('profile.unverified')}
    </span>
  )
}

function IntentInput({ intent }: { intent: string }) {
  return <input type="hidden" name="intent" value={intent} />
}

function useSubmitting(intent: string): boolean {
  const navigation = useNavigation()
  return navigation.state === 'submitting' && navigation.formData?.get('intent') === intent
}

function PasswordSection({ lastResult }: { lastResult: LastResult }) {
  const { t } = useTranslation('settings')
  const submitting = useSubmitting('password')
  const [form, fields] = useForm({
    id: 'change-password',
    lastResult,
    validation: checks(
      () => import('~/domains/accounts/new-password.schema.ts'),
      'ChangePasswordSchema',
    ),
  })
  return (
    <Card>
      <SectionHeading title={t('password.title')} sub={t('password.sub')} />
      <Form method="post" action="/settings" {...getFormProps(form)} className="space-y-4">
        <IntentInput intent="password" />
        <FormErrors errors={form.errors} />
        <Field
          label={t('password.current')}
          field={fields.current}
          type="password"
          autoComplete="current-password"
        />
        <Field
          label={t('password.new')}
          field={fields.password}
          type="password"
          autoComplete="new-password"
          hint={t('password.newHint')}
        />
        <Field
          label={t('password.confirm')}
          field={fields.confirm}
          type="password"
          autoComplete="new-password"
        />
        <Button type="submit" className="w-full sm:w-auto" disabled={submitting}>
          {t('password.submit')}
        </Button>
      </Form>
    </Card>
  )
}

function EmailSection({ lastResult }: { lastResult: LastResult }) {
  const { t } = useTranslation('settings')
  const submitting = useSubmitting('email')
  const [form, fields] = useForm({
    id: 'change-email',
    lastResult,
    validation: checks(() => import('~/domains/accounts/accounts.schema.ts'), 'ChangeEmailSchema'),
  })
  return (
    <Card>
      <SectionHeading title={t('email.title')} sub={t('email.sub')} />
      <Form method="post" action="/settings" {...getFormProps(form)} className="space-y-4">
        <IntentInput intent="email" />
        <FormErrors errors={form.errors} />
        <Field label={t('email.new')} field={fields.email} type="email" autoComplete="email" />
        <Button type="submit" className="w-full sm:w-auto" disabled={submitting}>
          {t('email.submit')}
        </Button>
      </Form>
    </Card>
  )
}

function MobileSection({
  lastResult,
  hasMobile,
  pending,
}: {
  lastResult: LastResult
  hasMobile: boolean
  pending: boolean
}) {
  const { t } = useTranslation('settings')
  const submitting = useSubmitting('mobile')
  const [form, fields] = useForm({
    id: 'change-mobile',
    lastResult,
    validation: checks(() => import('~/domains/accounts/accounts.schema.ts'), 'MobileSchema'),
  })
  return (
    <Form method="post" action="/settings" {...getFormProps(form)} className="space-y-4">
      <IntentInput intent="mobile" />
      {pending ? <p className="text-sm text-slate-600">{t('mobile.resend')}</p> : null}
      <FormErrors errors={form.errors} />
      <Field
        label={hasMobile ? t('mobile.newNumber') : t('mobile.number')}
        field={fields.mobile}
        type="tel"
        inputMode="tel"
        autoComplete="tel-national"
        hint={t('mobile.numberHint')}
      />
      <Button
        type="submit"
        variant={pending ? 'secondary' : 'primary'}
        className="w-full sm:w-auto"
        disabled={submitting}
      >
        {pending ? t('mobile.sendAgain') : t('mobile.send')}
      </Button>
    </Form>
  )
}

function MobileCodeSection({
  lastResult,
  pendingMobile,
  sent,
}: {
  lastResult: LastResult
  pendingMobile: string | null
  sent: boolean
}) {
  const { t } = useTranslation('settings')
  const submitting = useSubmitting('mobile-code')
  const [form, fields] = useForm({
    id: 'verify-mobile',
    lastResult,
    validation: checks(() => import('~/domains/accounts/accounts.schema.ts'), 'MobileCodeSchema'),
  })
  return (
    <div className="space-y-4 rounded-md border border-brand-100 bg-brand-50/50 p-4">
      {pendingMobile ? (
        <p role="status" className="text-sm text-slate-800">
          {sent
            ? t('mobile.sent', { mobile: pendingMobile })
            : t('mobile.pending', { mobile: pendingMobile })}
        </p>
      ) : null}
      <Form method="post" action="/settings" {...getFormProps(form)} className="space-y-4">
        <IntentInput intent="mobile-code" />
        <FormErrors errors={form.errors} />
        <Field
          label={t('mobile.code')}
          field={fields.code}
          inputMode="numeric"
          autoComplete="one-time-code"
          hint={t('mobile.codeHint')}
        />
        <Button type="submit" className="w-full sm:w-auto" disabled={submitting}>
          {t('mobile.verify')}
        </Button>
      </Form>
    </div>
  )
}

function LogoutAllSection() {
  const { t } = useTranslation('settings')
  const submitting = useSubmitting('logout-all')
  return (
    <Card>
      <SectionHeading title={t('sessions.title')} sub={t('sessions.sub')} />
      <Form method="post" action="/settings">
        <IntentInput intent="logout-all" />
        <Button
          type="submit"
          variant="secondary"
          className="w-full sm:w-auto"
          disabled={submitting}
        >
          {t('sessions.submit')}
        </Button>
      </Form>
    </Card>
  )
}

function DataSection() {
  const { t } = useTranslation('settings')
  return (
    <Card>
      <SectionHeading title={t('data.title')} sub={t('data.sub')} />
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:gap-6">
        <a
          href="/settings/export"
          download="zhongchuang-data.json"
          className="inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 hover:no-underline"
        >
          {t('data.download')}
        </a>
        <Link to="/privacy" className="text-sm">
          {t('data.privacy')}
        </Link>
      </div>
    </Card>
  )
}

function DeleteSection({ lastResult }: { lastResult: LastResult }) {
  const { t } = useTranslation('settings')
  const submitting = useSubmitting('delete')
  const [form, fields] = useForm({
    id: 'delete-account',
    lastResult,
    validation: checks(
      () => import('~/domains/accounts/accounts.schema.ts'),
      'DeleteAccountSchema',
    ),
    shouldValidate: 'onSubmit',
  })
  return (
    <Card className="border-red-200">
      <SectionHeading title={t('delete.title')} sub={t('delete.sub')} />
      <ul className="mb-4 list-disc space-y-1 pl-5 text-sm text-slate-700">
        <li>{t('delete.erased')}</li>
        <li>{t('delete.kept')}</li>
        <li>{t('delete.owner')}</li>
        <li>{t('delete.download')}</li>
      </ul>
      <Form method="post" action="/settings" {...getFormProps(form)} className="space-y-4">
        <IntentInput intent="delete" />
        <FormErrors errors={form.errors} />
        <div>
          <label className="flex items-start gap-2 text-sm">
            <input
              {...getInputProps(fields.confirm, { type: 'checkbox' })}
              key={fields.confirm.key}
              className="mt-1"
            />
            <span>{t('delete.confirm')}</span>
          </label>
          <ErrorList id={fields.confirm.errorId} errors={fields.confirm.errors} />
        </div>
        <Button type="submit" variant="danger" className="w-full sm:w-auto" disabled={submitting}>
          {t('delete.submit')}
        </Button>
      </Form>
    </Card>
  )
}
