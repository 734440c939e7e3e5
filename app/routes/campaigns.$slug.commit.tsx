// /campaigns/:slug/commit: a qualified investor commits, for themselves or for a firm they run:
// the amount, how it is paid (a card saved now and charged only if the campaign succeeds, or
// paid now into escrow), the risk disclosure and the terms version acknowledged. Refusals stand
// beside the amount with what was typed kept and the room left.
import { getFormProps, getInputProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
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
import { notFound, requireMember } from '~/domains/accounts/auth.server.ts'
import { commitPageData } from '~/domains/deals/commitment-queries.server.ts'
import { CommitSchema } from '~/domains/deals/commitments.schema.ts'
import { cardSetupUrl, commit, readableError } from '~/domains/deals/commitments.server.ts'
import { parseYuan } from '~/domains/payments/money.ts'
import { replyWithError, requestLanguage } from '~/domains/web/request.server.ts'
import { formatDateTime, formatMoney } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'
import { db } from '../../db/client.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const data = await commitPageData(params.slug ?? '', auth)
  if (!data) throw notFound()
  return data
}

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireMember(request)
  const data = await commitPageData(params.slug ?? '', auth)
  if (!data) throw notFound()
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: CommitSchema })
  if (submission.status !== 'success') return submission.reply()
  const v = submission.value
  let made
  try {
    made = await db().transaction((tx) =>
      commit(tx, {
        campaignId: data.campaign.id,
        userId: auth.user.id,
        profileId: v.profileId,
        amountFen: parseYuan(v.amount) ?? 0,
        method: v.method,
        termsVersion: v.termsVersion,
      }),
    )
  } catch (error) {
    const { status, result } = replyWithError(
      submission,
      readableError(error, await requestLanguage(request)),
    )
    return Response.json(result, { status })
  }
  if (v.method === 'card')
    return redirect(await cardSetupUrl(made.id, auth.user.id, new URL(request.url).origin))
  return redirect(`/payments/${made.paymentId ?? ''}`)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `认投 · ${data.campaign.title} · 众创 Zhongchuang` : '众创 Zhongchuang' },
]

