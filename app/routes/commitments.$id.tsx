// /commitments/:id: one commitment for its investor (and the firm's owners and admins; 404 to
// anyone else): amount, campaign, status and history, the payment and its receipt, the terms
// version. Cancel during cooling-off, reconfirm changed terms, save the card, and after a failed
// charge retry with a saved card, save another, or pay another way on the payment page.
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
import { Button, Card, FormErrors, Notice, PageTitle } from '~/components/ui/form.tsx'
import { useForm } from '~/components/ui/use-form.ts'
import { notFound, requireMember } from '~/domains/accounts/auth.server.ts'
import { commitmentPage } from '~/domains/deals/commitment-queries.server.ts'
import { CommitmentActionSchema } from '~/domains/deals/commitments.schema.ts'
import {
  cancelCommitment,
  cardSetupUrl,
  confirmSavedCard,
  readableError,
  reconfirm,
  retryCharge,
} from '~/domains/deals/commitments.server.ts'
import { replyWithError, requestLanguage } from '~/domains/web/request.server.ts'
import { formatDateTime, formatMoney } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const id = params.id ?? ''
  // Back from Stripe's page with a card saved: the pending commitment counts from now.
  let card: string | null = null
  if (new URL(request.url).searchParams.get('card') === 'saved') {
    const page = await commitmentPage(id, auth.user.id)
    if (!page) throw notFound()
    if (page.commitment.status === 'pending') card = await confirmSavedCard(id, auth.user.id)
  }
  const data = await commitmentPage(id, auth.user.id)
  if (!data) throw notFound()
  return { ...data, cardResult: card }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireMember(request)
  const data = await commitmentPage(params.id ?? '', auth.user.id)
  if (!data) throw notFound()
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: CommitmentActionSchema })
  if (submission.status !== 'success') return submission.reply()
  const v = submission.value
  const input = { commitmentId: data.commitment.id, userId: auth.user.id }
  const origin = new URL(request.url).origin
  try {
    switch (v.intent) {
      case 'cancel':
        await cancelCommitment(input)
        return redirect(`/commitments/${input.commitmentId}?done=cancelled`)
      case 'reconfirm':
        await reconfirm(input)
        return redirect(`/commitments/${input.commitmentId}?done=reconfirmed`)
      case 'save-card':
      case 'new-card':
        return redirect(await cardSetupUrl(input.commitmentId, auth.user.id, origin))
      case 'retry': {
        const result = await retryCharge({
          ...input,
          ...(v.paymentMethodId ? { paymentMethodId: v.paymentMethodId } : {}),
        })
        if (result.outcome === 'requires-action' && data.payment)
          return redirect(`/payments/${data.payment.id}`)
        return redirect(`/commitments/${input.commitmentId}?charge=${result.outcome}`)
      }
    }
  } catch (error) {
    const { status, result } = replyWithError(
      submission,
      readableError(error, await requestLanguage(request)),
    )
    return Response.json(result, { status })
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `认投 · ${data.campaign.title} · 众创 Zhongchuang` : '众创 Zhongchuang' },
]

