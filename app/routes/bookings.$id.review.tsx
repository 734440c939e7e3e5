// POST /bookings/:id/review: the booker's review of a completed booking (the review form posts
// here). Success goes to the booking. A refusal goes back as Conform's reply when the form's
// script is running, or, without JavaScript, as a redirect to the form with the error, the
// rating and (when short enough for a URL) the text.
import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { reviewParams } from '~/components/equipment/review-form.tsx'
import { notFound, requireMember } from '~/domains/accounts/auth.server.ts'
import { loadBookingView } from '~/domains/equipment/booking-view.server.ts'
import { ReviewSchema } from '~/domains/equipment/equipment-care.schema.ts'
import { reviewBooking } from '~/domains/equipment/reviews.server.ts'
import { replyWithError } from '~/domains/web/request.server.ts'

// Longer text would make a URL some servers and proxies refuse.
const BODY_IN_URL_MAX = 300

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await requireMember(request)
  const bookingId = params.id ?? ''
  // Whoever may not see it learns nothing, whatever they post (docs/decisions/0021).
  const visible = await loadBookingView(
    bookingId,
    auth.user.id,
    auth.memberships.map((m) => m.orgId),
  )
  if (!visible) throw notFound()
  const formData = await request.formData()
  const scripted = formData.get('js') === '1'
  const submission = parseWithZod(formData, { schema: ReviewSchema })
  const bookingPage = `/bookings/${bookingId}`

  const sendBack = (error: string) => {
    const to = new URL(
      submission.status === 'success' ? (submission.value.redirectTo ?? bookingPage) : bookingPage,
      'http://local',
    )
    to.searchParams.set(reviewParams.error, error)
    const rating = String(formData.get('rating') ?? '')
    if (/^[1-5]$/.test(rating)) to.searchParams.set(reviewParams.rating, rating)
    const body = String(formData.get('body') ?? '')
    if (body && body.length <= BODY_IN_URL_MAX) to.searchParams.set(reviewParams.body, body)
    return redirect(`${to.pathname}${to.search}#review`)
  }

  if (submission.status !== 'success') {
    if (scripted) return Response.json({ result: submission.reply() }, { status: 400 })
    const first = Object.values(submission.error ?? {}).flat()[0]
    return sendBack(first ?? 'equipment-care:errors.rating')
  }
  try {
    await reviewBooking({
      bookingId,
      userId: auth.user.id,
      rating: submission.value.rating,
      body: submission.value.body,
    })
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    if (scripted) return Response.json({ result }, { status })
    return sendBack(Object.values(result.error ?? {}).flat()[0] ?? 'common:errors.serverError')
  }
  return redirect(bookingPage)
}
