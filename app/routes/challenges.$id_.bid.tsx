// /challenges/:id/bid: the bidder's page. In 揭榜挂帅 mode the solver applies first and bids once
// admitted; in an open call they bid at once. Until the bid deadline the bid can be edited or
// withdrawn. The acting party (the person alone, or the organisation chosen in the header) is
// who bids. Only the party's own bid is ever loaded here.
import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { parseMultipart, tooLargeReply } from '~/domains/uploads/multipart.server.ts'
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import {
  AwardTerms,
  BidStatus,
  Money,
  Row,
  TextBlock,
  useLng,
} from '~/components/bids/bid-bits.tsx'
import {
  Button,
  Card,
  Field,
  ErrorList,
  FormErrors,
  Notice,
  PageTitle,
  TextareaField,
} from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { now } from '~/clock.server.ts'
import { actingParty, notFound, requireMember } from '~/domains/accounts/auth.server.ts'
import { BidderActionSchema } from '~/domains/challenges/bids.schema.ts'
import {
  applyToChallenge,
  editBid,
  MAX_BID_ATTACHMENTS,
  myBid,
  submitBid,
  withdrawBid,
} from '~/domains/challenges/bids.server.ts'
import {
  challengeFor,
  eligibilityRefusal,
  hasAcceptedNda,
} from '~/domains/challenges/challenge-access.server.ts'
import { uploadPurposes } from '~/domains/uploads/uploads.schema.ts'
import { UserError } from '~/domains/problems.ts'
import { replyWithError } from '~/domains/web/request.server.ts'
import { formatDateTime } from '~/i18n/format.ts'
import { db } from '../../db/client.server.ts'
import { holdForReader } from '~/domains/moderation/holds.server.ts'
import { inArray } from 'drizzle-orm'
import { uploads } from '../../db/schema/index.ts'

async function load(request: Request, key: string) {
  const auth = await requireMember(request)
  const found = await challengeFor(key, auth.user.id)
  if (!found) throw notFound()
  const acting = actingParty(auth)
  const { challenge } = found
  const mine = found.isPosterMember
    ? { bid: null, blockedBy: null }
    : await myBid(challenge.id, acting)
  // A challenge the platform hid takes no new bids; a bid already made stays readable.
  await holdForReader('challenge', challenge.id, Boolean(mine.bid) || found.isPosterMember)
  return { auth, found, acting, challenge, mine }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { auth, found, acting, challenge, mine } = await load(request, params.id ?? '')
  const tx = db()
  const refusal = found.isPosterMember ? null : await eligibilityRefusal(tx, challenge, acting)
  const bid = mine.bid
  const files = bid?.attachmentUploadIds.length
    ? await tx
        .select({ id: uploads.id, name: uploads.originalName })
        .from(uploads)
        .where(inArray(uploads.id, bid.attachmentUploadIds))
    : []
  const orgName =
    acting.kind === 'org'
      ? (auth.memberships.find((m) => m.orgId === acting.orgId)?.name ?? null)
      : null
  return {
    challenge: {
      id: challenge.id,
      slug: challenge.slug,
      title: challenge.title,
      summary: challenge.summary,
      status: challenge.status,
      solicitation: challenge.solicitation,
      awardMode: challenge.awardMode,
      awardFen: challenge.awardFen,
      budgetMinFen: challenge.budgetMinFen,
      budgetMaxFen: challenge.budgetMaxFen,
      bidDeadline: challenge.bidDeadline.toISOString(),
      awardDeadline: challenge.awardDeadline.toISOString(),
      awarded: challenge.awardedBidId !== null && challenge.awardedBidId === bid?.id,
    },
    biddingOpen: challenge.status === 'open' && now() < challenge.bidDeadline,
    isPosterMember: found.isPosterMember,
    actsForPoster: found.actsForPoster,
    actingOrgName: orgName,
    refusal,
    ndaNeeded: !(await hasAcceptedNda(tx, challenge, auth.user.id)),
    blockedBy: mine.blockedBy,
    bid: bid
      ? {
          id: bid.id,
          status: bid.status,
          priceFen: bid.priceFen,
          timelineDays: bid.timelineDays,
          approach: bid.approach,
          team: bid.team,
          profile: bid.applicationProfile,
          trackRecord: bid.trackRecord,
          plan: bid.applicationPlan,
          rejectionReason: bid.rejectionReason,
          submittedAt: bid.submittedAt?.toISOString() ?? null,
          files,
        }
      : null,
    maxFiles: MAX_BID_ATTACHMENTS,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { acting, challenge, mine, found } = await load(request, params.id ?? '')
  let formData: FormData
  try {
    // Attachments come as files; withdrawing is a plain form.
    formData = await parseMultipart(request, uploadPurposes.attachment.maxBytes, {
      files: MAX_BID_ATTACHMENTS,
    })
  } catch (error) {
    const result = tooLargeReply(error, 'attachments', uploadPurposes.attachment.maxBytes)
    if (!result) throw error
    const intent = String(result.initialValue?.intent ?? 'bid')
    return Response.json({ intent, result }, { status: 413 })
  }
  const submission = parseWithZod(formData, { schema: BidderActionSchema })
  const intent = String(formData.get('intent') ?? '')
  if (submission.status !== 'success') return { intent, result: submission.reply() }
  const value = submission.value
  const bid = mine.bid
  try {
    if (found.isPosterMember) throw new UserError('challenges:errors.ownChallenge')
    switch (value.intent) {
      case 'apply':
        await applyToChallenge({ ...value, challengeId: challenge.id, acting })
        break
      case 'bid': {
        const files = formData.getAll('attachments').filter((f): f is File => f instanceof File)
        if (bid && (bid.status === 'submitted' || bid.status === 'shortlisted'))
          await editBid({
            ...value,
            bidId: bid.id,
            actorUserId: acting.userId,
            files,
            removeUploadIds: formData.getAll('remove').map(String),
          })
        else await submitBid({ ...value, challengeId: challenge.id, acting, files })
        break
      }
      case 'withdraw':
        if (!bid) throw notFound()
        await withdrawBid({ bidId: bid.id, actorUserId: acting.userId })
        break
    }
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ intent, result }, { status })
  }
  return redirect(`/challenges/${challenge.slug}/bid?done=${value.intent}`)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `投标 · ${data.challenge.title} · 众创 Zhongchuang` : '众创 Zhongchuang' },
]

