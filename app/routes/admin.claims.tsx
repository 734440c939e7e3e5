// Claim cases: someone says an organisation already registered under a 信用代码 is theirs. A
// verifier reads their documents and accepts (the claimant becomes an owner) or declines, always
// with a reason. Open cases come first, oldest first.
import { getFormProps, type SubmissionResult } from '@conform-to/react'
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
import { useTranslation } from 'react-i18next'
import { AdminNav, Pager, StatusBadge } from '~/components/admin-nav.tsx'
import {
  Button,
  Card,
  FormErrors,
  Notice,
  PageTitle,
  TextareaField,
} from '~/components/ui/form.tsx'
import { notFound, requireAdmin } from '~/domains/accounts/auth.server.ts'
import { claimList, findClaim } from '~/domains/admin/queries.server.ts'
import { availableActions, TransitionError } from '~/domains/lifecycle/machine.ts'
import { claimMachine } from '~/domains/orgs/claim.machine.ts'
import { decideClaim } from '~/domains/orgs/decide-claim.server.ts'
import { ClaimDecisionSchema } from '~/domains/orgs/orgs.schema.ts'
import {
  clientIp,
  PagedSchema,
  replyWithError,
  requestLanguage,
  searchParamsOf,
} from '~/domains/web/request.server.ts'
import { formatDateTime } from '~/i18n/format.ts'
import { adminOrgIds } from '~/domains/admin/conflict.server.ts'
import { claimDecisions, type ClaimDecision } from '~/domains/orgs/claim.machine.ts'

function isClaimDecision(value: unknown): value is ClaimDecision {
  return typeof value === 'string' && (claimDecisions as readonly string[]).includes(value)
}

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request, 'decide:claim:any')
  const { page = 1 } = searchParamsOf(request, PagedSchema)
  const [claims, lng, mine] = await Promise.all([
    claimList({ page }),
    requestLanguage(request),
    adminOrgIds(auth.user.id),
  ])
  return {
    claims: {
      ...claims,
      // Deciding claims is the verifier's; the machine says which decisions each case still allows.
      // Nobody decides their own claim.
      rows: claims.rows.map(({ claimantUserId, ...c }) => {
        const own = claimantUserId === auth.user.id
        // Nor a claim on an organisation the admin belongs to.
        const conflict = mine.has(c.orgId)
        return {
          ...c,
          own,
          conflict,
          actions:
            own || conflict
              ? []
              : availableActions(claimMachine, c.status, ['verifier']).filter(isClaimDecision),
        }
      }),
    },
    lng,
    adminRoles: auth.adminRoles,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireAdmin(request, 'decide:claim:any')
  const formData = await request.formData()
  const claimId = String(formData.get('claimId') ?? '')
  const submission = parseWithZod(formData, { schema: ClaimDecisionSchema })
  if (submission.status !== 'success') return { claimId, result: submission.reply() }
  const claim = await findClaim(submission.value.claimId)
  if (!claim) throw notFound()
  if (claim.claimantUserId === auth.user.id) {
    return Response.json(
      { claimId, result: submission.reply({ formErrors: ['admin:errors.ownClaim'] }) },
      { status: 403 },
    )
  }
  try {
    await decideClaim({
      claimId: claim.id,
      decision: submission.value.intent,
      reason: submission.value.reason,
      actorUserId: auth.user.id,
      ip: clientIp(context),
    })
  } catch (error) {
    if (error instanceof TransitionError) {
      return Response.json(
        { claimId, result: submission.reply({ formErrors: ['admin:errors.conflict'] }) },
        { status: 409 },
      )
    }
    const { status, result } = replyWithError(submission, error)
    return Response.json({ claimId, result }, { status })
  }
  return redirect(`/admin/claims?done=${submission.value.intent}`)
}

export const meta: MetaFunction = () => [{ title: '认领申请 · 管理后台 · 众创 Zhongchuang' }]

