// /challenges/:id/work: the workspace an award's two sides share, from the award to the last
// milestone. The poster proposes milestones and the winner agrees or counters; the poster funds
// the award into escrow; the winner delivers; the poster accepts or asks for a revision; either
// side disputes a milestone or asks to cancel. Anyone else gets 404.
import { getFormProps, getTextareaProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { parseMultipart, tooLargeReply } from '~/domains/uploads/multipart.server.ts'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ChallengeWrapUp } from '~/components/challenges/challenge-wrap-up.tsx'
import { Button, Card, ErrorList, FormErrors, Notice, PageTitle } from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { notFound, requireMember } from '~/domains/accounts/auth.server.ts'
import { WorkActionSchema, type PlanMode } from '~/domains/challenges/challenge-work.schema.ts'
import {
  MAX_MILESTONES,
  parsePercent,
  WHOLE_PERCENT,
} from '~/domains/challenges/challenge-limits.ts'
import {
  acceptMilestone,
  disputeMilestone,
  requestCancellation,
  requestRevision,
  submitDeliverable,
} from '~/domains/challenges/delivery.server.ts'
import { agreePlan, proposePlan } from '~/domains/challenges/milestone-plans.server.ts'
import { ratingPanel } from '~/domains/challenges/ratings.server.ts'
import { loadWorkspace } from '~/domains/challenges/work-view.server.ts'
import { formatMoney, parseYuan, splitLargestRemainder } from '~/domains/payments/money.ts'
import { uploadPurposes } from '~/domains/uploads/uploads.schema.ts'
import { replyWithError } from '~/domains/web/request.server.ts'
import { fallbackLanguage } from '~/i18n/config.ts'
import { formatDate, formatDateTime } from '~/i18n/format.ts'
import { useRootData } from '~/root.tsx'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const auth = await requireMember(request)
  const w = await loadWorkspace(params.id ?? '', auth.user.id)
  if (!w) throw notFound()
  const { challenge: c, payment } = w
  return {
    side: w.side,
    acts: w.acts,
    challenge: {
      id: c.id,
      slug: c.slug,
      title: c.title,
      status: c.status,
      closedReason: c.closedReason,
      fundingDeadline: c.fundingDeadline?.toISOString() ?? null,
      deliveryDeadline: c.deliveryDeadline.toISOString(),
    },
    parties: w.parties,
    awardFen: w.awardFen,
    feeRateBp: w.feeRateBp,
    feePreviewFen: w.feePreviewFen,
    deadlinePassed: w.deadlinePassed,
    plans: w.plans.map((p) => ({
      id: p.id,
      side: p.proposedBySide,
      status: p.status,
      items: p.items,
      note: p.note,
      createdAt: p.createdAt.toISOString(),
    })),
    payment: payment
      ? {
          id: payment.payment.id,
          status: payment.payment.status,
          reference: payment.payment.reference,
          amountFen: payment.payment.amountFen,
          subtotalFen: payment.quote.subtotalFen,
          feeFen: payment.quote.feeFen,
        }
      : null,
    milestones: w.milestones.map((m) => ({
      id: m.id,
      seq: m.seq,
      title: m.title,
      dueOn: m.dueOn,
      amountFen: m.amountFen,
      status: m.status,
      actions: m.actions,
      autoReleaseAt: m.autoReleaseAt?.toISOString() ?? null,
      deliverables: m.deliverables.map((d) => ({
        id: d.id,
        notes: d.notes,
        by: d.by,
        revisionReason: d.revisionReason,
        createdAt: d.createdAt.toISOString(),
        files: d.files,
      })),
      dispute: m.dispute
        ? {
            status: m.dispute.status,
            reason: m.dispute.reason,
            resolution: m.dispute.resolution,
            releaseFen: m.dispute.releaseFen,
            refundFen: m.dispute.refundFen,
            note: m.dispute.resolutionNote,
          }
        : null,
    })),
    cancelRequests: w.cancelRequests.map((r) => ({ ...r, at: r.at.toISOString() })),
    history: w.history.map((h) => ({ ...h, at: h.at.toISOString() })),
    rating: await ratingPanel(c, w.side, w.acts),
    fapiaoPaymentId:
      w.side === 'poster' && payment && w.milestones.some((m) => m.status === 'accepted')
        ? payment.payment.id
        : null,
  }
}

