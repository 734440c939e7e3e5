// One organisation for a verifier or moderator: what it registered beside the documents it
// uploaded, then the decisions the verification machine allows this admin (verify, reject with a
// reason the organisation sees, suspend or reinstate), its members and its status history.
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
import { AdminNav, StatusBadge, table } from '~/components/admin-nav.tsx'
import {
  Button,
  Card,
  FormErrors,
  Notice,
  PageTitle,
  TextareaField,
} from '~/components/ui/form.tsx'
import { membershipOf, notFound, requireAdmin } from '~/domains/accounts/auth.server.ts'
import { adminRolesAllow, type AdminPermission } from '~/domains/accounts/permissions.ts'
import { isUuid, orgDetail } from '~/domains/admin/queries.server.ts'
import { availableActions, TransitionError } from '~/domains/lifecycle/machine.ts'
import { transitionOrg } from '~/domains/orgs/decide-verification.server.ts'
import { orgVerificationMachine, type OrgAction } from '~/domains/orgs/org-verification.machine.ts'
import { OrgDecisionSchema } from '~/domains/orgs/orgs.schema.ts'
import { segmentName } from '~/domains/spaces/segments.ts'
import { clientIp, replyWithError, requestLanguage } from '~/domains/web/request.server.ts'
import { formatDateTime } from '~/i18n/format.ts'

type MachineActor = (typeof orgVerificationMachine.transitions)[number]['actors'][number]
const adminActions = [
  'verify',
  'reject',
  'suspend',
  'reinstate',
] as const satisfies readonly OrgAction[]
type AdminOrgAction = (typeof adminActions)[number]

const permissionFor: Record<AdminOrgAction, AdminPermission> = {
  verify: 'verify:org:any',
  reject: 'verify:org:any',
  suspend: 'moderate:org:any',
  reinstate: 'moderate:org:any',
}

function isAdminOrgAction(value: unknown): value is AdminOrgAction {
  return typeof value === 'string' && (adminActions as readonly string[]).includes(value)
}

/** Platform admin roles as actors of the verification machine. */
function machineActors(roles: readonly string[]): MachineActor[] {
  return roles.flatMap((r): MachineActor[] =>
    r === 'verifier' ? ['verifier'] : r === 'moderator' ? ['moderator'] : [],
  )
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request, 'view:document:any')
  if (!isUuid(params.id)) throw notFound()
  const [detail, lng] = await Promise.all([orgDetail(params.id), requestLanguage(request)])
  if (!detail) throw notFound()
  // Nobody decides on an organisation they belong to.
  const ownOrg = Boolean(membershipOf(auth, detail.org.id))
  const actions = ownOrg
    ? []
    : availableActions(orgVerificationMachine, detail.org.status, machineActors(auth.adminRoles))
        .filter(isAdminOrgAction)
        .filter((a) => adminRolesAllow(auth.adminRoles, permissionFor[a]))
  return {
    ...detail,
    org: {
      ...detail.org,
      segments: detail.org.segments.map((code) => ({ code, name: segmentName(code, lng) })),
    },
    actions,
    ownOrg,
    lng,
    adminRoles: auth.adminRoles,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requireAdmin(request, 'view:document:any')
  const orgId = params.id
  if (!isUuid(orgId)) throw notFound()
  const formData = await request.formData()
  const intent = String(formData.get('intent') ?? '')
  const submission = parseWithZod(formData, { schema: OrgDecisionSchema })
  if (submission.status !== 'success') return { intent, result: submission.reply() }
  const decision = submission.value
  await requireAdmin(request, permissionFor[decision.intent])
  if (membershipOf(auth, orgId)) {
    return Response.json(
      { intent, result: submission.reply({ formErrors: ['admin:errors.ownOrg'] }) },
      { status: 403 },
    )
  }
  try {
    await transitionOrg({
      orgId,
      action: decision.intent,
      actorUserId: auth.user.id,
      actorRoles: machineActors(auth.adminRoles),
      reason: decision.intent === 'verify' ? undefined : decision.reason,
      ip: clientIp(context),
    })
  } catch (error) {
    if (error instanceof TransitionError) {
      return Response.json(
        { intent, result: submission.reply({ formErrors: ['admin:errors.conflict'] }) },
        { status: 409 },
      )
    }
    const { status, result } = replyWithError(submission, error)
    return Response.json({ intent, result }, { status })
  }
  return redirect(`/admin/orgs/${orgId}?done=${decision.intent}`)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data ? `${data.org.name} · 认证审核 · 众创 Zhongchuang` : '认证审核 · 众创 Zhongchuang',
  },
]