export default function AdminClaimsPage() {
  const { t } = useTranslation('admin')
  const { claims, lng, adminRoles } = useLoaderData<typeof loader>()
  // Responses with a status (Response.json) type as `any`; this is the shape every branch returns.
  const actionData = useActionData<typeof action>() as
    { claimId: string; result: SubmissionResult<string[]> } | undefined
  const [searchParams] = useSearchParams()
  const done = searchParams.get('done')
  return (
    <div>
      <AdminNav roles={adminRoles} />
      <PageTitle sub={t('claims.sub')}>{t('claims.title')}</PageTitle>
      {isClaimDecision(done) ? (
        <div className="mb-6">
          <Notice tone="success">{t(`claims.done.${done}`)}</Notice>
        </div>
      ) : null}
      {claims.rows.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">{t('claims.empty')}</p>
        </Card>
      ) : (
        <ul className="space-y-4">
          {claims.rows.map((c) => (
            <li key={c.id}>
              <Card>
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <h2 className="text-lg font-semibold text-slate-900">
                    {t('claims.heading', { claimedName: c.claimedName })}
                  </h2>
                  <StatusBadge status={c.status} label={t(`claimStatus.${c.status}`)} />
                </div>
                <dl className="mt-4 grid grid-cols-1 gap-x-4 gap-y-3 text-sm sm:grid-cols-3">
                  <dt className="font-medium text-slate-600">{t('claims.fields.claimant')}</dt>
                  <dd className="text-slate-900 sm:col-span-2">
                    {c.claimantName}
                    {c.claimantDeleted ? (
                      <span className="ml-2 text-xs text-red-700">{t('users.deleted')}</span>
                    ) : null}
                    {c.claimantEmail ? (
                      <span className="block text-xs text-slate-500 break-all">
                        {c.claimantEmail}
                      </span>
                    ) : null}
                  </dd>
                  <dt className="font-medium text-slate-600">{t('claims.fields.target')}</dt>
                  <dd className="text-slate-900 sm:col-span-2">
                    <Link to={`/admin/orgs/${c.orgId}`}>{c.orgName}</Link>{' '}
                    <StatusBadge status={c.orgStatus} label={t(`orgStatus.${c.orgStatus}`)} />
                    <span className="block font-mono text-xs text-slate-500 break-all">
                      {c.orgUscc}
                    </span>
                  </dd>
                  <dt className="font-medium text-slate-600">{t('claims.fields.submittedAt')}</dt>
                  <dd className="text-slate-900 sm:col-span-2">
                    {formatDateTime(c.createdAt, lng)}
                  </dd>
                  {c.message ? (
                    <>
                      <dt className="font-medium text-slate-600">{t('claims.fields.message')}</dt>
                      <dd className="whitespace-pre-line text-slate-900 sm:col-span-2">
                        {c.message}
                      </dd>
                    </>
                  ) : null}
                  <dt className="font-medium text-slate-600">{t('claims.fields.documents')}</dt>
                  <dd className="text-slate-900 sm:col-span-2">
                    {c.licenseUploadId || c.letterUploadId ? (
                      <ul className="space-y-1">
                        {c.licenseUploadId ? (
                          <li>
                            <a
                              href={`/uploads/${c.licenseUploadId}`}
                              target="_blank"
                              rel="noreferrer"
                            >
                              {t('documentKind.business_license')}
                            </a>
                          </li>
                        ) : null}
                        {c.letterUploadId ? (
                          <li>
                            <a
                              href={`/uploads/${c.letterUploadId}`}
                              target="_blank"
                              rel="noreferrer"
                            >
                              {t('documentKind.authorisation_letter')}
                            </a>
                          </li>
                        ) : null}
                      </ul>
                    ) : (
                      <span className="text-slate-500">{t('claims.noDocuments')}</span>
                    )}
                  </dd>
                  {c.decidedAt ? (
                    <>
                      <dt className="font-medium text-slate-600">{t('claims.fields.decision')}</dt>
                      <dd className="text-slate-900 sm:col-span-2">
                        {t('claims.decidedBy', {
                          name: c.deciderName ?? t('common.unknownUser'),
                          at: formatDateTime(c.decidedAt, lng),
                        })}
                        {c.decisionReason ? (
                          <span className="block whitespace-pre-line">{c.decisionReason}</span>
                        ) : null}
                      </dd>
                    </>
                  ) : null}
                </dl>
                {actionData?.claimId === c.id && !c.actions.length ? (
                  // Decided by someone else meanwhile: the form is gone, so the refusal shows here.
                  <div className="mt-4">
                    <FormErrors errors={actionData.result.error?.['']} />
                  </div>
                ) : null}
                {c.own && c.status === 'open' ? (
                  <div className="mt-4">
                    <Notice tone="warning">{t('claims.ownClaim')}</Notice>
                  </div>
                ) : c.conflict && c.status === 'open' ? (
                  <div className="mt-4">
                    <Notice tone="warning">{t('conflict.refused')}</Notice>
                  </div>
                ) : null}
                {c.actions.length ? (
                  <ClaimForm
                    claimId={c.id}
                    actions={c.actions}
                    lastResult={actionData?.claimId === c.id ? actionData.result : undefined}
                  />
                ) : null}
              </Card>
            </li>
          ))}
        </ul>
      )}
      <Pager page={claims.page} hasNext={claims.hasNext} />
    </div>
  )
}

function ClaimForm({
  claimId,
  actions,
  lastResult,
}: {
  claimId: string
  actions: ClaimDecision[]
  lastResult?: SubmissionResult<string[]>
}) {
  const { t } = useTranslation('admin')
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: `claim-${claimId}`,
    lastResult,
    validation: checks(() => import('~/domains/orgs/orgs.schema.ts'), 'ClaimDecisionSchema'),
  })
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="mt-4 space-y-3 border-t border-slate-200 pt-4"
    >
      <input type="hidden" name="claimId" value={claimId} />
      <FormErrors errors={form.errors} />
      <ErrorsFor errors={fields.intent.errors} />
      <TextareaField
        label={t('claims.reason')}
        field={fields.reason}
        hint={t('claims.reasonHint')}
      />
      <div className="flex flex-wrap gap-3">
        {actions.map((a) => (
          <Button
            key={a}
            type="submit"
            name="intent"
            value={a}
            variant={a === 'decline' ? 'danger' : 'primary'}
            disabled={navigation.state === 'submitting'}
          >
            {t(`claims.actions.${a}`)}
          </Button>
        ))}
      </div>
    </Form>
  )
}

/** The decision buttons carry `intent`; an error on it (none chosen) shows above the form. */
function ErrorsFor({ errors }: { errors?: string[] }) {
  const { t } = useTranslation('admin')
  if (!errors?.length) return null
  return <Notice tone="error">{t('claims.chooseDecision')}</Notice>
}
