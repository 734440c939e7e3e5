// Conform's useForm with two additions.
//
// Every field's errors are subscribed to. Conform re-renders a form only for the metadata its own
// component read; our fields read their errors in child components, so without this the errors
// of a blocked submit would never be shown.
//
// The browser's validation loads when it is first needed (docs/decisions/0026). A form names the
// module its schema lives in and the schema, with `checks(() => import('…'), 'XSchema')`; that
// module, zod and Conform's zod adapter (≈ 25 KB gzip) load when someone first focuses or presses
// inside the form, not with the page. Until then a submit goes to the server, which runs the same
// schema and answers with the same messages, so nothing is skipped, only done one hop further
// away.
import { useForm as useConformForm } from '@conform-to/react'
import { useEffect, useState } from 'react'
import type { $ZodType, input } from 'zod/v4/core'

type ConformOptions<Schema extends Record<string, unknown>, FormError> = Parameters<
  typeof useConformForm<Schema, Record<string, unknown>, FormError>
>[0]

/** The names of a module's exports that are zod schemas. */
type SchemaKey<Module> = {
  [K in keyof Module]: Module[K] extends $ZodType ? K : never
}[keyof Module]

declare const checked: unique symbol

/** Where a form's schema is and how to take it; made by `checks`. */
export type Checks<Schema extends $ZodType> = {
  load: () => Promise<unknown>
  pick: (module: never) => $ZodType
  /** Only carries the schema's type. */
  readonly [checked]?: Schema
}

/**
 * A form's browser checks: the module its schema lives in, as a dynamic import so it stays out of
 * the page, and the schema's name there, or a function of the module for a schema built from the
 * page's data (read at each check, so it may follow the form's state).
 */
export function checks<Module, Key extends SchemaKey<Module>>(
  load: () => Promise<Module>,
  schema: Key,
): Checks<Extract<Module[Key], $ZodType>>
export function checks<Module, Schema extends $ZodType>(
  load: () => Promise<Module>,
  schema: (module: Module) => Schema,
): Checks<Schema>
export function checks<Module>(
  load: () => Promise<Module>,
  schema: PropertyKey | ((module: Module) => $ZodType),
): Checks<$ZodType> {
  return {
    load,
    pick: (module: never) =>
      typeof schema === 'function'
        ? schema(module as Module)
        : ((module as Record<PropertyKey, $ZodType>)[schema] as $ZodType),
  }
}

type Loaded = {
  module: never
  parseWithZod: typeof import('@conform-to/zod/v4').parseWithZod
}

type Options<Schema extends Record<string, unknown>, FormError> = Omit<
  ConformOptions<Schema, FormError>,
  'onValidate'
>

type Result<Schema extends Record<string, unknown>, FormError> = ReturnType<
  typeof useConformForm<Schema, Record<string, unknown>, FormError>
>

/** The fields' types come from the schema the form names, not from its default values. */
export function useForm<
  ZodSchema extends $ZodType,
  Schema extends Record<string, unknown> = Extract<input<ZodSchema>, Record<string, unknown>>,
  FormError = string[],
>(
  options: Options<NoInfer<Schema>, FormError> & { validation: Checks<ZodSchema> },
): Result<Schema, FormError>
/** A form that states its fields' types, or is checked only by the server. */
export function useForm<Schema extends Record<string, unknown>, FormError = string[]>(
  options: Options<Schema, FormError> & { validation?: Checks<$ZodType> },
): Result<Schema, FormError>
export function useForm<Schema extends Record<string, unknown>, FormError>(
  options: Options<Schema, FormError> & { validation?: Checks<$ZodType> },
): Result<Schema, FormError> {
  const { validation, ...rest } = options
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const waiting = Boolean(validation) && !loaded
  const result = useConformForm<Schema, Record<string, unknown>, FormError>({
    ...rest,
    // Until the checks are here a field check would be a request to the action (with the form's
    // files, if it has any): fields are checked on submit only until then.
    ...(waiting ? { shouldValidate: 'onSubmit', shouldRevalidate: 'onSubmit' } : {}),
    onValidate:
      validation && loaded
        ? ({ formData }) =>
            loaded.parseWithZod(formData, {
              schema: validation.pick(loaded.module),
            }) as unknown as ReturnType<
              NonNullable<ConformOptions<Schema, FormError>['onValidate']>
            >
        : undefined,
  })
  const formId = result[0].id
  const load = validation?.load
  useEffect(() => {
    if (!waiting || !load) return
    let active = true
    const start = () => {
      stop()
      Promise.all([load(), import('@conform-to/zod/v4')]).then(
        ([module, adapter]) => {
          if (!active) return
          setLoaded({ module: module as never, parseWithZod: adapter.parseWithZod })
          // Says so on the form, for whoever needs to know checks now run here (the browser tests).
          document.getElementById(formId)?.setAttribute('data-checks', 'browser')
        },
        // A failed download (offline, a deploy replaced the chunk) leaves the checks to the
        // server; the next focus tries again.
        () => {
          if (active) waitForUse(formId, start)
        },
      )
    }
    const stop = () => waitingForms.delete(formId)
    // Someone may already be in the form: focused before the page hydrated.
    if (formOf(document.activeElement) === formId) start()
    else waitForUse(formId, start)
    return () => {
      active = false
      stop()
    }
    // `load` is a new arrow each render; the module it names does not change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [waiting, formId])
  // Reading allErrors during render is what subscribes this component to error changes.
  void result[0].allErrors
  return result
}

// Forms waiting for their checks, by id, and the one pair of document listeners that starts them:
// a list page has a form a row. Capturing, so a widget that keeps its events to itself still
// counts as using the form.
const waitingForms = new Map<string, () => void>()

function waitForUse(formId: string, start: () => void) {
  if (waitingForms.size === 0) {
    document.addEventListener('focusin', onUse, true)
    document.addEventListener('pointerdown', onUse, true)
  }
  waitingForms.set(formId, start)
}

function onUse(event: Event) {
  const id = formOf(event.target)
  const start = id === null ? undefined : waitingForms.get(id)
  if (start) start()
  if (waitingForms.size === 0) {
    document.removeEventListener('focusin', onUse, true)
    document.removeEventListener('pointerdown', onUse, true)
  }
}

/** The id of the form an event's target belongs to (a field, or anything inside the form). */
function formOf(target: EventTarget | null): string | null {
  if (!(target instanceof Element)) return null
  const owner =
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    target instanceof HTMLButtonElement
      ? target.form
      : target.closest('form')
  return owner?.id ?? null
}
