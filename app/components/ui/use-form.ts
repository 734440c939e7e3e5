// Conform's useForm, subscribed to every field's errors. Conform re-renders a form only for the
// metadata its own component read; our fields read their errors in child components, so without
// this the errors of a blocked submit would never be shown.
import { useForm as useConformForm } from '@conform-to/react'

export function useForm<Schema extends Record<string, unknown>, FormError = string[]>(
  options: Parameters<typeof useConformForm<Schema, Record<string, unknown>, FormError>>[0],
) {
  const result = useConformForm<Schema, Record<string, unknown>, FormError>(options)
  // Reading allErrors during render is what subscribes this component to error changes.
  void result[0].allErrors
  return result
}