export default function CommitPage() {
  const data = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useTranslation('commitments')
  const lng = useRootData()?.locale ?? 'zh-CN'
  const busy = useNavigation().state !== 'idle'
  const c = data.campaign
  const eligible = data.profiles.filter((p) => p.qualified && !p.commitmentId)
  const [form, fields] = useForm({
    id: 'commit',
    lastResult,
    defaultValue: {
      profileId: eligible[0]?.id ?? '',
      method: data.cards ? 'card' : 'pay_now',
      termsVersion: String(c.version),
    },
    validation: checks(() => import('~/domains/deals/commitments.schema.ts'), 'CommitSchema'),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  const money = (fen: number) => formatMoney(fen, lng)
  const existing = data.profiles.find((p) => p.commitmentId)
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageTitle
        sub={
          <Link to={`/campaigns/${c.slug}`} className="text-brand-700 underline">
            {t('commit.back')}
          </Link>
        }
      >
        {t('commit.title', { title: c.title })}
      </PageTitle>
      <Card>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="text-slate-600">{t('commit.target')}</dt>
          <dd className="tabular-nums">{money(c.targetFen)}</dd>
          <dt className="text-slate-600">{t('commit.committed')}</dt>
          <dd className="tabular-nums">
            {money(c.committedFen)} / {money(c.maxFen)}
          </dd>
          <dt className="text-slate-600">{t('commit.room')}</dt>
          <dd className="tabular-nums">{money(c.roomFen)}</dd>
          <dt className="text-slate-600">{t('commit.minTicket')}</dt>
          <dd className="tabular-nums">{money(c.minTicketFen)}</dd>
          <dt className="text-slate-600">{t('commit.deadline')}</dt>
          <dd>{formatDateTime(c.deadline, lng)}</dd>
          <dt className="text-slate-600">{t('commit.coolingOff')}</dt>
          <dd>{t('commit.coolingOffUntil', { at: formatDateTime(c.coolingOffEndsAt, lng) })}</dd>
        </dl>
      </Card>

      {data.manages ? <Notice tone="info">{t('commit.ownCampaign')}</Notice> : null}
      {!data.open ? <Notice tone="warning">{t('commit.closed')}</Notice> : null}
      {existing ? (
        <Notice tone="info">
          {t('commit.existing', { name: existing.name })}{' '}
          <Link to={`/commitments/${existing.commitmentId}`} className="underline">
            {t('commit.open')}
          </Link>
        </Notice>
      ) : null}
      {data.profiles.length === 0 ? (
        <Notice tone="warning">
          {t('commit.noProfile')}{' '}
          <Link to="/investors/profile" className="underline">
            {t('commit.createProfile')}
          </Link>
        </Notice>
      ) : data.profiles.every((p) => !p.qualified) ? (
        <Notice tone="warning">
          {t('commit.notQualified')}{' '}
          <Link to="/investors/verification" className="underline">
            {t('commit.verify')}
          </Link>
        </Notice>
      ) : null}

      {data.open && !data.manages && eligible.length > 0 ? (
        <Card>
          <Form method="post" {...getFormProps(form)} className="space-y-5">
            <FormErrors errors={form.errors} />
            <input
              {...getInputProps(fields.termsVersion, { type: 'hidden' })}
              key={fields.termsVersion.key}
            />
            <fieldset>
              <legend className="text-sm font-medium text-slate-800">{t('commit.actingAs')}</legend>
              <div className="mt-2 space-y-2">
                {eligible.map((p) => (
                  <label key={p.id} className="flex items-start gap-2 text-sm">
                    <input
                      type="radio"
                      name={fields.profileId.name}
                      value={p.id}
                      defaultChecked={fields.profileId.initialValue === p.id}
                      className="mt-1"
                    />
                    <span>
                      {p.name}{' '}
                      <span className="text-slate-500">
                        {t(p.kind === 'institution' ? 'commit.asFirm' : 'commit.asSelf')}
                      </span>
                      {p.annualRoomFen !== null ? (
                        <span className="block text-xs text-slate-500">
                          {t('commit.annualRoom', { amount: money(p.annualRoomFen) })}
                        </span>
                      ) : null}
                    </span>
                  </label>
                ))}
              </div>
              <ErrorList id={fields.profileId.errorId} errors={fields.profileId.errors} />
            </fieldset>
            <Field
              label={t('commit.amount')}
              field={fields.amount}
              inputMode="text"
              hint={t('commit.amountHint', { min: money(c.minTicketFen), room: money(c.roomFen) })}
            />
            <fieldset>
              <legend className="text-sm font-medium text-slate-800">{t('commit.method')}</legend>
              <div className="mt-2 space-y-3">
                {data.cards ? (
                  <label className="flex items-start gap-2 text-sm">
                    <input
                      type="radio"
                      name={fields.method.name}
                      value="card"
                      defaultChecked={fields.method.initialValue === 'card'}
                      className="mt-1"
                    />
                    <span>
                      <span className="font-medium">{t('commit.methods.card')}</span>
                      <span className="block text-slate-600">{t('commit.methods.cardHint')}</span>
                    </span>
                  </label>
                ) : null}
                <label className="flex items-start gap-2 text-sm">
                  <input
                    type="radio"
                    name={fields.method.name}
                    value="pay_now"
                    defaultChecked={fields.method.initialValue === 'pay_now'}
                    className="mt-1"
                  />
                  <span>
                    <span className="font-medium">{t('commit.methods.pay_now')}</span>
                    <span className="block text-slate-600">
                      {t(data.cards ? 'commit.methods.payNowHint' : 'commit.methods.transferHint')}
                    </span>
                  </span>
                </label>
              </div>
              <ErrorList id={fields.method.errorId} errors={fields.method.errors} />
            </fieldset>
            <section className="rounded-md border border-amber-200 bg-amber-50 p-4 text-sm text-amber-950">
              <h2 className="font-semibold">{t('commit.risk')}</h2>
              <p className="mt-2 whitespace-pre-line">{c.riskDisclosure}</p>
            </section>
            <div className="space-y-2 text-sm">
              <label className="flex items-start gap-2">
                <input type="checkbox" name={fields.riskAck.name} className="mt-1" />
                <span>{t('commit.riskAck')}</span>
              </label>
              <ErrorList id={fields.riskAck.errorId} errors={fields.riskAck.errors} />
              <label className="flex items-start gap-2">
                <input type="checkbox" name={fields.termsAck.name} className="mt-1" />
                <span>{t('commit.termsAck', { version: c.version })}</span>
              </label>
              <ErrorList id={fields.termsAck.errorId} errors={fields.termsAck.errors} />
            </div>
            <p className="text-xs text-slate-500">{t('commit.payBy')}</p>
            <Button type="submit" disabled={busy}>
              {t('commit.submit')}
            </Button>
          </Form>
        </Card>
      ) : null}
    </div>
  )
}