function ActionButton({
  intent,
  label,
  variant = 'primary',
  extra,
}: {
  intent: string
  label: string
  variant?: 'primary' | 'secondary' | 'danger'
  extra?: Record<string, string>
}) {
  const busy = useNavigation().state !== 'idle'
  return (
    <Form method="post" className="inline">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(extra ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <Button type="submit" variant={variant} disabled={busy}>
        {label}
      </Button>
    </Form>
  )
}

export default function CommitmentPage() {
  const data = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useTranslation('commitments')
  const lng = useRootData()?.locale ?? 'zh-CN'
  const [searchParams] = useSearchParams()
  const [form] = useForm({ id: 'commitment', lastResult })
  const c = data.commitment
  const money = (fen: number) => formatMoney(fen, lng)
  const done = searchParams.get('done')
  const charge = searchParams.get('charge')
  const cardReturn = searchParams.get('card')
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageTitle
        sub={
          <span className="flex flex-wrap gap-x-4">
            <Link to={`/campaigns/${data.campaign.slug}`} className="text-brand-700 underline">
              {data.campaign.title}
            </Link>
            <Link to="/investments" className="text-brand-700 underline">
              {t('page.all')}
            </Link>
          </span>
        }
      >
        {t('page.title', { amount: money(c.amountFen) })}
      </PageTitle>
      {done ? <Notice tone="success">{t(`page.done.${done}`)}</Notice> : null}
      {charge ? (
        <Notice tone={charge === 'paid' ? 'success' : 'warning'}>
          {t(`page.charge.${charge}`)}
        </Notice>
      ) : null}
      {cardReturn === 'saved' && data.cardResult === 'no-card' ? (
        <Notice tone="warning">{t('page.card.none')}</Notice>
      ) : null}
      {cardReturn === 'saved' && data.cardResult === 'confirmed' ? (
        <Notice tone="success">{t('page.card.saved')}</Notice>
      ) : null}
      {cardReturn === 'cancel' ? <Notice tone="warning">{t('page.card.cancelled')}</Notice> : null}
      <FormErrors errors={form.errors} />

      <Card>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-lg font-semibold text-slate-900">{t('page.summary')}</h2>
          <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-800 ring-1 ring-inset ring-slate-300">
            {t(`status.${c.status}`)}
          </span>
        </div>
        <p className="mt-2 text-sm text-slate-700">{t(`explain.${c.status}`)}</p>
        <dl className="mt-4 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="text-slate-600">{t('page.investor')}</dt>
          <dd>
            {data.profile.name}{' '}
            <span className="text-slate-500">
              {t(data.profile.kind === 'institution' ? 'commit.asFirm' : 'commit.asSelf')}
            </span>
          </dd>
          <dt className="text-slate-600">{t('page.amount')}</dt>
          <dd className="tabular-nums">{money(c.amountFen)}</dd>
          <dt className="text-slate-600">{t('page.method')}</dt>
          <dd>{t(`commit.methods.${c.method}`)}</dd>
          <dt className="text-slate-600">{t('page.terms')}</dt>
          <dd>
            {t('page.version', { version: c.termsVersion })}
            {data.campaign.version > c.termsVersion
              ? ` · ${t('page.current', { version: data.campaign.version })}`
              : ''}
          </dd>
          <dt className="text-slate-600">{t('page.campaignStatus')}</dt>
          <dd>{t(`campaignStatus.${data.campaign.status}`)}</dd>
          <dt className="text-slate-600">{t('commit.deadline')}</dt>
          <dd>{formatDateTime(data.campaign.deadline, lng)}</dd>
          {data.campaign.collectionEndsAt ? (
            <>
              <dt className="text-slate-600">{t('page.collectionEnds')}</dt>
              <dd>{formatDateTime(data.campaign.collectionEndsAt, lng)}</dd>
            </>
          ) : null}
          {data.payment ? (
            <>
              <dt className="text-slate-600">{t('page.payment')}</dt>
              <dd>
                <Link to={`/payments/${data.payment.id}`} className="text-brand-700 underline">
                  {t('page.receipt', { reference: data.payment.reference })}
                </Link>{' '}
                <span className="text-slate-500">
                  · {t(`paymentStatus.${data.payment.status}`)}
                </span>
              </dd>
            </>
          ) : null}
          {data.holding ? (
            <>
              <dt className="text-slate-600">{t('page.holding')}</dt>
              <dd className="tabular-nums">{(data.holding.equityPpm / 10_000).toFixed(4)}%</dd>
            </>
          ) : null}
        </dl>
      </Card>

      {c.status === 'pending' ? (
        <Card>
          <h2 className="text-lg font-semibold">{t('page.pending.title')}</h2>
          <p className="mt-1 text-sm text-slate-700">
            {t(c.method === 'card' ? 'page.pending.card' : 'page.pending.payNow')}
          </p>
          <div className="mt-3">
            {c.method === 'card' ? (
              <ActionButton intent="save-card" label={t('page.pending.saveCard')} />
            ) : data.payment ? (
              <Link
                to={`/payments/${data.payment.id}`}
                className="inline-flex rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 hover:no-underline"
              >
                {t('page.pending.pay')}
              </Link>
            ) : null}
          </div>
        </Card>
      ) : null}

      {c.status === 'reconfirm_required' ? (
        <Card>
          <h2 className="text-lg font-semibold">{t('page.reconfirm.title')}</h2>
          <p className="mt-1 text-sm text-slate-700">
            {t('page.reconfirm.by', { at: formatDateTime(c.reconfirmBy ?? '', lng) })}
          </p>
          <ul className="mt-3 space-y-2 text-sm">
            {data.changes.map((ch) => (
              <li key={ch.version} className="rounded-md bg-slate-50 p-3">
                <p className="font-medium">
                  {t('page.version', { version: ch.version })} · {formatDateTime(ch.at, lng)}
                </p>
                <p className="mt-1 whitespace-pre-line text-slate-700">
                  {ch.note || t('page.reconfirm.noNote')}
                </p>
              </li>
            ))}
          </ul>
          <p className="mt-3 text-sm">
            <Link to={`/campaigns/${data.campaign.slug}`} className="text-brand-700 underline">
              {t('page.reconfirm.read')}
            </Link>
          </p>
          <div className="mt-3 flex flex-wrap gap-3">
            <ActionButton intent="reconfirm" label={t('page.reconfirm.submit')} />
          </div>
        </Card>
      ) : null}

      {data.chargeFailed ? (
        <Card>
          <h2 className="text-lg font-semibold">{t('page.retry.title')}</h2>
          <p className="mt-1 text-sm text-slate-700">
            {t('page.retry.intro', {
              at: formatDateTime(data.campaign.collectionEndsAt ?? '', lng),
            })}
          </p>
          {data.cards.length > 0 ? (
            <ul className="mt-3 space-y-2">
              {data.cards.map((card) => (
                <li key={card.id} className="flex flex-wrap items-center gap-3 text-sm">
                  <span className="tabular-nums">
                    {card.brand.toUpperCase()} ···· {card.last4}
                  </span>
                  <ActionButton
                    intent="retry"
                    label={t('page.retry.withCard')}
                    variant="secondary"
                    extra={{ paymentMethodId: card.id }}
                  />
                </li>
              ))}
            </ul>
          ) : null}
          <div className="mt-4 flex flex-wrap gap-3">
            <ActionButton intent="new-card" label={t('page.retry.newCard')} variant="secondary" />
            {data.payment ? (
              <Link
                to={`/payments/${data.payment.id}`}
                className="inline-flex rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 hover:no-underline"
              >
                {t('page.retry.otherWay')}
              </Link>
            ) : null}
          </div>
        </Card>
      ) : null}

      {data.cancellable ? (
        <Card>
          <h2 className="text-lg font-semibold">{t('page.cancel.title')}</h2>
          {data.coolingOff.open ? (
            <>
              <p className="mt-1 text-sm text-slate-700">
                {t('page.cancel.until', { at: formatDateTime(data.coolingOff.closesAt, lng) })}
              </p>
              <div className="mt-3">
                <ActionButton intent="cancel" label={t('page.cancel.submit')} variant="danger" />
              </div>
            </>
          ) : (
            <p className="mt-1 text-sm text-slate-700">
              {t('page.cancel.closed', { at: formatDateTime(data.coolingOff.closesAt, lng) })}
            </p>
          )}
        </Card>
      ) : null}

      <Card>
        <h2 className="text-lg font-semibold">{t('page.history')}</h2>
        <ol className="mt-3 space-y-2 text-sm">
          {data.history.map((h) => (
            <li key={h.id} className="flex flex-wrap gap-x-3">
              <span className="text-slate-500 tabular-nums">{formatDateTime(h.at, lng)}</span>
              <span>{t(`status.${h.to}`)}</span>
              {h.note ? <span className="text-slate-600">{h.note}</span> : null}
            </li>
          ))}
          {data.history.length === 0 ? (
            <li className="text-slate-600">
              {formatDateTime(c.createdAt, lng)} · {t('status.pending')}
            </li>
          ) : null}
        </ol>
      </Card>
    </div>
  )
}
