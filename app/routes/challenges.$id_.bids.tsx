// /challenges/:id/bids: the posting organisation's review page. Applicants to admit or turn
// down (揭榜挂帅), the bids with their price, timeline, approach, team and files, and the
// decisions: shortlist, reject with a reason, message the bidder, award one bid, or close the
// challenge without an award. Members of the posting organisation read it; its owners and admins
// decide. Anyone else gets 404.
import { getFormProps, getTextareaProps } from '@conform-to/react'
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
import { inArray } from 'drizzle-orm'
import { useTranslation } from 'react-i18next'
import {
  AwardTerms,
  BidStatus,
  Money,
  Row,
  TextBlock,
  useLng,
} from '~/components/bids/bid-bits.tsx'
import { ReputationLine } from '~/components/challenges/reputation.tsx'
import { Button, Card, ErrorList, FormErrors, Notice, PageTitle } from '~/components/ui/form.tsx'
import { checks, useForm } from '~/components/ui/use-form.ts'
import { now } from '~/clock.server.ts'
import { notFound, requireMember } from '~/domains/accounts/auth.server.ts'
import { PosterActionSchema } from '~/domains/challenges/bids.schema.ts'
import {
  admitApplicant,
  awardBid,
  bidsForPoster,
  declareNoAward,
  messageBidder,
  rejectApplication,
  rejectBid,
  shortlistBid,
} from '~/domains/challenges/bids.server.ts'
import { challengeFor } from '~/domains/challenges/challenge-access.server.ts'
import { partyKey, reputationsOf } from '~/domains/challenges/ratings.server.ts'
import { badgesFor, memberBadgesOf } from '~/domains/spaces/member-badges.server.ts'
import { MemberBadges } from '~/components/member-badge.tsx'
import { replyWithError } from '~/domains/web/request.server.ts'
import { formatDateTime } from '~/i18n/format.ts'
import { db } from '../../db/client.server.ts'
import { uploads } from '../../db/schema/index.ts'

