// A one-button form for a booking page: the owner marks the booker as trained on the listing's
// self-service use, then comes back to the page it was on. Posts to /equipment/:id/training,
// which shows any error itself; works without JavaScript.
import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button } from '../ui/form.tsx'

export function MarkTrainedButton({
  listingId,
  userId,
  redirectTo,
  trained = false,
}: {
  listingId: string
  userId: string
  /** Where to return after recording it: a path on this site, such as the booking page. */
  redirectTo: string
  /** Already trained: the button gives way to a label. */
  trained?: boolean
}) {
  const { t } = useTranslation('equipment-care')
  const navigation = useNavigation()
  const action = `/equipment/${listingId}/training`
  if (trained)
    return (
      <span className="inline-flex items-center rounded-full bg-green-50 px-2 py-0.5 text-xs font-medium text-green-800 ring-1 ring-inset ring-green-200">
        {t('markTrained.trained')}
      </span>
    )
  return (
    <Form method="post" action={action} className="inline">
      <input type="hidden" name="intent" value="mark-user" />
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <Button
        type="submit"
        variant="secondary"
        disabled={navigation.state === 'submitting' && navigation.formAction === action}
      >
        {t('markTrained.button')}
      </Button>
    </Form>
  )
}
