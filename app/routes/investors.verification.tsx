// 合格投资者 verification for the investor profile this session acts for: the current status,
// the application form (basis, declared amount, signed declaration, a separate consent to
// processing sensitive personal information, 1–5 evidence files), the history of applications
// and the log of every access to the evidence.
import { getFormProps, type SubmissionResult } from '@conform-to/react'
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
import { useTranslation } from 'react-i18next'
import { table } from '~/components/admin-nav.tsx'
import {
  Button,
  Card,
  ErrorList,
  Field,
  FormErrors,
  Notice,
  PageTitle,
} from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { requireMember } from '~/domains/accounts/auth.server.ts'
import {
  applyForVerification,
  checkEvidence,
  verificationOverview,
} from '~/domains/deals/apply-verification.server.ts'
import { BASES_BY_KIND, QUALIFICATION_THRESHOLD_FEN } from '~/domains/deals/deals.schema.ts'
import { investorSubject, profileOfSubject } from '~/domains/deals/investor-profile.server.ts'
import { VerificationFormSchema } from '~/domains/deals/investor-verification.schema.ts'
import { DECLARATION, MAX_EVIDENCE_FILES, SENSITIVE_CONSENT } from '~/domains/deals/deals.schema.ts'
import { filesOf, readMultipart } from '~/domains/uploads/multipart.server.ts'
import { uploadPurposes } from '~/domains/uploads/uploads.schema.ts'
import { clientIp, replyWithError, requestLanguage } from '~/domains/web/request.server.ts'
import { now } from '~/clock.server.ts'
import { formatDate, formatDateTime, formatMoney } from '~/i18n/format.ts'

const EVIDENCE_MB = Math.round(uploadPurposes['investor-evidence'].maxBytes / 1048576)

async function actingProfile(request: Request) {
  const auth = await requireMember(request)
  const subject = investorSubject(auth)
  return { auth, subject, profile: await profileOfSubject(subject) }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { subject, profile } = await actingProfile(request)
  const lng = await requestLanguage(request)
  if (!profile) return { subject, profile: null, lng, history: [], access: [], current: null }
  const { history, access } = await verificationOverview(profile.id)
  const latest = history[0] ?? null
  // An approval past its year reads as expired even before the expiry timer has run.
  const current = latest
    ? {
        status:
          latest.status === 'approved' && latest.expiresAt && latest.expiresAt <= now()
            ? ('expired' as const)
            : latest.status,
        expiresAt: latest.expiresAt,
        reason: latest.reason,
      }
    : null
  return {
    subject,
    profile: {
      id: profile.id,
      kind: profile.kind,
      displayName: profile.displayName,
      bases: BASES_BY_KIND[profile.kind].map((b) => ({
        basis: b,
        thresholdFen: QUALIFICATION_THRESHOLD_FEN[b],
      })),
    },
    lng,
    history,
    access,
    current,
  }
}

const tooLarge = (): SubmissionResult<string[]> => ({
  status: 'error',
  error: { evidence: [`common:upload.tooLarge|${JSON.stringify({ mb: EVIDENCE_MB })}`] },
})

export async function action({ request, context }: ActionFunctionArgs) {
  const { auth, profile } = await actingProfile(request)
  if (!profile) return redirect('/investors/profile')
  const formData = await readMultipart(request, uploadPurposes['investor-evidence'].maxBytes)
  if (!formData) return Response.json({ result: tooLarge() }, { status: 413 })
  const submission = parseWithZod(formData, { schema: VerificationFormSchema })
  if (submission.status !== 'success') return { result: submission.reply() }
  try {
    const files = await checkEvidence(filesOf(formData, 'evidence'))
    await applyForVerification({
      profile,
      applicantUserId: auth.user.id,
      values: submission.value,
      files,
      ip: clientIp(context),
    })
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ result }, { status })
  }
  return redirect('/investors/verification?done=submitted')
}

export const meta: MetaFunction = () => [{ title: '合格投资者认证 · 众创 Zhongchuang' }]

type Shape = { basis: string; declaredYuan: string; declaration: string; sensitiveConsent: string }