const maxBytes = uploadPurposes.attachment.maxBytes

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireMember(request)
  const w = await loadWorkspace(params.id ?? '', auth.user.id)
  if (!w) throw notFound()
  let formData: FormData
  try {
    // Deliverables come as files; every other intent is a plain form.
    formData = await parseMultipart(request, maxBytes)
  } catch (error) {
    const result = tooLargeReply(error, 'files', maxBytes)
    if (!result) throw error
    const intent = String(result.initialValue?.intent ?? 'submit')
    return Response.json({ intent, result }, { status: 413 })
  }
  const intent = String(formData.get('intent') ?? '')
  const submission = parseWithZod(formData, { schema: WorkActionSchema })
  if (submission.status !== 'success') return { intent, result: submission.reply() }
  const value = submission.value
  const challengeId = w.challenge.id
  const actorUserId = auth.user.id
  try {
    switch (value.intent) {
      case 'propose':
        await proposePlan({
          challengeId,
          actorUserId,
          mode: value.mode,
          items: value.items,
          note: value.note,
        })
        break
      case 'agree':
        await agreePlan({ challengeId, actorUserId, planId: value.planId })
        break
      case 'submit':
        await submitDeliverable({
          challengeId,
          actorUserId,
          milestoneId: value.milestoneId,
          notes: value.notes ?? '',
          files: formData.getAll('files').filter((f): f is File => f instanceof File),
        })
        break
      case 'accept':
        await acceptMilestone({ challengeId, actorUserId, milestoneId: value.milestoneId })
        break
      case 'revise':
        await requestRevision({
          challengeId,
          actorUserId,
          milestoneId: value.milestoneId,
          reason: value.reason,
        })
        break
      case 'dispute':
        await disputeMilestone({
          challengeId,
          actorUserId,
          milestoneId: value.milestoneId,
          reason: value.reason,
        })
        break
      case 'cancel':
        await requestCancellation({ challengeId, actorUserId, reason: value.reason })
        break
    }
    return { intent, result: submission.reply({ resetForm: true }) }
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ intent, result }, { status })
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `揭榜协作 · ${data.challenge.title} · 众创 Zhongchuang` : '众创 Zhongchuang' },
]

type Data = ReturnType<typeof useLoaderData<typeof loader>>
type MilestoneView = Data['milestones'][number]

const tone: Record<string, string> = {
  awarded: 'bg-amber-100 text-amber-800',
  funded: 'bg-sky-100 text-sky-800',
  in_delivery: 'bg-sky-100 text-sky-800',
  completed: 'bg-green-100 text-green-800',
  cancelled: 'bg-slate-100 text-slate-700',
  award_lapsed: 'bg-red-100 text-red-800',
  agreed: 'bg-slate-100 text-slate-700',
  submitted: 'bg-amber-100 text-amber-800',
  accepted: 'bg-green-100 text-green-800',
  revision_requested: 'bg-orange-100 text-orange-800',
  disputed: 'bg-red-100 text-red-800',
  resolved: 'bg-green-100 text-green-800',
  awaiting_payment: 'bg-amber-100 text-amber-800',
  held: 'bg-green-100 text-green-800',
  settled: 'bg-slate-100 text-slate-700',
}

function Badge({ status, label }: { status: string; label: string }) {
  return (
    <span
      className={`inline-block shrink-0 rounded-full px-2.5 py-0.5 text-xs font-medium whitespace-nowrap ${tone[status] ?? 'bg-slate-100 text-slate-700'}`}
    >
      {label}
    </span>
  )
}

function Money({ fen }: { fen: number }) {
  const lng = useRootData()?.locale ?? fallbackLanguage
  return <span className="tabular-nums">{formatMoney(fen, 'CNY', lng)}</span>
}

function useLng() {
  return useRootData()?.locale ?? fallbackLanguage
}