async function load(request: Request, key: string) {
  const auth = await requireMember(request)
  const found = await challengeFor(key, auth.user.id)
  if (!found || !found.isPosterMember) throw notFound()
  return { auth, found, challenge: found.challenge }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { found, challenge } = await load(request, params.id ?? '')
  const rows = await bidsForPoster(challenge.id)
  const reputations = await reputationsOf({
    orgIds: rows.flatMap((r) => (r.bid.bidderOrgId ? [r.bid.bidderOrgId] : [])),
    userIds: rows.flatMap((r) => (r.bid.bidderOrgId ? [] : [r.bid.bidderUserId])),
  })
  const memberBadges = await memberBadgesOf({
    orgIds: rows.map((r) => r.bid.bidderOrgId),
    userIds: rows.flatMap((r) => (r.bid.bidderOrgId ? [] : [r.bid.bidderUserId])),
  })
  const uploadIds = rows.flatMap((r) => r.bid.attachmentUploadIds)
  const files = uploadIds.length
    ? await db()
        .select({ id: uploads.id, name: uploads.originalName })
        .from(uploads)
        .where(inArray(uploads.id, uploadIds))
    : []
  const nameOf = new Map(files.map((f) => [f.id, f.name]))
  const at = now()
  const afterBids = at >= challenge.bidDeadline
  const decidable = challenge.status === 'reviewing' || (challenge.status === 'open' && afterBids)
  return {
    challenge: {
      id: challenge.id,
      slug: challenge.slug,
      title: challenge.title,
      status: challenge.status,
      solicitation: challenge.solicitation,
      awardMode: challenge.awardMode,
      awardFen: challenge.awardFen,
      budgetMinFen: challenge.budgetMinFen,
      budgetMaxFen: challenge.budgetMaxFen,
      bidDeadline: challenge.bidDeadline.toISOString(),
      awardDeadline: challenge.awardDeadline.toISOString(),
      fundingDeadline: challenge.fundingDeadline?.toISOString() ?? null,
      awardedBidId: challenge.awardedBidId,
      closedReason: challenge.closedReason,
    },
    actsForPoster: found.actsForPoster,
    biddingOpen: challenge.status === 'open' && !afterBids,
    canAward:
      found.actsForPoster &&
      ((decidable && at < challenge.awardDeadline) || challenge.status === 'award_lapsed'),
    canCloseWithoutAward: found.actsForPoster && (decidable || challenge.status === 'award_lapsed'),
    bids: rows.map((r) => ({
      id: r.bid.id,
      status: r.bid.status,
      bidderName: r.bidderName,
      orgName: r.orgName,
      orgSlug: r.orgSlug,
      profile: r.bid.applicationProfile,
      trackRecord: r.bid.trackRecord,
      plan: r.bid.applicationPlan,
      priceFen: r.bid.priceFen,
      timelineDays: r.bid.timelineDays,
      approach: r.bid.approach,
      team: r.bid.team,
      rejectionReason: r.bid.rejectionReason,
      submittedAt: r.bid.submittedAt?.toISOString() ?? null,
      createdAt: r.bid.createdAt.toISOString(),
      files: r.bid.attachmentUploadIds.map((id) => ({ id, name: nameOf.get(id) ?? id })),
      reputation: reputations.get(
        partyKey({ orgId: r.bid.bidderOrgId, userId: r.bid.bidderUserId }),
      ),
      memberBadges: badgesFor(memberBadges, {
        orgId: r.bid.bidderOrgId,
        userId: r.bid.bidderUserId,
      }),
    })),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { auth, found, challenge } = await load(request, params.id ?? '')
  if (!found.actsForPoster) throw notFound()
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: PosterActionSchema })
  const intent = String(formData.get('intent') ?? '')
  const key = `${intent}:${String(formData.get('bidId') ?? '')}`
  if (submission.status !== 'success') return { key, result: submission.reply() }
  const value = submission.value
  const actorUserId = auth.user.id
  // A bid of another challenge is not this page's to decide.
  if ('bidId' in value) {
    const ours = (await bidsForPoster(challenge.id)).some((r) => r.bid.id === value.bidId)
    if (!ours) throw notFound()
  }
  try {
    switch (value.intent) {
      case 'admit':
        await admitApplicant({ bidId: value.bidId, actorUserId })
        break
      case 'reject-application':
        await rejectApplication({ bidId: value.bidId, actorUserId, reason: value.reason })
        break
      case 'shortlist':
        await shortlistBid({ bidId: value.bidId, actorUserId })
        break
      case 'reject':
        await rejectBid({ bidId: value.bidId, actorUserId, reason: value.reason })
        break
      case 'award':
        await awardBid({ bidId: value.bidId, actorUserId })
        break
      case 'message':
        return redirect(await messageBidder({ bidId: value.bidId, actorUserId }))
      case 'no-award':
        await declareNoAward({ challengeId: challenge.id, actorUserId, reason: value.reason })
        break
    }
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json({ key, result }, { status })
  }
  return redirect(`/challenges/${challenge.slug}/bids?done=${value.intent}`)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `评审投标 · ${data.challenge.title} · 众创 Zhongchuang` : '众创 Zhongchuang' },
]

type Data = ReturnType<typeof useLoaderData<typeof loader>>
type BidRow = Data['bids'][number]

/** One decision form; its errors are its own, keyed by intent and bid. */
function DecisionForm({
  intent,
  bidId,
  button,
  variant,
  reasonLabel,
  confirmText,
}: {
  intent: string
  bidId?: string
  button: string
  variant?: 'primary' | 'secondary' | 'danger'
  reasonLabel?: string
  /** Asked before an irreversible decision (with JavaScript; without it the button just posts). */
  confirmText?: string
}) {
  const key = `${intent}:${bidId ?? ''}`
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy =
    navigation.state !== 'idle' &&
    navigation.formData?.get('intent') === intent &&
    (navigation.formData?.get('bidId') ?? '') === (bidId ?? '')
  const [form, fields] = useForm({
    id: `poster-${key}`,
    lastResult: actionData?.key === key ? actionData.result : undefined,
    validation: checks(() => import('~/domains/challenges/bids.schema.ts'), 'PosterActionSchema'),
    shouldValidate: 'onSubmit',
  })
  return (
    <Form method="post" {...getFormProps(form)} className={reasonLabel ? 'space-y-2' : 'inline'}>
      <input type="hidden" name="intent" value={intent} />
      {bidId ? <input type="hidden" name="bidId" value={bidId} /> : null}
      <FormErrors errors={form.errors} />
      {reasonLabel ? (
        <>
          <label htmlFor={fields.reason.id} className="block text-sm font-medium text-slate-800">
            {reasonLabel}
          </label>
          <textarea
            {...getTextareaProps(fields.reason)}
            rows={2}
            className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
          <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
        </>
      ) : null}
      <Button
        type="submit"
        variant={variant}
        disabled={busy}
        onClick={(event) => {
          if (confirmText && !window.confirm(confirmText)) event.preventDefault()
        }}
      >
        {button}
      </Button>
    </Form>
  )
}