export default function VerificationPage() {
  const { t } = useTranslation('investors')
  const { profile, subject, lng, history, access, current } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageTitle
        sub={
          subject.kind === 'institution'
            ? t('verification.forFirm', { name: subject.name })
            : t('verification.forPerson')
        }
      >
        {t('verification.title')}
      </PageTitle>
      {searchParams.get('done') === 'submitted' ? (
        <Notice tone="success">{t('verification.submitted')}</Notice>
      ) : null}
      {!profile ? (
        <Notice tone="info">
          {t('verification.needProfile')}{' '}
          <Link to="/investors/profile">{t('verification.createProfile')}</Link>
        </Notice>
      ) : (
        <>
          <Card>
            <h2 className="text-lg font-semibold text-slate-900">{t('verification.current')}</h2>
            <div className="mt-3">
              {!current ? (
                <p className="text-sm text-slate-600">{t('verification.none')}</p>
              ) : current.status === 'submitted' ? (
                <Notice tone="info">{t('verification.status.waiting')}</Notice>
              ) : current.status === 'approved' && current.expiresAt ? (
                <Notice tone="success">
                  {t('verification.status.approvedUntil', {
                    date: formatDate(current.expiresAt, lng),
                  })}
                </Notice>
              ) : current.status === 'rejected' ? (
                <Notice tone="error">
                  {t('verification.status.rejected', { reason: current.reason ?? '' })}
                </Notice>
              ) : (
                <Notice tone="warning">{t('verification.status.expired')}</Notice>
              )}
            </div>
            <p className="mt-3 text-sm">
              <Link to={`/investors/${profile.id}`}>{t('verification.viewProfile')}</Link>
            </p>
          </Card>
          {current?.status === 'submitted' ? null : (
            <ApplyForm bases={profile.bases} lng={lng} renew={current?.status === 'approved'} />
          )}
          <Card>
            <h2 className="text-lg font-semibold text-slate-900">{t('verification.history')}</h2>
            {history.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">{t('verification.noHistory')}</p>
            ) : (
              <div className={`mt-3 ${table.wrap}`}>
                <table className="w-full min-w-[40rem] divide-y divide-slate-200 text-sm">
                  <thead>
                    <tr>
                      <th scope="col" className={table.th}>
                        {t('verification.columns.submitted')}
                      </th>
                      <th scope="col" className={table.th}>
                        {t('verification.columns.basis')}
                      </th>
                      <th scope="col" className={table.th}>
                        {t('verification.columns.status')}
                      </th>
                      <th scope="col" className={table.th}>
                        {t('verification.columns.evidence')}
                      </th>
                    </tr>
                  </thead>
                  <tbody className={table.body}>
                    {history.map((h) => (
                      <tr key={h.id}>
                        <td className={`${table.td} whitespace-nowrap`}>
                          {formatDateTime(h.createdAt, lng)}
                        </td>
                        <td className={table.td}>
                          {t(`basis.${h.basis}`)} · {formatMoney(h.declaredFen, lng)}
                        </td>
                        <td className={table.td}>
                          {t(`verificationStatus.${h.status}`)}
                          {h.decidedAt ? (
                            <span className="block text-xs text-slate-500">
                              {formatDateTime(h.decidedAt, lng)}
                            </span>
                          ) : null}
                          {h.reason ? (
                            <span className="block text-xs text-slate-600">{h.reason}</span>
                          ) : null}
                        </td>
                        <td className={table.td}>
                          {h.evidencePurgedAt
                            ? t('verification.purged', {
                                date: formatDate(h.evidencePurgedAt, lng),
                              })
                            : t('verification.files', { count: h.files.length })}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>
          <Card>
            <h2 className="text-lg font-semibold text-slate-900">{t('verification.access')}</h2>
            <p className="mt-1 text-sm text-slate-600">{t('verification.accessHint')}</p>
            {access.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">{t('verification.noAccess')}</p>
            ) : (
              <ul className="mt-3 space-y-1 text-sm">
                {access.map((a) => (
                  <li key={a.id}>
                    <span className="text-slate-500">{formatDateTime(a.at, lng)}</span>{' '}
                    {t(`accessAction.${a.action}`, {
                      who: a.actorName ?? t('verification.system'),
                      file: a.fileName ?? '',
                    })}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </>
      )}
    </div>
  )
}

function ApplyForm({
  bases,
  lng,
  renew,
}: {
  bases: { basis: string; thresholdFen: number }[]
  lng: 'zh-CN' | 'en'
  /** Approved now: applying again renews before the year is up. */
  renew: boolean
}) {
  const { t } = useTranslation('investors')
  const navigation = useNavigation()
  // Responses with a status (Response.json) type as `any`; this is the shape every branch returns.
  const actionData = useActionData<typeof action>() as
    { result: SubmissionResult<string[]> } | undefined
  const [form, fields] = useForm<Shape>({
    lastResult: actionData?.result,
    defaultValue: { basis: bases[0]?.basis ?? '' },
    validation: checks(
      () => import('~/domains/deals/investor-verification.schema.ts'),
      'VerificationFormSchema',
    ),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  const initial = (form.initialValue ?? {}) as Record<string, unknown>
  const basis = typeof initial.basis === 'string' ? initial.basis : bases[0]?.basis
  return (
    <Card>
      <h2 className="text-lg font-semibold text-slate-900">
        {renew ? t('verification.renew') : t('verification.apply')}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t('verification.applyHint')}</p>
      <Form
        method="post"
        encType="multipart/form-data"
        {...getFormProps(form)}
        className="mt-4 space-y-6"
      >
        <FormErrors errors={form.errors} />
        <fieldset aria-describedby={fields.basis.errorId}>
          <legend className="block text-sm font-medium text-slate-800">{t('fields.basis')}</legend>
          <div className="mt-2 space-y-2">
            {bases.map((b) => (
              <label key={b.basis} className="flex items-start gap-2 text-sm">
                <input
                  type="radio"
                  name={fields.basis.name}
                  value={b.basis}
                  defaultChecked={basis === b.basis}
                  className="mt-1"
                />
                <span>
                  {t(`basis.${b.basis}`)}
                  <span className="block text-xs text-slate-500">
                    {t(`basisRule.${b.basis}`, { threshold: formatMoney(b.thresholdFen, lng) })}
                  </span>
                </span>
              </label>
            ))}
          </div>
          <ErrorList id={fields.basis.errorId} errors={fields.basis.errors} />
        </fieldset>
        <Field
          label={t('fields.declaredYuan')}
          field={fields.declaredYuan}
          inputMode="numeric"
          hint={t('hints.declared')}
        />
        <div>
          <label
            htmlFor={`${form.id}-evidence`}
            className="block text-sm font-medium text-slate-800"
          >
            {t('fields.evidence')}
          </label>
          <input
            id={`${form.id}-evidence`}
            type="file"
            name="evidence"
            multiple
            accept="application/pdf,image/jpeg,image/png"
            className="mt-1 block w-full text-sm"
            aria-describedby={`${form.id}-evidence-hint`}
          />
          <p id={`${form.id}-evidence-hint`} className="mt-1 text-xs text-slate-500">
            {t('hints.evidence', { max: MAX_EVIDENCE_FILES, mb: EVIDENCE_MB })}
          </p>
          <ErrorList errors={form.allErrors.evidence} />
        </div>
        <div className="rounded-md border border-slate-200 bg-slate-50 p-4">
          <p className="text-sm font-medium text-slate-900">
            {t('verification.declarationTitle', { version: DECLARATION.version })}
          </p>
          <p className="mt-2 text-sm whitespace-pre-line text-slate-700">{DECLARATION[lng]}</p>
          <label className="mt-3 flex items-start gap-2 text-sm font-medium">
            <input
              type="checkbox"
              name={fields.declaration.name}
              value="on"
              className="mt-1"
              aria-describedby={fields.declaration.errorId}
            />
            {t('fields.declaration')}
          </label>
          <ErrorList id={fields.declaration.errorId} errors={fields.declaration.errors} />
        </div>
        <div className="rounded-md border border-amber-200 bg-amber-50 p-4">
          <p className="text-sm font-medium text-amber-950">
            {t('verification.consentTitle', { version: SENSITIVE_CONSENT.version })}
          </p>
          <p className="mt-2 text-sm text-amber-950">{SENSITIVE_CONSENT[lng]}</p>
          <label className="mt-3 flex items-start gap-2 text-sm font-medium text-amber-950">
            <input
              type="checkbox"
              name={fields.sensitiveConsent.name}
              value="on"
              className="mt-1"
              aria-describedby={fields.sensitiveConsent.errorId}
            />
            {t('fields.sensitiveConsent')}
          </label>
          <ErrorList id={fields.sensitiveConsent.errorId} errors={fields.sensitiveConsent.errors} />
        </div>
        <Button type="submit" disabled={navigation.state === 'submitting'}>
          {t('verification.submit')}
        </Button>
      </Form>
    </Card>
  )
}
