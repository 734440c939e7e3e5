// Custody-account statements: a finance admin uploads the bank's CSV export; lines whose memo
// carries a payment's reference and whose amount is what it owes become its transfers. The page
// then shows what the import found and why each other line was not matched, the past imports,
// and every statement line still without a transfer.
import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { parseMultipart, tooLargeReply } from '~/domains/uploads/multipart.server.ts'
import { Form, useActionData, useLoaderData, useLocation, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { db } from '../../db/client.server.ts'
import { AdminNav, PaymentsNav, table } from '~/components/admin-nav.tsx'
import {
  Button,
  Card,
  ErrorList,
  FormErrors,
  Notice,
  PageTitle,
  translateError,
} from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { requireAdmin } from '~/domains/accounts/auth.server.ts'
import { adminRolesAllow } from '~/domains/accounts/permissions.ts'
import { ImportSchema } from '~/domains/payments/admin-forms.schema.ts'
import { statementLists } from '~/domains/payments/admin-queries.server.ts'
import { importStatement } from '~/domains/payments/import-statement.server.ts'
// Money reads ¥1,234.50 in either language (formatMoney's default format), never CN¥ or 万.
import { formatMoney } from '~/domains/payments/money.ts'
import { clientIp, replyWithError, requestLanguage } from '~/domains/web/request.server.ts'
import { formatDate, formatDateTime, formatNumber } from '~/i18n/format.ts'

/** Bank statements are a few hundred lines; anything this large is the wrong file. */
const MAX_BYTES = 5 * 1024 * 1024

type Outcome = {
  filename: string
  lines: number
  matched: number
  duplicates: number
  unmatched: { lineNo: number; reason: string; values?: Record<string, string | number> }[]
}
type ActionReply = { result: SubmissionResult<string[]>; outcome: Outcome | null }

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requireAdmin(request, 'view:payment:any')
  const [lists, lng] = await Promise.all([statementLists(), requestLanguage(request)])
  return {
    ...lists,
    canManage: adminRolesAllow(auth.adminRoles, 'manage:payment:any'),
    lng,
    adminRoles: auth.adminRoles,
  }
}

/**
 * The file as text. Banks in China often export GBK: bytes that are not valid UTF-8 are read as
 * GB 18030, which contains GBK and GB 2312.
 */
async function readText(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('gb18030').decode(bytes)
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireAdmin(request, 'manage:payment:any')
  let formData: FormData
  try {
    formData = await parseMultipart(request, MAX_BYTES, { files: 1 })
  } catch (error) {
    const result = tooLargeReply(error, 'file', MAX_BYTES)
    if (!result) throw error
    const reply: ActionReply = { result, outcome: null }
    return Response.json(reply, { status: 413 })
  }
  const submission = parseWithZod(formData, { schema: ImportSchema })
  if (submission.status !== 'success')
    return { result: submission.reply(), outcome: null } satisfies ActionReply
  const { file } = submission.value
  try {
    const text = await readText(file)
    const imported = await db().transaction((tx) =>
      importStatement(tx, {
        filename: file.name || 'statement.csv',
        text,
        actorUserId: auth.user.id,
        ip: clientIp(context),
      }),
    )
    // What the import found is shown once, here: the unmatched reasons are not stored, and a
    // second submit of the same file only finds duplicates.
    const outcome: Outcome = {
      filename: file.name,
      lines: imported.lines,
      matched: imported.matched,
      duplicates: imported.duplicates,
      unmatched: imported.unmatched,
    }
    return { result: submission.reply({ resetForm: true }), outcome } satisfies ActionReply
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ result, outcome: null } satisfies ActionReply, { status })
  }
}

export const meta: MetaFunction = () => [{ title: '对账单 · 资金管理 · 众创 Zhongchuang' }]