function useWorkForm(id: string, intent: string) {
  const actionData = useActionData<typeof action>()
  return useForm({
    id: `work-${id}`,
    lastResult: actionData?.intent === intent ? actionData.result : undefined,
    validation: checks(
      () => import('~/domains/challenges/challenge-work.schema.ts'),
      'WorkActionSchema',
    ),
    shouldValidate: 'onSubmit',
  })
}

/** A form posting one intent, with its own errors only (several forms share the page). */
function IntentForm({
  id,
  intent,
  hidden = {},
  children,
  multipart = false,
  className = 'space-y-2',
}: {
  id: string
  intent: string
  hidden?: Record<string, string>
  children: (fields: ReturnType<typeof useWorkForm>[1]) => React.ReactNode
  multipart?: boolean
  className?: string
}) {
  const [form, fields] = useWorkForm(id, intent)
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle' && navigation.formData?.get('intent') === intent
  const errors = [...(form.errors ?? [])]
  for (const [name, list] of Object.entries(form.allErrors))
    if (name !== form.name && !['reason', 'notes'].includes(name)) errors.push(...list)
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      encType={multipart ? 'multipart/form-data' : undefined}
      className={className}
      aria-busy={busy}
    >
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <FormErrors errors={[...new Set(errors)]} />
      {children(fields)}
    </Form>
  )
}

function ReasonForm({
  id,
  intent,
  hidden,
  label,
  button,
  variant = 'secondary',
}: {
  id: string
  intent: string
  hidden?: Record<string, string>
  label: string
  button: string
  variant?: 'secondary' | 'danger' | 'primary'
}) {
  return (
    <IntentForm id={id} intent={intent} hidden={hidden}>
      {(fields) => (
        <>
          <label htmlFor={fields.reason.id} className="block text-sm font-medium text-slate-800">
            {label}
          </label>
          <textarea
            {...getTextareaProps(fields.reason)}
            rows={2}
            className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
          <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
          <Button type="submit" variant={variant}>
            {button}
          </Button>
        </>
      )}
    </IntentForm>
  )
}

/** Expands to a reason form on demand, so a milestone's card stays short. */
function Disclosure({ summary, children }: { summary: string; children: React.ReactNode }) {
  return (
    <details className="rounded-md border border-slate-200 px-3 py-2">
      <summary className="cursor-pointer text-sm font-medium text-slate-800">{summary}</summary>
      <div className="mt-2">{children}</div>
    </details>
  )
}

function Header({ data }: { data: Data }) {
  const { t } = useTranslation('challenge-work')
  const lng = useLng()
  const c = data.challenge
  return (
    <>
      <PageTitle
        sub={t('sub', {
          poster: data.parties.posterOrg,
          winner: data.parties.winner,
        })}
      >
        <span className="flex flex-wrap items-center gap-3">
          {c.title}
          <Badge status={c.status} label={t(`challengeStatus.${c.status}`)} />
        </span>
      </PageTitle>
      <Card>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="font-medium text-slate-600">{t('award')}</dt>
          <dd>
            <Money fen={data.awardFen} />
          </dd>
          <dt className="font-medium text-slate-600">{t('yourSide')}</dt>
          <dd>
            {t(`sides.${data.side}`)}
            {data.acts ? null : ` · ${t('readOnly')}`}
          </dd>
          {c.fundingDeadline && c.status === 'awarded' ? (
            <>
              <dt className="font-medium text-slate-600">{t('fundingDeadline')}</dt>
              <dd>{formatDateTime(c.fundingDeadline, lng)}</dd>
            </>
          ) : null}
          <dt className="font-medium text-slate-600">{t('deliveryDeadline')}</dt>
          <dd>{formatDate(c.deliveryDeadline, lng)}</dd>
          <dt className="font-medium text-slate-600">{t('challengePage')}</dt>
          <dd>
            <Link to={`/challenges/${c.slug}`} className="text-brand-700 underline">
              {t('openChallenge')}
            </Link>
          </dd>
        </dl>
      </Card>
      {c.status === 'award_lapsed' || c.status === 'cancelled' ? (
        <Notice tone="warning">
          {t(`closed.${c.status}`)}
          {c.closedReason ? ` ${t('reasonIs', { reason: c.closedReason })}` : null}
        </Notice>
      ) : null}
    </>
  )
}