export default function AdminOrgPage() {
  const { t } = useTranslation('admin')
  const { org, documents, members, history, actions, ownOrg, lng, adminRoles } =
    useLoaderData<typeof loader>()
  // Responses with a status (Response.json) type as `any`; this is the shape every branch returns.
  const actionData = useActionData<typeof action>() as
    { intent: string; result: SubmissionResult<string[]> } | undefined
  const [searchParams] = useSearchParams()
  const done = searchParams.get('done')
  return (
    <div>
      <AdminNav roles={adminRoles} />
      <p className="mb-2 text-sm">
        <Link to={`/admin/orgs?status=${org.status}`}>{t('org.back')}</Link>
      </p>
      <PageTitle
        sub={
          <span className="inline-flex flex-wrap items-center gap-2">
            <StatusBadge status={org.status} label={t(`orgStatus.${org.status}`)} />
            <span>{t(`orgType.${org.type}`)}</span>
          </span>
        }
      >
        {org.name}
      </PageTitle>
      {isAdminOrgAction(done) ? (
        <div className="mb-6">
          <Notice tone="success">{t(`org.done.${done}`)}</Notice>
        </div>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <h2 className="text-lg font-semibold text-slate-900">{t('org.details')}</h2>
          <dl className="mt-4 grid grid-cols-1 gap-x-4 gap-y-3 text-sm sm:grid-cols-3">
            <Row label={t('org.fields.type')}>{t(`orgType.${org.type}`)}</Row>
            <Row label={t('org.fields.name')}>{org.name}</Row>
            {org.nameEn ? <Row label={t('org.fields.nameEn')}>{org.nameEn}</Row> : null}
            <Row label={t('org.fields.uscc')}>
              <span className="font-mono break-all">{org.uscc}</span>
            </Row>
            <Row label={t('org.fields.city')}>{org.city}</Row>
            <Row label={t('org.fields.segments')}>
              {org.segments.length ? (
                <ul className="flex flex-wrap gap-1">
                  {org.segments.map((s) => (
                    <li
                      key={s.code}
                      className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-800"
                    >
                      {s.name}
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="text-slate-500">{t('common.none')}</span>
              )}
            </Row>
            <Row label={t('org.fields.createdBy')}>
              {org.creatorName ?? <span className="text-slate-500">{t('common.unknownUser')}</span>}
              {org.creatorEmail ? (
                <span className="block text-xs text-slate-500 break-all">{org.creatorEmail}</span>
              ) : null}
            </Row>
            <Row label={t('org.fields.createdAt')}>{formatDateTime(org.createdAt, lng)}</Row>
            {org.verifiedAt ? (
              <Row label={t('org.fields.verifiedAt')}>{formatDateTime(org.verifiedAt, lng)}</Row>
            ) : null}
            {org.rejectionReason ? (
              <Row label={t('org.fields.rejectionReason')}>{org.rejectionReason}</Row>
            ) : null}
            {org.description ? (
              <Row label={t('org.fields.description')}>
                <span className="whitespace-pre-line">{org.description}</span>
              </Row>
            ) : null}
          </dl>
        </Card>

        <Card>
          <h2 className="text-lg font-semibold text-slate-900">{t('org.documents')}</h2>
          {documents.length === 0 ? (
            <p className="mt-4 text-sm text-slate-600">{t('org.noDocuments')}</p>
          ) : (
            <ul className="mt-4 space-y-6">
              {documents.map((d) => {
                const src = `/uploads/${d.uploadId}`
                const label = t(`documentKind.${d.kind}`)
                return (
                  <li key={d.id}>
                    <h3 className="text-sm font-medium text-slate-800">{label}</h3>
                    <p className="text-xs text-slate-500 break-all">
                      {d.originalName} · {d.mime} · {formatDateTime(d.createdAt, lng)}
                    </p>
                    {d.mime.startsWith('image/') ? (
                      <a href={src} target="_blank" rel="noreferrer" className="mt-2 block">
                        <img
                          src={src}
                          alt={t('org.documentAlt', { kind: label, name: d.originalName })}
                          loading="lazy"
                          className="max-h-[32rem] w-full rounded border border-slate-200 bg-slate-50 object-contain"
                        />
                      </a>
                    ) : (
                      <a
                        href={src}
                        target="_blank"
                        rel="noreferrer"
                        className="mt-2 inline-block text-sm"
                      >
                        {d.mime === 'application/pdf' ? t('org.openPdf') : t('org.openFile')}
                      </a>
                    )}
                  </li>
                )
              })}
            </ul>
          )}
        </Card>
      </div>

      <Card className="mt-6">
        <h2 className="text-lg font-semibold text-slate-900">{t('org.decision')}</h2>
        {/* A decision refused because the status moved on: its form is gone, so say why here. */}
        {actionData && !(actions as string[]).includes(actionData.intent) ? (
          <div className="mt-4">
            <FormErrors errors={actionData.result.error?.['']} />
          </div>
        ) : null}
        {ownOrg ? (
          <div className="mt-4">
            <Notice tone="warning">{t('org.ownOrg')}</Notice>
          </div>
        ) : actions.length === 0 ? (
          <p className="mt-4 text-sm text-slate-600">{t('org.noActions')}</p>
        ) : (
          <div className="mt-4 grid gap-4 md:grid-cols-2">
            {actions.map((a) => (
              <DecisionForm
                key={a}
                action={a}
                lastResult={actionData?.intent === a ? actionData.result : undefined}
              />
            ))}
          </div>
        )}
      </Card>

      <Card className="mt-6">
        <h2 className="text-lg font-semibold text-slate-900">{t('org.members')}</h2>
        {members.length === 0 ? (
          <p className="mt-4 text-sm text-slate-600">{t('org.noMembers')}</p>
        ) : (
          <div className={`mt-4 ${table.wrap}`}>
            <table className={table.table}>
              <thead>
                <tr>
                  <th scope="col" className={table.th}>
                    {t('org.memberColumns.name')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('org.memberColumns.email')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('org.memberColumns.role')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('org.memberColumns.joinedAt')}
                  </th>
                </tr>
              </thead>
              <tbody className={table.body}>
                {members.map((m) => (
                  <tr key={m.id}>
                    <td className={`${table.td} whitespace-nowrap`}>{m.name}</td>
                    <td className={`${table.td} whitespace-nowrap`}>{m.email ?? '—'}</td>
                    <td className={`${table.td} whitespace-nowrap`}>{t(`memberRole.${m.role}`)}</td>
                    <td className={`${table.td} whitespace-nowrap`}>
                      {formatDateTime(m.joinedAt, lng)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      <Card className="mt-6">
        <h2 className="text-lg font-semibold text-slate-900">{t('org.history')}</h2>
        {history.length === 0 ? (
          <p className="mt-4 text-sm text-slate-600">{t('org.noHistory')}</p>
        ) : (
          <div className={`mt-4 ${table.wrap}`}>
            <table className={table.table}>
              <thead>
                <tr>
                  <th scope="col" className={table.th}>
                    {t('org.historyColumns.at')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('org.historyColumns.action')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('org.historyColumns.change')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('org.historyColumns.actor')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('org.historyColumns.reason')}
                  </th>
                </tr>
              </thead>
              <tbody className={table.body}>
                {history.map((h) => (
                  <tr key={h.id}>
                    <td className={`${table.td} whitespace-nowrap`}>{formatDateTime(h.at, lng)}</td>
                    <td className={`${table.td} whitespace-nowrap`}>
                      {t(`orgAction.${h.action}`, { defaultValue: h.action })}
                    </td>
                    <td className={`${table.td} whitespace-nowrap`}>
                      {t(`orgStatus.${h.fromStatus}`, { defaultValue: h.fromStatus })} →{' '}
                      {t(`orgStatus.${h.toStatus}`, { defaultValue: h.toStatus })}
                    </td>
                    <td className={table.td}>
                      {h.actorName ?? (
                        <span className="text-slate-500">{t('common.unknownUser')}</span>
                      )}
                    </td>
                    <td className={`${table.td} min-w-48 whitespace-pre-line`}>
                      {h.reason ?? '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
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
  action,
  lastResult,
}: {
  action: AdminOrgAction
  lastResult?: SubmissionResult<string[]>
}) {
  const { t } = useTranslation('admin')
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: `decision-${action}`,
    lastResult,
    validation: checks(() => import('~/domains/orgs/orgs.schema.ts'), 'OrgDecisionSchema'),
  })
  const destructive = action === 'reject' || action === 'suspend'
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="space-y-3 rounded-md border border-slate-200 p-4"
    >
      <input type="hidden" name="intent" value={action} />
      <h3 className="font-medium text-slate-900">{t(`org.decide.${action}.title`)}</h3>
      <p className="text-sm text-slate-600">{t(`org.decide.${action}.help`)}</p>
      <FormErrors errors={form.errors} />
      {action === 'verify' ? null : (
        <TextareaField
          label={t(`org.decide.${action}.reason`)}
          field={fields.reason}
          hint={t('org.reasonHint')}
        />
      )}
      <Button
        type="submit"
        variant={destructive ? 'danger' : 'primary'}
        disabled={navigation.state === 'submitting'}
      >
        {t(`org.decide.${action}.submit`)}
      </Button>
    </Form>
  )
}