type Data = ReturnType<typeof useLoaderData<typeof loader>>

function useBidderForm(intent: string, defaultValue?: Record<string, string>) {
  const actionData = useActionData<typeof action>()
  return useForm({
    id: `bidder-${intent}`,
    lastResult: actionData?.intent === intent ? actionData.result : undefined,
    defaultValue,
    validation: checks(() => import('~/domains/challenges/bids.schema.ts'), 'BidderActionSchema'),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
}

function useBusy(intent: string) {
  const navigation = useNavigation()
  return navigation.state !== 'idle' && navigation.formData?.get('intent') === intent
}

function ApplyForm() {
  const { t } = useTranslation('bids')
  const [form, fields] = useBidderForm('apply')
  const busy = useBusy('apply')
  return (
    <Card>
      <h2 className="text-lg font-semibold text-slate-900">{t('apply.title')}</h2>
      <p className="mt-1 text-sm text-slate-600">{t('apply.intro')}</p>
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
        <input type="hidden" name="intent" value="apply" />
        <FormErrors errors={form.errors} />
        <TextareaField
          label={t('apply.profile')}
          field={fields.profile}
          hint={t('apply.profileHint')}
        />
        <TextareaField
          label={t('apply.trackRecord')}
          field={fields.trackRecord}
          hint={t('apply.trackRecordHint')}
        />
        <TextareaField label={t('apply.plan')} field={fields.plan} hint={t('apply.planHint')} />
        <Button type="submit" disabled={busy}>
          {t('apply.submit')}
        </Button>
      </Form>
    </Card>
  )
}

function BidForm({ data }: { data: Data }) {
  const { t } = useTranslation('bids')
  const c = data.challenge
  const bid = data.bid
  const editing = bid !== null && (bid.status === 'submitted' || bid.status === 'shortlisted')
  const [form, fields] = useBidderForm(
    'bid',
    editing
      ? {
          priceYuan: bid.priceFen ? (bid.priceFen / 100).toFixed(2) : '',
          timelineDays: String(bid.timelineDays ?? ''),
          approach: bid.approach,
          team: bid.team,
        }
      : undefined,
  )
  const busy = useBusy('bid')
  return (
    <Card>
      <h2 className="text-lg font-semibold text-slate-900">
        {editing ? t('bid.editTitle') : t('bid.title')}
      </h2>
      <Form
        method="post"
        encType="multipart/form-data"
        {...getFormProps(form)}
        className="mt-4 space-y-4"
      >
        <input type="hidden" name="intent" value="bid" />
        <FormErrors errors={form.errors} />
        {c.awardMode === 'range' ? (
          <Field
            label={t('bid.price')}
            field={fields.priceYuan}
            inputMode="text"
            hint={t('bid.priceHint', {
              min: ((c.budgetMinFen ?? 0) / 100).toLocaleString(),
              max: ((c.budgetMaxFen ?? 0) / 100).toLocaleString(),
            })}
          />
        ) : (
          <p className="text-sm text-slate-700">
            {t('bid.fixedPrice')} <Money fen={c.awardFen ?? 0} />
          </p>
        )}
        <Field
          label={t('bid.timelineDays')}
          field={fields.timelineDays}
          type="number"
          inputMode="numeric"
          hint={t('bid.timelineHint')}
        />
        <TextareaField
          label={t('bid.approach')}
          field={fields.approach}
          hint={t('bid.approachHint')}
        />
        <TextareaField label={t('bid.team')} field={fields.team} hint={t('bid.teamHint')} />
        {editing && bid.files.length > 0 ? (
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">{t('bid.currentFiles')}</legend>
            <ul className="mt-1 space-y-1 text-sm">
              {bid.files.map((f) => (
                <li key={f.id} className="flex flex-wrap items-center gap-2">
                  <a href={`/uploads/${f.id}`} className="text-brand-700 underline">
                    {f.name}
                  </a>
                  <label className="inline-flex items-center gap-1 text-slate-600">
                    <input type="checkbox" name="remove" value={f.id} /> {t('bid.removeFile')}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        ) : null}
        <div>
          <label htmlFor="bid-attachments" className="block text-sm font-medium text-slate-800">
            {t('bid.attachments')}
          </label>
          <input
            id="bid-attachments"
            type="file"
            name="attachments"
            multiple
            accept="application/pdf,image/jpeg,image/png,image/webp,application/zip"
            className="mt-1 block w-full text-sm"
            aria-describedby="bid-attachments-hint"
          />
          <p id="bid-attachments-hint" className="mt-1 text-xs text-slate-500">
            {t('bid.attachmentsHint', { max: data.maxFiles })}
          </p>
          <ErrorList errors={form.allErrors.attachments} />
        </div>
        <p className="text-xs text-slate-500">{t('bid.private')}</p>
        <Button type="submit" disabled={busy}>
          {editing ? t('bid.save') : t('bid.submit')}
        </Button>
      </Form>
    </Card>
  )
}

function WithdrawForm({ label }: { label: string }) {
  const { t } = useTranslation('bids')
  const [form] = useBidderForm('withdraw')
  const busy = useBusy('withdraw')
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-2">
      <input type="hidden" name="intent" value="withdraw" />
      <FormErrors errors={form.errors} />
      <p className="text-sm text-slate-600">{t('withdraw.note')}</p>
      <Button type="submit" variant="secondary" disabled={busy}>
        {label}
      </Button>
    </Form>
  )
}

function MyBid({ data }: { data: Data }) {
  const { t } = useTranslation('bids')
  const lng = useLng()
  const bid = data.bid
  if (!bid) return null
  const isApplication = bid.status === 'applied' || bid.status === 'admitted'
  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold text-slate-900">
          {isApplication ? t('mine.application') : t('mine.bid')}
        </h2>
        <BidStatus status={bid.status} />
      </div>
      <p className="mt-2 text-sm text-slate-700">{t(`mine.explain.${bid.status}`)}</p>
      {bid.rejectionReason ? (
        <p className="mt-2 text-sm text-slate-700">
          {t('mine.reason')}
          {bid.rejectionReason}
        </p>
      ) : null}
      {bid.priceFen !== null ? (
        <dl className="mt-4 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[8rem_1fr]">
          <Row label={t('bid.price')}>
            <Money fen={bid.priceFen} />
          </Row>
          <Row label={t('bid.timelineDays')}>{t('days', { count: bid.timelineDays ?? 0 })}</Row>
          {bid.submittedAt ? (
            <Row label={t('mine.submittedAt')}>{formatDateTime(bid.submittedAt, lng)}</Row>
          ) : null}
        </dl>
      ) : (
        <div className="mt-4 space-y-3">
          <TextBlock label={t('apply.profile')} text={bid.profile} />
          <TextBlock label={t('apply.trackRecord')} text={bid.trackRecord} />
          <TextBlock label={t('apply.plan')} text={bid.plan} />
        </div>
      )}
      <p className="mt-4 flex flex-wrap gap-4 text-sm">
        <Link to={`/bids/${bid.id}`} className="text-brand-700 underline">
          {t('mine.open')}
        </Link>
        {data.challenge.awarded ? (
          <Link to={`/challenges/${data.challenge.slug}/work`} className="text-brand-700 underline">
            {t('mine.work')}
          </Link>
        ) : null}
      </p>
    </Card>
  )
}

export default function BidPage() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation('bids')
  const lng = useLng()
  const c = data.challenge
  const bid = data.bid
  const live =
    bid !== null && ['applied', 'admitted', 'submitted', 'shortlisted'].includes(bid.status)
  const jiebang = c.solicitation === 'jiebang'
  const mayStart =
    data.biddingOpen &&
    !data.isPosterMember &&
    !data.refusal &&
    !data.ndaNeeded &&
    !data.blockedBy &&
    !live &&
    bid?.status !== 'rejected'
  const [searchParams] = useSearchParams()
  const done = searchParams.get('done')
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageTitle
        sub={
          <Link to={`/challenges/${c.slug}`} className="text-brand-700 underline">
            {t('page.backToChallenge')}
          </Link>
        }
      >
        {t(jiebang ? 'page.titleJiebang' : 'page.title', { title: c.title })}
      </PageTitle>
      {done ? (
        <Notice tone="success">{t(`done.${done}`, { defaultValue: t('done.bid') })}</Notice>
      ) : null}
      <Card>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[8rem_1fr]">
          <Row label={t('terms.award')}>
            <AwardTerms {...c} />
          </Row>
          <Row label={t('terms.mode')}>{t(`terms.modes.${c.solicitation}`)}</Row>
          <Row label={t('terms.bidDeadline')}>{formatDateTime(c.bidDeadline, lng)}</Row>
          <Row label={t('terms.awardDeadline')}>{formatDateTime(c.awardDeadline, lng)}</Row>
          {!data.isPosterMember ? (
            <Row label={t('terms.actingAs')}>
              {data.actingOrgName
                ? t('terms.forOrg', { org: data.actingOrgName })
                : t('terms.alone')}
            </Row>
          ) : null}
        </dl>
        {!data.isPosterMember && !live && data.biddingOpen ? (
          <p className="mt-3 text-xs text-slate-500">{t('terms.switchHint')}</p>
        ) : null}
      </Card>

      {data.isPosterMember ? (
        <Notice tone="info">
          {t('page.ownChallenge')}{' '}
          {data.actsForPoster ? (
            <Link to={`/challenges/${c.slug}/bids`} className="underline">
              {t('page.review')}
            </Link>
          ) : null}
        </Notice>
      ) : null}
      {data.blockedBy ? (
        <Notice tone="warning">{t(`page.blocked.${data.blockedBy}`)}</Notice>
      ) : null}
      {!data.isPosterMember && data.refusal && !live ? (
        <Notice tone="warning">{t(data.refusal)}</Notice>
      ) : null}
      {!data.isPosterMember && data.ndaNeeded && !live ? (
        <Notice tone="warning">
          {t('page.ndaFirst')}{' '}
          <Link to={`/challenges/${c.slug}`} className="underline">
            {t('page.ndaLink')}
          </Link>
        </Notice>
      ) : null}
      {!data.biddingOpen && !data.isPosterMember && bid?.status !== 'awarded' ? (
        <Notice tone="info">{t('page.closed')}</Notice>
      ) : null}

      <MyBid data={data} />

      {mayStart && jiebang ? <ApplyForm /> : null}
      {data.biddingOpen &&
      ((mayStart && !jiebang) ||
        (bid !== null && ['admitted', 'submitted', 'shortlisted'].includes(bid.status))) ? (
        <BidForm data={data} />
      ) : null}
      {data.biddingOpen && live ? (
        <Card>
          <WithdrawForm
            label={
              bid.status === 'applied' || bid.status === 'admitted'
                ? t('withdraw.application')
                : t('withdraw.bid')
            }
          />
        </Card>
      ) : null}
    </div>
  )
}