type Row = { key: number; title: string; dueOn: string; share: string }

/** What the typed shares come to: amounts in fen, and whether they make up the award. */
function previewShares(
  awardFen: number,
  mode: PlanMode,
  rows: Row[],
): { amounts: (number | null)[]; ok: boolean; sumLabel: string } {
  if (mode === 'percent') {
    const weights = rows.map((r) => parsePercent(r.share))
    const total = weights.reduce<number>((s, w) => s + (w ?? 0), 0)
    const valid = weights.every((w): w is number => w !== null && w > 0)
    const ok = valid && total === WHOLE_PERCENT
    const amounts = ok
      ? splitLargestRemainder(awardFen, weights as number[])
      : weights.map(() => null)
    return { amounts, ok, sumLabel: `${(total / 100).toFixed(2)} %` }
  }
  const amounts = rows.map((r) => parseYuan(r.share))
  const total = amounts.reduce<number>((s, a) => s + (a ?? 0), 0)
  const ok = amounts.every((a) => a !== null && a > 0) && total === awardFen
  return { amounts, ok, sumLabel: formatMoney(total) }
}

function PlanForm({ data, counter }: { data: Data; counter: boolean }) {
  const { t } = useTranslation('challenge-work')
  const lng = useLng()
  const basis = data.plans.find((p) => p.status === 'proposed')
  const [mode, setMode] = useState<PlanMode>('percent')
  const [rows, setRows] = useState<Row[]>(() =>
    basis
      ? basis.items.map((it, i) => ({
          key: i,
          title: it.title,
          dueOn: it.dueOn,
          share: ((it.amountFen / data.awardFen) * 100).toFixed(2),
        }))
      : [
          { key: 0, title: '', dueOn: '', share: '50' },
          { key: 1, title: '', dueOn: '', share: '50' },
        ],
  )
  const preview = previewShares(data.awardFen, mode, rows)
  const update = (key: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)))
  const input =
    'block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm'
  return (
    <IntentForm id="propose" intent="propose" className="space-y-3">
      {() => (
        <>
          {counter ? null : (
            <h3 className="text-sm font-semibold text-slate-900">{t('plan.proposeTitle')}</h3>
          )}
          <fieldset className="flex flex-wrap gap-4 text-sm">
            <legend className="sr-only">{t('plan.mode')}</legend>
            {(['percent', 'amount'] as const).map((m) => (
              <label key={m} className="flex items-center gap-1.5">
                <input
                  type="radio"
                  name="mode"
                  value={m}
                  checked={mode === m}
                  onChange={() => setMode(m)}
                />
                {t(`plan.modes.${m}`)}
              </label>
            ))}
          </fieldset>
          <ol className="space-y-3">
            {rows.map((r, i) => (
              <li
                key={r.key}
                className="grid gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-[2rem_1fr_10rem_8rem_auto] sm:items-end sm:border-0 sm:p-0"
              >
                <span className="text-sm font-medium text-slate-500 sm:pb-2">{i + 1}.</span>
                <label className="text-xs text-slate-600">
                  {t('plan.itemTitle')}
                  <input
                    name={`items[${i}].title`}
                    value={r.title}
                    onChange={(e) => update(r.key, { title: e.target.value })}
                    className={input}
                    required
                  />
                </label>
                <label className="text-xs text-slate-600">
                  {t('plan.dueOn')}
                  <input
                    type="date"
                    name={`items[${i}].dueOn`}
                    value={r.dueOn}
                    onChange={(e) => update(r.key, { dueOn: e.target.value })}
                    className={input}
                    required
                  />
                </label>
                <label className="text-xs text-slate-600">
                  {mode === 'percent' ? t('plan.percent') : t('plan.amountYuan')}
                  <input
                    name={`items[${i}].share`}
                    value={r.share}
                    inputMode="decimal"
                    onChange={(e) => update(r.key, { share: e.target.value })}
                    className={`${input} text-right tabular-nums`}
                    required
                  />
                </label>
                <div className="flex items-center justify-between gap-2 sm:justify-end sm:pb-1.5">
                  <span className="text-sm text-slate-600 tabular-nums">
                    {mode === 'percent' && preview.amounts[i] != null ? (
                      <Money fen={preview.amounts[i] ?? 0} />
                    ) : null}
                  </span>
                  {rows.length > 1 ? (
                    <button
                      type="button"
                      onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
                      className="text-sm text-red-700 underline"
                    >
                      {t('plan.remove')}
                    </button>
                  ) : null}
                </div>
              </li>
            ))}
          </ol>
          {rows.length < MAX_MILESTONES ? (
            <button
              type="button"
              onClick={() =>
                setRows((rs) => [
                  ...rs,
                  { key: Math.max(...rs.map((x) => x.key)) + 1, title: '', dueOn: '', share: '' },
                ])
              }
              className="text-sm text-brand-700 underline"
            >
              {t('plan.add')}
            </button>
          ) : null}
          <p
            role="status"
            aria-live="polite"
            className={`text-sm ${preview.ok ? 'text-green-800' : 'text-amber-800'}`}
          >
            {t(preview.ok ? 'plan.sumOk' : 'plan.sumOff', {
              sum: preview.sumLabel,
              award: mode === 'percent' ? '100.00 %' : formatMoney(data.awardFen, 'CNY', lng),
            })}
          </p>
          <label className="block text-sm font-medium text-slate-800">
            {t('plan.note')}
            <textarea
              name="note"
              rows={2}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
            />
          </label>
          <Button type="submit" disabled={!preview.ok}>
            {counter ? t('plan.counter') : t('plan.propose')}
          </Button>
        </>
      )}
    </IntentForm>
  )
}

