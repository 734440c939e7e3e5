// /events/:id/edit: the space's admins change a draft or published event. A draft can be
// published from here; a new end time moves the timer that marks the event held.
import { parseWithZod } from '@conform-to/zod/v4'
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { EventForm } from '~/components/events/event-form.tsx'
import { Card, Notice, PageTitle } from '~/components/ui/form.tsx'
import { toBeijing } from '~/domains/challenges/beijing-time.ts'
import { requireEventAdmin } from '~/domains/hubs/event-access.server.ts'
import { EventFormSchema } from '~/domains/hubs/events.schema.ts'
import { updateSpaceEvent } from '~/domains/hubs/events.server.ts'
import { clientIp, replyWithError } from '~/domains/web/request.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event, space } = await requireEventAdmin(request, params.id ?? '')
  return {
    space: { slug: space.slug, name: space.name },
    event: { id: event.id, title: event.title, status: event.status },
    editable: event.status === 'draft' || event.status === 'published',
    defaults: {
      kind: event.kind,
      title: event.title,
      summary: event.summary,
      description: event.description,
      startsAt: toBeijing(event.startsAt),
      endsAt: toBeijing(event.endsAt),
      place: event.place ?? '',
      onlineUrl: event.onlineUrl ?? '',
      capacity: String(event.capacity),
      audience: event.audience,
      registrationClosesAt: event.registrationClosesAt ? toBeijing(event.registrationClosesAt) : '',
    },
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { event, space, auth } = await requireEventAdmin(request, params.id ?? '')
  const submission = parseWithZod(await request.formData(), { schema: EventFormSchema })
  if (submission.status !== 'success') return submission.reply()
  try {
    await updateSpaceEvent({
      spaceId: space.id,
      eventId: event.id,
      actorUserId: auth.user.id,
      form: submission.value,
      ip: clientIp(context),
    })
  } catch (error) {
    const { status, result } = replyWithError(submission, error)
    return Response.json(result, { status })
  }
  const notice =
    event.status === 'draft' && submission.value.intent === 'publish' ? 'published' : 'updated'
  return redirect(`/events/${event.id}/manage?notice=${notice}`)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `编辑 · ${data.event.title} · 众创 Zhongchuang` : '编辑活动 · 众创 Zhongchuang' },
]

export default function EditEventPage() {
  const { t } = useTranslation('events')
  const { space, event, editable, defaults } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <nav className="text-sm">
        <Link to={`/events/${event.id}/manage`}>{t('edit.back')}</Link>
      </nav>
      <PageTitle sub={space.name}>{t('edit.title')}</PageTitle>
      {editable ? (
        <Card>
          <EventForm
            id="edit-event"
            lastResult={lastResult}
            defaultValue={defaults}
            draft={event.status === 'draft'}
          />
        </Card>
      ) : (
        <Notice tone="info">{t('edit.notEditable')}</Notice>
      )}
    </div>
  )
}