/** A reason form folded away until asked for, so a list of bids stays readable. */
function Folded({ summary, children }: { summary: string; children: React.ReactNode }) {
  return (
    <details className="group">
      <summary className="cursor-pointer text-sm text-slate-700 underline">{summary}</summary>
      <div className="mt-2">{children}</div>
    </details>
  )
}

function Bidder({ b }: { b: BidRow }) {
  const { t } = useTranslation('bids')
  return (
    <span className="flex flex-wrap items-center gap-2">
      <span className="font-medium text-slate-900">
        {b.orgName
          ? t('review.bidderForOrg', { name: b.bidderName, org: b.orgName })
          : b.bidderName}
      </span>
      <MemberBadges badges={b.memberBadges} />
    </span>
  )
}

function ApplicationCard({ b, data }: { b: BidRow; data: Data }) {
  const { t } = useTranslation('bids')
  const lng = useLng()
  const decide = data.actsForPoster && b.status === 'applied'
  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Bidder b={b} />
        <BidStatus status={b.status} />
      </div>
      <p className="mt-1 text-xs text-slate-500">
        {t('review.appliedAt', { at: formatDateTime(b.createdAt, lng) })}
      </p>
      <div className="mt-3 space-y-3">
        <TextBlock label={t('apply.profile')} text={b.profile} />
        <TextBlock label={t('apply.trackRecord')} text={b.trackRecord} />
        <TextBlock label={t('apply.plan')} text={b.plan} />
      </div>
      {b.rejectionReason ? (
        <p className="mt-3 text-sm text-slate-700">
          {t('mine.reason')}
          {b.rejectionReason}
        </p>
      ) : null}
      {decide && data.biddingOpen ? (
        <div className="mt-4 flex flex-wrap items-start gap-4">
          <DecisionForm intent="admit" bidId={b.id} button={t('review.admit')} />
          <Folded summary={t('review.rejectApplication')}>
            <DecisionForm
              intent="reject-application"
              bidId={b.id}
              button={t('review.rejectApplication')}
              variant="secondary"
              reasonLabel={t('review.reason')}
            />
          </Folded>
        </div>
      ) : null}
    </Card>
  )
}

