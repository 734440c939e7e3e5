// /admin/spaces: each space's declared 备案 (filing) and 文号, and whether a verifier has checked
// it. Verifying or rejecting takes a note (required to reject); the space's admins are told.
import { getFormProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminNav, StatusBadge } from '~/components/admin-nav.tsx'
import { Button, Card, ErrorList, FormErrors, Notice, PageTitle } from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { requireAdmin } from '~/domains/accounts/auth.server.ts'
import { checkFiling, filingQueue } from '~/domains/spaces/filing-check.server.ts'
import { filingCheckMachine, type FilingCheck } from '~/domains/spaces/filing.machine.ts'
import { clientIp, replyWithError } from '~/domains/web/request.server.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { formatDateTime } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'
import { FilingCheckSchema } from '~/domains/spaces/spaces.schema.ts'

type Reply = { spaceId: string; result: SubmissionResult<string[]> }

const isCheck = (v: string | null): v is FilingCheck =>
  (filingCheckMachine.states as readonly string[]).includes(v ?? '')

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request, 'verify:space:any')
  const raw = new URL(request.url).searchParams.get('check')
  const check = isCheck(raw) ? raw : null
  const rows = await filingQueue({ check, adminUserId: auth.user.id })
  return {
    check,
    rows: rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() })),
    adminRoles: auth.adminRoles,
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireAdmin(request, 'verify:space:any')
  const formData = await request.formData()
  const spaceId = String(formData.get('spaceId') ?? '')
  const submission = parseWithZod(formData, { schema: FilingCheckSchema })
  if (submission.status !== 'success')
    return Response.json({ spaceId, result: submission.reply() } satisfies Reply, { status: 400 })
  try {
    await checkFiling({
      spaceId: submission.value.spaceId,
      decision: submission.value.intent,
      note: submission.value.note,
      actorUserId: auth.user.id,
      ip: clientIp(context),
    })
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ spaceId, result } satisfies Reply, { status })
  }
  return redirect(`/admin/spaces?done=${submission.value.intent}`)
}

export const meta: MetaFunction = () => [{ title: '空间备案核验 · 管理后台 · 众创 Zhongchuang' }]

type Row = ReturnType<typeof useLoaderData<typeof loader>>['rows'][number]

function CheckForm({ row }: { row: Row }) {
  const { t } = useTranslation('admin')
  const reply = useActionData<typeof action>() as Reply | undefined
  const lastResult = reply?.spaceId === row.id ? reply.result : undefined
  const [form, fields] = useForm({
    id: `filing-${row.id}`,
    lastResult,
    validation: checks(() => import('~/domains/spaces/spaces.schema.ts'), 'FilingCheckSchema'),
    shouldValidate: 'onSubmit',
  })
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="mt-3 space-y-2 border-t border-slate-200 pt-3"
    >
      <input type="hidden" name="spaceId" value={row.id} />
      <FormErrors errors={form.errors} />
      <label htmlFor={fields.note.id} className="block text-sm font-medium">
        {t('spaces.note')}
      </label>
      <textarea
        {...getTextareaProps(fields.note)}
        rows={2}
        className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
      />
      <ErrorList id={fields.note.errorId} errors={fields.note.errors} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="intent" value="verify">
          {t('spaces.verify')}
        </Button>
        <Button type="submit" name="intent" value="reject" variant="danger">
          {t('spaces.reject')}
        </Button>
      </div>
    </Form>
  )
}

const checkTone: Record<FilingCheck, string> = {
  declared: 'pending',
  verified: 'verified',
  rejected: 'rejected',
}

export default function AdminSpacesPage() {
  const { t } = useTranslation('admin')
  const { t: ts } = useTranslation('spaces')
  const { check, rows, adminRoles } = useLoaderData<typeof loader>()
  const lng = useRootData()?.locale ?? fallbackLanguage
  const [params] = useSearchParams()
  const done = params.get('done')
  return (
    <div>
      <AdminNav roles={adminRoles} />
      <PageTitle sub={t('spaces.sub')}>{t('spaces.title')}</PageTitle>
      {done === 'verify' || done === 'reject' ? (
        <div className="mb-4">
          <Notice tone="success">{t(`spaces.done.${done}`)}</Notice>
        </div>
      ) : null}
      <nav aria-label={t('spaces.filter')} className="mb-4">
        <ul className="flex gap-2 overflow-x-auto pb-1 text-sm">
          {[null, ...filingCheckMachine.states].map((c) => (
            <li key={c ?? 'all'} className="shrink-0">
              <Link
                to={c ? `?check=${c}` : '?'}
                className={`inline-flex whitespace-nowrap rounded-full border px-3 py-1 hover:no-underline ${
                  c === check
                    ? 'border-brand-600 bg-brand-50 text-brand-800'
                    : 'border-slate-300 bg-white text-slate-700 hover:border-brand-600'
                }`}
              >
                {t(`spaces.check.${c ?? 'all'}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {rows.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">{t('spaces.none')}</p>
        </Card>
      ) : (
        <ul className="space-y-4">
          {rows.map((r) => (
            <li key={r.id}>
              <Card>
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div className="min-w-0">
                    <h2 className="text-base font-semibold">
                      <Link to={`/spaces/${r.slug}`}>{r.name}</Link>
                    </h2>
                    <p className="text-sm text-slate-600">
                      <Link to={`/admin/orgs/${r.operatorId}`}>{r.operatorName}</Link> ·{' '}
                      {ts(`kind.${r.kind}`)}
                    </p>
                    <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                      <dt className="text-slate-600">{t('spaces.filing')}</dt>
                      <dd>{ts(`filing.${r.filing}`)}</dd>
                      <dt className="text-slate-600">{t('spaces.reference')}</dt>
                      <dd className="break-all font-mono">{r.filingReference ?? '—'}</dd>
                      <dt className="text-slate-600">{t('spaces.updated')}</dt>
                      <dd>{formatDateTime(r.updatedAt, lng)}</dd>
                    </dl>
                    {r.filingCheckNote ? (
                      <p className="mt-2 text-sm text-slate-700">
                        {t('spaces.lastNote', { note: r.filingCheckNote })}
                      </p>
                    ) : null}
                  </div>
                  <StatusBadge
                    status={checkTone[r.filingCheck]}
                    label={t(`spaces.check.${r.filingCheck}`)}
                  />
                </div>
                {r.conflict ? (
                  <p className="mt-3 border-t border-slate-200 pt-3 text-sm text-amber-800">
                    {t('conflict.refused')}
                  </p>
                ) : r.filingCheck === 'declared' ? (
                  <CheckForm row={r} />
                ) : null}
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