function PlanTable({ plan }: { plan: Data['plans'][number] }) {
  const { t } = useTranslation('challenge-work')
  const lng = useLng()
  const td = 'px-2 py-1.5 text-sm'
  return (
    <div className="overflow-x-auto">
      <table className="w-full">
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-600">
            <th className={td}>{t('plan.itemTitle')}</th>
            <th className={td}>{t('plan.dueOn')}</th>
            <th className={`${td} text-right`}>{t('plan.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {plan.items.map((it, i) => (
            <tr key={`${i}-${it.title}`} className="border-b border-slate-100">
              <td className={td}>
                {i + 1}. {it.title}
              </td>
              <td className={`${td} whitespace-nowrap`}>{formatDate(it.dueOn, lng)}</td>
              <td className={`${td} text-right`}>
                <Money fen={it.amountFen} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function PlanCard({ data }: { data: Data }) {
  const { t } = useTranslation('challenge-work')
  const lng = useLng()
  const agreed = data.plans.find((p) => p.status === 'agreed')
  const open = data.plans.find((p) => p.status === 'proposed')
  const earlier = data.plans.filter((p) => p !== open)
  const negotiating = data.challenge.status === 'awarded' && !data.deadlinePassed
  // Once agreed, the milestones card shows the plan; this card is for negotiating it.
  if (agreed) return null
  return (
    <Card className="space-y-4">
      <h2 className="text-base font-semibold text-slate-900">{t('plan.title')}</h2>
      {!open ? (
        <p className="text-sm text-slate-700">
          {data.side === 'poster' ? t('plan.noneYetPoster') : t('plan.noneYetWinner')}
        </p>
      ) : null}
      {open ? (
        <div className="space-y-2">
          <p className="text-sm text-slate-700">
            {t('plan.openBy', {
              side: t(`sides.${open.side}`),
              at: formatDateTime(open.createdAt, lng),
            })}
          </p>
          <PlanTable plan={open} />
          {open.note ? (
            <p className="text-sm whitespace-pre-line text-slate-700">
              {t('plan.noteIs', { note: open.note })}
            </p>
          ) : null}
          {negotiating && data.acts && open.side !== data.side ? (
            <IntentForm id="agree" intent="agree" hidden={{ planId: open.id }}>
              {() => <Button type="submit">{t('plan.agree')}</Button>}
            </IntentForm>
          ) : null}
          {open.side === data.side ? (
            <p className="text-sm text-slate-600">{t('plan.waiting')}</p>
          ) : null}
        </div>
      ) : null}
      {negotiating && data.acts && (open || data.side === 'poster') ? (
        open && open.side !== data.side ? (
          <Disclosure summary={t('plan.counterTitle')}>
            <PlanForm data={data} counter />
          </Disclosure>
        ) : (
          <PlanForm data={data} counter={false} />
        )
      ) : null}
      {earlier.length > 0 ? (
        <details>
          <summary className="cursor-pointer text-sm text-slate-600">
            {t('plan.earlier', { count: earlier.length })}
          </summary>
          <ul className="mt-2 space-y-3">
            {earlier.map((p) => (
              <li key={p.id} className="space-y-1">
                <p className="text-xs text-slate-500">
                  {t(`sides.${p.side}`)} · {formatDateTime(p.createdAt, lng)} ·{' '}
                  {t(`planStatus.${p.status}`)}
                </p>
                <PlanTable plan={p} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </Card>
  )
}

function FundingCard({ data }: { data: Data }) {
  const { t } = useTranslation('challenge-work')
  const lng = useLng()
  const p = data.payment
  const subtotal = p?.subtotalFen ?? data.awardFen
  const fee = p?.feeFen ?? data.feePreviewFen
  return (
    <Card className="space-y-3">
      <h2 className="text-base font-semibold text-slate-900">{t('funding.title')}</h2>
      <dl className="grid max-w-md grid-cols-[1fr_auto] gap-x-6 gap-y-1 text-sm">
        <dt className="text-slate-600">{t('funding.award')}</dt>
        <dd className="text-right">
          <Money fen={subtotal} />
        </dd>
        <dt className="text-slate-600">
          {t('funding.fee', { rate: (data.feeRateBp / 100).toFixed(data.feeRateBp % 100 ? 2 : 0) })}
        </dt>
        <dd className="text-right">
          <Money fen={fee} />
        </dd>
        <dt className="font-semibold text-slate-900">{t('funding.total')}</dt>
        <dd className="text-right font-semibold">
          <Money fen={p?.amountFen ?? subtotal + fee} />
        </dd>
      </dl>
      {!p ? (
        <p className="text-sm text-slate-600">{t('funding.afterAgreement')}</p>
      ) : (
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <Badge status={p.status} label={t(`paymentStatus.${p.status}`)} />
          {p.status === 'awaiting_payment' && data.side === 'poster' && data.acts ? (
            <Link
              to={`/payments/${p.id}`}
              className="inline-block rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
            >
              {t('funding.pay')}
            </Link>
          ) : data.side === 'poster' ? (
            <Link to={`/payments/${p.id}`} className="text-brand-700 underline">
              {t('funding.receipt', { reference: p.reference })}
            </Link>
          ) : null}
        </div>
      )}
      {data.challenge.status === 'awarded' && data.challenge.fundingDeadline ? (
        <p className="text-sm text-slate-700">
          {t(data.side === 'poster' ? 'funding.deadlinePoster' : 'funding.deadlineWinner', {
            at: formatDateTime(data.challenge.fundingDeadline, lng),
          })}
        </p>
      ) : null}
      <p className="text-xs text-slate-500">{t('funding.escrowNote')}</p>
    </Card>
  )
}

function MilestoneCard({ data, m }: { data: Data; m: MilestoneView }) {
  const { t } = useTranslation('challenge-work')
  const lng = useLng()
  const underWay = ['funded', 'in_delivery'].includes(data.challenge.status)
  const can = (a: MilestoneView['actions'][number]) =>
    underWay && data.acts && m.actions.includes(a)
  return (
    <li className="space-y-3 rounded-lg border border-slate-200 p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 className="font-semibold text-slate-900">
            {m.seq}. {m.title}
          </h3>
          <p className="text-sm text-slate-600">
            {t('milestone.due', { date: formatDate(m.dueOn, lng) })} · <Money fen={m.amountFen} />
          </p>
        </div>
        <Badge status={m.status} label={t(`milestoneStatus.${m.status}`)} />
      </div>
      {m.autoReleaseAt ? (
        <p className="text-xs text-slate-600">
          {t('milestone.autoRelease', { at: formatDateTime(m.autoReleaseAt, lng) })}
        </p>
      ) : null}
      {m.deliverables.length > 0 ? (
        <ol className="space-y-2">
          {m.deliverables.map((d) => (
            <li key={d.id} className="rounded-md bg-slate-50 p-3 text-sm">
              <p className="text-xs text-slate-500">
                {t('milestone.deliveredBy', { name: d.by, at: formatDateTime(d.createdAt, lng) })}
              </p>
              {d.notes ? (
                <p className="mt-1 whitespace-pre-line text-slate-800">{d.notes}</p>
              ) : null}
              {d.files.length > 0 ? (
                <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                  {d.files.map((f) => (
                    <li key={f.id}>
                      <a
                        href={`/uploads/${f.id}`}
                        className="text-brand-700 underline"
                        target="_blank"
                        rel="noreferrer"
                      >
                        {f.name}
                      </a>
                    </li>
                  ))}
                </ul>
              ) : null}
              {d.revisionReason ? (
                <p className="mt-2 border-l-2 border-orange-300 pl-2 text-orange-900">
                  {t('milestone.revisionAsked', { reason: d.revisionReason })}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
      {m.dispute ? (
        <Notice tone={m.dispute.status === 'open' ? 'warning' : 'info'}>
          {m.dispute.status === 'open'
            ? t('milestone.disputeOpen', { reason: m.dispute.reason })
            : t('milestone.disputeResolved', {
                release: formatMoney(m.dispute.releaseFen ?? 0, 'CNY', lng),
                refund: formatMoney(m.dispute.refundFen ?? 0, 'CNY', lng),
                note: m.dispute.note ?? '',
              })}
        </Notice>
      ) : null}
      {data.side === 'winner' && can('submit') ? (
        <Disclosure summary={t('milestone.submitTitle')}>
          <IntentForm
            id={`submit-${m.id}`}
            intent="submit"
            hidden={{ milestoneId: m.id }}
            multipart
          >
            {(fields) => (
              <>
                <label
                  htmlFor={fields.notes.id}
                  className="block text-sm font-medium text-slate-800"
                >
                  {t('milestone.notes')}
                </label>
                <textarea
                  {...getTextareaProps(fields.notes)}
                  rows={3}
                  className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
                />
                <ErrorList id={fields.notes.errorId} errors={fields.notes.errors} />
                <label className="block text-sm font-medium text-slate-800">
                  {t('milestone.files')}
                  <input
                    type="file"
                    name="files"
                    multiple
                    accept=".pdf,.zip,image/jpeg,image/png,image/webp"
                    className="mt-1 block w-full text-sm"
                  />
                </label>
                <p className="text-xs text-slate-500">{t('milestone.filesHint')}</p>
                <Button type="submit">{t('milestone.submit')}</Button>
              </>
            )}
          </IntentForm>
        </Disclosure>
      ) : null}
      {data.side === 'poster' && can('accept') ? (
        <div className="space-y-2">
          <IntentForm id={`accept-${m.id}`} intent="accept" hidden={{ milestoneId: m.id }}>
            {() => (
              <>
                <p className="text-sm text-slate-700">{t('milestone.acceptNote')}</p>
                <Button type="submit">
                  {t('milestone.accept', { amount: formatMoney(m.amountFen, 'CNY', lng) })}
                </Button>
              </>
            )}
          </IntentForm>
          <Disclosure summary={t('milestone.reviseTitle')}>
            <ReasonForm
              id={`revise-${m.id}`}
              intent="revise"
              hidden={{ milestoneId: m.id }}
              label={t('milestone.reviseReason')}
              button={t('milestone.revise')}
            />
          </Disclosure>
        </div>
      ) : null}
      {can('dispute') ? (
        <Disclosure summary={t('milestone.disputeTitle')}>
          <ReasonForm
            id={`dispute-${m.id}`}
            intent="dispute"
            hidden={{ milestoneId: m.id }}
            label={t('milestone.disputeReason')}
            button={t('milestone.dispute')}
            variant="danger"
          />
        </Disclosure>
      ) : null}
    </li>
  )
}

function MilestonesCard({ data }: { data: Data }) {
  const { t } = useTranslation('challenge-work')
  if (data.milestones.length === 0) return null
  const released = data.milestones
    .filter((m) => m.status === 'accepted')
    .reduce((s, m) => s + m.amountFen, 0)
  return (
    <Card className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-base font-semibold text-slate-900">{t('milestone.title')}</h2>
        <p className="text-sm text-slate-600">
          {t('milestone.released')} <Money fen={released} /> / <Money fen={data.awardFen} />
        </p>
      </div>
      {data.challenge.status === 'awarded' ? (
        <p className="text-sm text-slate-600">{t('milestone.waitFunding')}</p>
      ) : null}
      <ol className="space-y-3">
        {data.milestones.map((m) => (
          <MilestoneCard key={m.id} data={data} m={m} />
        ))}
      </ol>
    </Card>
  )
}

function CancelCard({ data }: { data: Data }) {
  const { t } = useTranslation('challenge-work')
  const lng = useLng()
  if (!['funded', 'in_delivery'].includes(data.challenge.status)) return null
  const mine = data.cancelRequests.find((r) => r.side === data.side)
  const theirs = data.cancelRequests.find((r) => r.side !== data.side)
  return (
    <Card className="space-y-3">
      <h2 className="text-base font-semibold text-slate-900">{t('cancel.title')}</h2>
      <p className="text-sm text-slate-700">{t('cancel.explain')}</p>
      {theirs ? (
        <Notice tone="warning">
          {t('cancel.otherAsked', {
            side: t(`sides.${theirs.side}`),
            at: formatDateTime(theirs.at, lng),
            reason: theirs.note ?? '',
          })}
        </Notice>
      ) : null}
      {mine ? (
        <p className="text-sm text-slate-600">
          {t('cancel.youAsked', { at: formatDateTime(mine.at, lng) })}
        </p>
      ) : data.acts ? (
        <Disclosure summary={theirs ? t('cancel.agreeTitle') : t('cancel.askTitle')}>
          <ReasonForm
            id="cancel"
            intent="cancel"
            label={t('cancel.reason')}
            button={theirs ? t('cancel.agree') : t('cancel.ask')}
            variant="danger"
          />
        </Disclosure>
      ) : null}
    </Card>
  )
}

function HistoryCard({ data }: { data: Data }) {
  const { t } = useTranslation('challenge-work')
  const lng = useLng()
  if (data.history.length === 0) return null
  return (
    <Card>
      <h2 className="mb-2 text-base font-semibold text-slate-900">{t('history.title')}</h2>
      <ol className="space-y-1.5 text-sm">
        {data.history.map((h, i) => (
          <li key={`${h.at}-${i}`} className="flex flex-wrap gap-x-2 text-slate-700">
            <span className="text-slate-500 tabular-nums">{formatDateTime(h.at, lng)}</span>
            {h.subject ? <span className="font-medium">{h.subject}</span> : null}
            <span>
              {t(`history.actions.${h.action.replace(/:.*/, '')}`, { defaultValue: h.action })}
            </span>
            {h.actor ? <span className="text-slate-500">· {h.actor}</span> : null}
            {h.note ? <span className="text-slate-600">· {h.note}</span> : null}
          </li>
        ))}
      </ol>
    </Card>
  )
}

export default function ChallengeWorkPage() {
  const data = useLoaderData<typeof loader>()
  const showFunding = data.challenge.status !== 'award_lapsed'
  return (
    <div className="space-y-6">
      <Header data={data} />
      <PlanCard data={data} />
      {showFunding ? <FundingCard data={data} /> : null}
      <MilestonesCard data={data} />
      <CancelCard data={data} />
      <ChallengeWrapUp
        slug={data.challenge.slug}
        side={data.side}
        rating={data.rating}
        fapiaoPaymentId={data.fapiaoPaymentId}
      />
      <HistoryCard data={data} />
    </div>
  )
}