function BidCard({ b, data }: { b: BidRow; data: Data }) {
  const { t } = useTranslation('bids')
  const lng = useLng()
  const open = b.status === 'submitted' || b.status === 'shortlisted'
  const act = data.actsForPoster
  return (
    <Card className={b.status === 'awarded' ? 'ring-2 ring-green-600' : ''}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Bidder b={b} />
        <BidStatus status={b.status} />
      </div>
      {b.reputation ? (
        <p className="mt-1" data-testid="bidder-reputation">
          <ReputationLine rep={b.reputation} />
        </p>
      ) : null}
      <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[8rem_1fr]">
        <Row label={t('bid.price')}>{b.priceFen !== null ? <Money fen={b.priceFen} /> : '—'}</Row>
        <Row label={t('bid.timelineDays')}>{t('days', { count: b.timelineDays ?? 0 })}</Row>
        {b.submittedAt ? (
          <Row label={t('mine.submittedAt')}>{formatDateTime(b.submittedAt, lng)}</Row>
        ) : null}
      </dl>
      <div className="mt-3 space-y-3">
        <TextBlock label={t('bid.approach')} text={b.approach} />
        <TextBlock label={t('bid.team')} text={b.team} />
        {b.files.length > 0 ? (
          <div>
            <h3 className="text-sm font-medium text-slate-600">{t('bid.attachments')}</h3>
            <ul className="mt-1 space-y-1 text-sm">
              {b.files.map((f) => (
                <li key={f.id}>
                  <a href={`/uploads/${f.id}`} className="text-brand-700 underline">
                    {f.name}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      {b.rejectionReason ? (
        <p className="mt-3 text-sm text-slate-700">
          {t('mine.reason')}
          {b.rejectionReason}
        </p>
      ) : null}
      <div className="mt-4 flex flex-wrap items-start gap-3">
        <Link to={`/bids/${b.id}`} className="self-center text-sm text-brand-700 underline">
          {t('review.openBid')}
        </Link>
        {act && b.status !== 'withdrawn' ? (
          <DecisionForm
            intent="message"
            bidId={b.id}
            button={t('review.message')}
            variant="secondary"
          />
        ) : null}
        {act && b.status === 'submitted' ? (
          <DecisionForm
            intent="shortlist"
            bidId={b.id}
            button={t('review.shortlist')}
            variant="secondary"
          />
        ) : null}
        {act && open && data.canAward ? (
          <DecisionForm
            intent="award"
            bidId={b.id}
            button={t('review.award')}
            confirmText={t('review.confirmAward')}
          />
        ) : null}
      </div>
      {act && open ? (
        <div className="mt-3">
          <Folded summary={t('review.reject')}>
            <DecisionForm
              intent="reject"
              bidId={b.id}
              button={t('review.reject')}
              variant="secondary"
              reasonLabel={t('review.reason')}
            />
          </Folded>
        </div>
      ) : null}
    </Card>
  )
}

export default function ReviewBids() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation('bids')
  const lng = useLng()
  const [searchParams] = useSearchParams()
  const done = searchParams.get('done')
  const c = data.challenge
  const applications = data.bids.filter((b) => b.priceFen === null && b.status !== 'withdrawn')
  const bids = data.bids.filter((b) => b.priceFen !== null)
  const withdrawn = data.bids.filter((b) => b.priceFen === null && b.status === 'withdrawn')
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <PageTitle
        sub={
          <Link to={`/challenges/${c.slug}`} className="text-brand-700 underline">
            {t('page.backToChallenge')}
          </Link>
        }
      >
        {t('review.title', { title: c.title })}
      </PageTitle>
      {done ? <Notice tone="success">{t(`review.done.${done}`)}</Notice> : null}
      <Card>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[8rem_1fr]">
          <Row label={t('terms.status')}>{t(`review.challengeStatus.${c.status}`)}</Row>
          <Row label={t('terms.award')}>
            <AwardTerms {...c} />
          </Row>
          <Row label={t('terms.mode')}>{t(`terms.modes.${c.solicitation}`)}</Row>
          <Row label={t('terms.bidDeadline')}>{formatDateTime(c.bidDeadline, lng)}</Row>
          <Row label={t('terms.awardDeadline')}>{formatDateTime(c.awardDeadline, lng)}</Row>
          {c.fundingDeadline ? (
            <Row label={t('terms.fundingDeadline')}>{formatDateTime(c.fundingDeadline, lng)}</Row>
          ) : null}
          {c.closedReason ? <Row label={t('review.closedReason')}>{c.closedReason}</Row> : null}
        </dl>
        {c.awardedBidId ? (
          <p className="mt-4">
            <Link
              to={`/challenges/${c.slug}/work`}
              className="inline-flex rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
            >
              {t('review.toWork')}
            </Link>
          </p>
        ) : null}
      </Card>
      {data.biddingOpen ? (
        <Notice tone="info">
          {t(c.solicitation === 'jiebang' ? 'review.stillOpenJiebang' : 'review.stillOpen')}
        </Notice>
      ) : null}
      {!data.actsForPoster ? <Notice tone="info">{t('review.readOnly')}</Notice> : null}

      {c.solicitation === 'jiebang' ? (
        <section className="space-y-3">
          <h2 className="text-lg font-semibold text-slate-900">
            {t('review.applications', { count: applications.length })}
          </h2>
          {applications.length === 0 ? (
            <p className="text-sm text-slate-600">{t('review.noApplications')}</p>
          ) : (
            applications.map((b) => <ApplicationCard key={b.id} b={b} data={data} />)
          )}
        </section>
      ) : null}

      <section className="space-y-3">
        <h2 className="text-lg font-semibold text-slate-900">
          {t('review.bids', { count: bids.length })}
        </h2>
        {bids.length === 0 ? (
          <p className="text-sm text-slate-600">{t('review.noBids')}</p>
        ) : (
          bids.map((b) => <BidCard key={b.id} b={b} data={data} />)
        )}
        {withdrawn.length > 0 ? (
          <p className="text-xs text-slate-500">
            {t('review.withdrawnApplications', { count: withdrawn.length })}
          </p>
        ) : null}
      </section>

      {data.canCloseWithoutAward ? (
        <Card>
          <h2 className="text-lg font-semibold text-slate-900">{t('review.noAwardTitle')}</h2>
          <p className="mt-1 mb-3 text-sm text-slate-600">{t('review.noAwardIntro')}</p>
          <DecisionForm
            intent="no-award"
            button={t('review.noAwardButton')}
            variant="danger"
            reasonLabel={t('review.noAwardReason')}
            confirmText={t('review.confirmNoAward')}
          />
        </Card>
      ) : null}
    </div>
  )
}
