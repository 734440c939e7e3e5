// One 合格投资者 application for a verifier: the declaration, the evidence files (listing them is
// logged; each download decrypts the file and is logged), the decision (approve for a year, or
// reject with a reason the investor sees), the history and the evidence access log. Nobody
// decides an application of their own or of a firm they act for.
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
import { AdminNav, StatusBadge, table } from '~/components/admin-nav.tsx'
import {
  Button,
  Card,
  FormErrors,
  Notice,
  PageTitle,
  TextareaField,
} from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { notFound, requireAdmin } from '~/domains/accounts/auth.server.ts'
import {
  decideVerification,
  isOwnApplication,
  verificationDetail,
} from '~/domains/deals/decide-investor-verification.server.ts'
import { listEvidence } from '~/domains/deals/evidence-access.server.ts'
import { DecisionSchema } from '~/domains/deals/investor-verification.schema.ts'
import { DECLARATION } from '~/domains/deals/deals.schema.ts'
import { TransitionError } from '~/domains/lifecycle/machine.ts'
import { clientIp, replyWithError, requestLanguage } from '~/domains/web/request.server.ts'
import { formatDate, formatDateTime, formatMoney } from '~/i18n/format.ts'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request, 'verify:investor:any')
  const id = params.id ?? ''
  const exists = await verificationDetail(id)
  if (!exists) throw notFound()
  // Listing the files is an access to them: logged before the log below is read.
  const files = await listEvidence({
    verificationId: id,
    actorUserId: auth.user.id,
    ip: clientIp(context),
  })
  const [detail, lng, own] = await Promise.all([
    verificationDetail(id),
    requestLanguage(request),
    isOwnApplication(auth.user.id, exists.verification),
  ])
  if (!detail) throw notFound()
  return {
    ...detail,
    files,
    own,
    canDecide: !own && detail.verification.status === 'submitted',
    lng,
    adminRoles: auth.adminRoles,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireAdmin(request, 'verify:investor:any')
  const id = params.id ?? ''
  const formData = await request.formData()
  const intent = String(formData.get('intent') ?? '')
  const submission = parseWithZod(formData, { schema: DecisionSchema })
  if (submission.status !== 'success') return { intent, result: submission.reply() }
  try {
    await decideVerification({
      verificationId: id,
      decision: submission.value,
      actorUserId: auth.user.id,
      ip: clientIp(context),
    })
  } catch (error) {
    if (error instanceof TransitionError) {
      return Response.json(
        { intent, result: submission.reply({ formErrors: ['investors:errors.decided'] }) },
        { status: 409 },
      )
    }
    const { status, result } = replyWithError(submission, error)
    return Response.json({ intent, result }, { status: status === 400 ? 403 : status })
  }
  return redirect(`/admin/investors/${id}?done=${submission.value.intent}`)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${data.profile.displayName} · 合格投资者审核 · 众创 Zhongchuang`
      : '合格投资者审核 · 众创 Zhongchuang',
  },
]

export default function AdminInvestorPage() {
  const { t } = useTranslation('investors')
  const data = useLoaderData<typeof loader>()
  const { verification: v, profile, applicant, files, history, access, lng } = data
  // Responses with a status (Response.json) type as `any`; this is the shape every branch returns.
  const actionData = useActionData<typeof action>() as
    { intent: string; result: SubmissionResult<string[]> } | undefined
  const [searchParams] = useSearchParams()
  const done = searchParams.get('done')
  return (
    <div>
      <AdminNav roles={data.adminRoles} />
      <p className="mb-2 text-sm">
        <Link to="/admin/investors">← {t('admin.back')}</Link>
      </p>
      <PageTitle
        sub={
          <span className="inline-flex flex-wrap items-center gap-2">
            <StatusBadge status={v.status} label={t(`verificationStatus.${v.status}`)} />
            <span>{t(`kind.${profile.kind}`)}</span>
          </span>
        }
      >
        {profile.displayName}
      </PageTitle>
      {done === 'approve' || done === 'reject' ? (
        <div className="mb-6">
          <Notice tone="success">{t(`admin.done.${done}`)}</Notice>
        </div>
      ) : null}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card>
          <h2 className="text-lg font-semibold text-slate-900">{t('admin.application')}</h2>
          <dl className="mt-4 grid grid-cols-1 gap-x-4 gap-y-3 text-sm sm:grid-cols-3">
            <Row label={t('admin.fields.applicant')}>
              {applicant.name}
              {applicant.email ? (
                <span className="block text-xs break-all text-slate-500">{applicant.email}</span>
              ) : null}
            </Row>
            {profile.firm ? (
              <Row label={t('admin.fields.firm')}>
                <Link to={`/orgs/${profile.firm.slug}`}>{profile.firm.name}</Link>
              </Row>
            ) : null}
            <Row label={t('admin.fields.basis')}>{t(`basis.${v.basis}`)}</Row>
            <Row label={t('admin.fields.declared')}>{formatMoney(v.declaredFen, lng)}</Row>
            <Row label={t('admin.fields.declaration')}>
              {t('admin.declarationVersion', { version: v.declarationVersion })}
              {v.declarationVersion === DECLARATION.version ? null : (
                <span className="block text-xs text-amber-700">{t('admin.olderDeclaration')}</span>
              )}
            </Row>
            <Row label={t('admin.fields.consent')}>{formatDateTime(v.sensitiveConsentAt, lng)}</Row>
            <Row label={t('admin.fields.submitted')}>{formatDateTime(v.createdAt, lng)}</Row>
            {v.decidedAt ? (
              <Row label={t('admin.fields.decided')}>{formatDateTime(v.decidedAt, lng)}</Row>
            ) : null}
            {v.expiresAt ? (
              <Row label={t('admin.fields.expires')}>{formatDate(v.expiresAt, lng)}</Row>
            ) : null}
            {v.reason ? <Row label={t('admin.fields.reason')}>{v.reason}</Row> : null}
          </dl>
        </Card>
        <Card>
          <h2 className="text-lg font-semibold text-slate-900">{t('admin.evidence')}</h2>
          <p className="mt-1 text-xs text-slate-500">{t('admin.evidenceHint')}</p>
          {v.evidencePurgedAt ? (
            <p className="mt-3 text-sm text-slate-600">
              {t('admin.purged', { date: formatDate(v.evidencePurgedAt, lng) })}
            </p>
          ) : files.length === 0 ? (
            <p className="mt-3 text-sm text-slate-600">{t('admin.noFiles')}</p>
          ) : (
            <ul className="mt-3 space-y-2 text-sm">
              {files.map((f) => (
                <li key={f.id} className="flex flex-wrap items-baseline gap-2">
                  <a
                    href={`/admin/investors/${v.id}/evidence/${f.id}`}
                    target="_blank"
                    rel="noreferrer"
                    className="break-all"
                  >
                    {f.originalName}
                  </a>
                  <span className="text-xs text-slate-500">
                    {f.mime} · {Math.max(1, Math.round(f.sizeBytes / 1024))} KB
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>

      <Card className="mt-6">
        <h2 className="text-lg font-semibold text-slate-900">{t('admin.decision')}</h2>
        {actionData && !data.canDecide ? (
          <div className="mt-4">
            <FormErrors errors={actionData.result.error?.['']} />
          </div>
        ) : null}
        {data.own ? (
          <div className="mt-4">
            <Notice tone="warning">{t('admin.own')}</Notice>
          </div>
        ) : !data.canDecide ? (
          <p className="mt-4 text-sm text-slate-600">{t('admin.noActions')}</p>
        ) : (
          <div className="mt-4 grid gap-4 md:grid-cols-2">
            {(['approve', 'reject'] as const).map((a) => (
              <DecisionForm
                key={a}
                intent={a}
                lastResult={actionData?.intent === a ? actionData.result : undefined}
              />
            ))}
          </div>
        )}
      </Card>

      <div className="mt-6 grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card>
          <h2 className="text-lg font-semibold text-slate-900">{t('admin.history')}</h2>
          <ul className="mt-3 space-y-2 text-sm">
            {history.map((h) => (
              <li key={h.id}>
                <span className="text-slate-500">{formatDateTime(h.at, lng)}</span>{' '}
                {t(`verificationAction.${h.action}`, { defaultValue: h.action })}
                {h.actorName ? ` · ${h.actorName}` : ''}
                {h.note ? <span className="block text-xs text-slate-600">{h.note}</span> : null}
              </li>
            ))}
          </ul>
        </Card>
        <Card>
          <h2 className="text-lg font-semibold text-slate-900">{t('admin.access')}</h2>
          {access.length === 0 ? (
            <p className="mt-3 text-sm text-slate-600">{t('verification.noAccess')}</p>
          ) : (
            <div className={`mt-3 ${table.wrap}`}>
              <table className={table.table}>
                <thead>
                  <tr>
                    <th scope="col" className={table.th}>
                      {t('admin.columns.at')}
                    </th>
                    <th scope="col" className={table.th}>
                      {t('admin.columns.access')}
                    </th>
                    <th scope="col" className={table.th}>
                      IP
                    </th>
                  </tr>
                </thead>
                <tbody className={table.body}>
                  {access.map((a) => (
                    <tr key={a.id}>
                      <td className={`${table.td} whitespace-nowrap`}>
                        {formatDateTime(a.at, lng)}
                      </td>
                      <td className={table.td}>
                        {t(`accessAction.${a.action}`, {
                          who: a.actorName ?? t('verification.system'),
                          file: a.fileName ?? '',
                        })}
                      </td>
                      <td className={`${table.td} whitespace-nowrap`}>{a.ip ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </div>
  )
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="font-medium text-slate-600">{label}</dt>
      <dd className="text-slate-900 sm:col-span-2">{children}</dd>
    </>
  )
}

function DecisionForm({
  intent,
  lastResult,
}: {
  intent: 'approve' | 'reject'
  lastResult?: SubmissionResult<string[]>
}) {
  const { t } = useTranslation('investors')
  const navigation = useNavigation()
  const [form, fields] = useForm<{ intent: string; reason: string }>({
    id: `decision-${intent}`,
    lastResult,
    validation: checks(
      () => import('~/domains/deals/investor-verification.schema.ts'),
      'DecisionSchema',
    ),
  })
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="space-y-3 rounded-md border border-slate-200 p-4"
    >
      <input type="hidden" name="intent" value={intent} />
      <h3 className="font-medium text-slate-900">{t(`admin.decide.${intent}.title`)}</h3>
      <p className="text-sm text-slate-600">{t(`admin.decide.${intent}.help`)}</p>
      <FormErrors errors={form.errors} />
      {intent === 'reject' ? (
        <TextareaField label={t('admin.decide.reject.reason')} field={fields.reason} />
      ) : null}
      <Button
        type="submit"
        variant={intent === 'reject' ? 'danger' : 'primary'}
        disabled={navigation.state === 'submitting'}
      >
        {t(`admin.decide.${intent}.submit`)}
      </Button>
    </Form>
  )
}