export default function AdminStatementsPage() {
  const { t } = useTranslation('admin')
  const { imports, unmatched, canManage, lng, adminRoles } = useLoaderData<typeof loader>()
  // Replies with a status (Response.json) type as `any`; this is the shape every branch returns.
  const actionData = useActionData<typeof action>() as ActionReply | undefined
  const outcome = actionData?.outcome ?? null
  return (
    <div>
      <AdminNav roles={adminRoles} />
      <PageTitle sub={t('payments.statements.sub')}>{t('payments.statements.title')}</PageTitle>
      <PaymentsNav />
      {canManage ? <ImportForm lastResult={actionData?.result} /> : null}
      {outcome ? <ImportOutcome outcome={outcome} /> : null}

      <Card className="mb-6">
        <h2 className="text-lg font-semibold text-slate-900">
          {t('payments.statements.unmatched.title')}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t('payments.statements.unmatched.sub')}</p>
        {unmatched.length === 0 ? (
          <p className="mt-4 text-sm text-slate-600">{t('payments.statements.unmatched.empty')}</p>
        ) : (
          <div className={`mt-4 ${table.wrap}`}>
            <table className={table.table}>
              <thead className="bg-slate-50">
                <tr>
                  <th scope="col" className={table.th}>
                    {t('payments.columns.bookedOn')}
                  </th>
                  <th scope="col" className={`${table.th} text-right`}>
                    {t('payments.columns.amount')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('payments.columns.payerName')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('payments.columns.memo')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('payments.columns.bankRef')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('payments.columns.file')}
                  </th>
                </tr>
              </thead>
              <tbody className={table.body}>
                {unmatched.map((l) => (
                  <tr key={l.id}>
                    <td className={`${table.td} whitespace-nowrap`}>
                      {formatDate(l.bookedOn, lng)}
                    </td>
                    <td className={`${table.td} whitespace-nowrap text-right tabular-nums`}>
                      {formatMoney(l.amountFen, l.currency)}
                    </td>
                    <td className={`${table.td} min-w-32`}>
                      {l.payerName}
                      {l.payerAccount ? (
                        <span className="block font-mono text-xs text-slate-500">
                          {l.payerAccount}
                        </span>
                      ) : null}
                    </td>
                    <td className={`${table.td} min-w-48 break-all`}>{l.memo || '—'}</td>
                    <td className={`${table.td} whitespace-nowrap font-mono text-xs`}>
                      {l.bankRef}
                    </td>
                    <td className={`${table.td} whitespace-nowrap text-xs text-slate-600`}>
                      {t('payments.statements.lineOf', { file: l.filename, line: l.lineNo })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      <Card>
        <h2 className="text-lg font-semibold text-slate-900">
          {t('payments.statements.imports.title')}
        </h2>
        {imports.length === 0 ? (
          <p className="mt-4 text-sm text-slate-600">{t('payments.statements.imports.empty')}</p>
        ) : (
          <div className={`mt-4 ${table.wrap}`}>
            <table className={table.table}>
              <thead className="bg-slate-50">
                <tr>
                  <th scope="col" className={table.th}>
                    {t('payments.columns.importedAt')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('payments.columns.file')}
                  </th>
                  <th scope="col" className={`${table.th} text-right`}>
                    {t('payments.columns.lines')}
                  </th>
                  <th scope="col" className={`${table.th} text-right`}>
                    {t('payments.columns.matched')}
                  </th>
                  <th scope="col" className={table.th}>
                    {t('payments.columns.importedBy')}
                  </th>
                </tr>
              </thead>
              <tbody className={table.body}>
                {imports.map((i) => (
                  <tr key={i.id}>
                    <td className={`${table.td} whitespace-nowrap`}>
                      {formatDateTime(i.createdAt, lng)}
                    </td>
                    <td className={`${table.td} min-w-40 break-all`}>{i.filename}</td>
                    <td className={`${table.td} text-right tabular-nums`}>
                      {formatNumber(i.lines, lng)}
                    </td>
                    <td className={`${table.td} text-right tabular-nums`}>
                      {formatNumber(i.matched, lng)}
                    </td>
                    <td className={`${table.td} whitespace-nowrap`}>{i.importedBy}</td>
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

function ImportForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation('admin')
  const navigation = useNavigation()
  const location = useLocation()
  const [form, fields] = useForm({
    id: 'import-statement',
    lastResult,
    validation: checks(() => import('~/domains/payments/admin-forms.schema.ts'), 'ImportSchema'),
  })
  return (
    <Card className="mb-6">
      <h2 className="text-lg font-semibold text-slate-900">
        {t('payments.statements.import.title')}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t('payments.statements.import.help')}</p>
      <Form
        key={location.key}
        method="post"
        encType="multipart/form-data"
        {...getFormProps(form)}
        className="mt-4 space-y-4"
      >
        <FormErrors errors={form.errors} />
        <div>
          <label htmlFor={fields.file.id} className="block text-sm font-medium text-slate-800">
            {t('payments.statements.import.file')}
          </label>
          <input
            id={fields.file.id}
            name={fields.file.name}
            type="file"
            accept=".csv,text/csv"
            aria-invalid={fields.file.errors ? true : undefined}
            aria-describedby={`${fields.file.id}-hint ${fields.file.errorId}`}
            className="mt-1 block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-50"
          />
          <p id={`${fields.file.id}-hint`} className="mt-1 text-xs text-slate-500">
            {t('payments.statements.import.fileHint')}
          </p>
          <ErrorList id={fields.file.errorId} errors={fields.file.errors} />
        </div>
        <Button type="submit" disabled={navigation.state === 'submitting'}>
          {t('payments.statements.import.submit')}
        </Button>
      </Form>
    </Card>
  )
}

function ImportOutcome({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation('admin')
  const { lng } = useLoaderData<typeof loader>()
  return (
    <Card className="mb-6">
      <h2 className="text-lg font-semibold text-slate-900">
        {t('payments.statements.outcome.title', { file: outcome.filename })}
      </h2>
      <div className="mt-3">
        <Notice tone={outcome.unmatched.length ? 'warning' : 'success'}>
          {t('payments.statements.outcome.summary', {
            lines: formatNumber(outcome.lines, lng),
            matched: formatNumber(outcome.matched, lng),
            duplicates: formatNumber(outcome.duplicates, lng),
            unmatched: formatNumber(outcome.unmatched.length, lng),
          })}
        </Notice>
      </div>
      {outcome.unmatched.length ? (
        <div className={`mt-4 ${table.wrap}`}>
          <table className={table.table}>
            <thead>
              <tr>
                <th scope="col" className={`${table.th} text-right`}>
                  {t('payments.columns.lineNo')}
                </th>
                <th scope="col" className={table.th}>
                  {t('payments.columns.reason')}
                </th>
              </tr>
            </thead>
            <tbody className={table.body}>
              {outcome.unmatched.map((u) => (
                <tr key={u.lineNo}>
                  <td className={`${table.td} text-right tabular-nums`}>{u.lineNo}</td>
                  <td className={`${table.td} min-w-48`}>
                    <UnmatchedReason reason={u.reason} values={u.values} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Card>
  )
}

function UnmatchedReason({
  reason,
  values,
}: {
  reason: string
  values?: Record<string, string | number>
}) {
  // Reasons are catalogue keys of any namespace (payments:…), translated like form errors.
  const { t } = useTranslation()
  return <>{translateError(t, values ? `${reason}|${JSON.stringify(values)}` : reason)}</>
}
