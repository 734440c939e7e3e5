// Conform's useForm with two additions.
//
// Every field's errors are subscribed to. Conform re-renders a form only for the metadata its own
// component read; our fields read their errors in child components, so without this the errors
// of a blocked submit would never be shown.
//
// The browser's validation loads when it is first needed (docs/decisions/0026). A form names the
// module its schema lives in and how to pick the schema from it; that module, zod and Conform's
// zod adapter (≈ 25 KB gzip) load when someone first focuses or presses inside the form, not with
// the page. Until then a submit or a field check goes to the server, which runs the same schema
// and answers with the same messages, so nothing is skipped, only done one hop further away.
import { useForm as useConformForm } from '@conform-to/react'
import { useEffect, useState } from 'react'
import type { $ZodType, input } from 'zod/v4/core'

type ConformOptions<Schema extends Record<string, unknown>, FormError> = Parameters<
  typeof useConformForm<Schema, Record<string, unknown>, FormError>
>[0]

export type Validation<Module, Pick> = {
  /** `() => import('~/domains/…/x.schema.ts')`: a dynamic import, so it stays out of the page. */
  load: () => Promise<Module>
  /**
   * The schema to check with: its name in the module, or a function of the module for a schema
   * built from the page's data. Read at each check, so it may follow the form's state.
   */
  schema: Pick
}

type SchemaPick<Module> = keyof Module | ((module: Module) => $ZodType)
type Picked<Module, Pick> = Pick extends keyof Module
  ? Module[Pick]
  : Pick extends (module: Module) => infer Z
    ? Z
    : never

type Loaded = {
  module: unknown
  parseWithZod: typeof import('@conform-to/zod/v4').parseWithZod
}

type Options<Schema extends Record<string, unknown>, FormError> = Omit<
  ConformOptions<Schema, FormError>,
  'onValidate'
>

/** The fields' types come from the schema the form names, not from its default values. */
export function useForm<
  Module,
  Pick extends SchemaPick<Module>,
  Schema extends Record<string, unknown> = Extract<
    input<Extract<Picked<Module, Pick>, $ZodType>>,
    Record<string, unknown>
  >,
  FormError = string[],
>(
  options: Options<NoInfer<Schema>, FormError> & { validation: Validation<Module, Pick> },
): ReturnType<typeof useConformForm<Schema, Record<string, unknown>, FormError>>
/** A form that states its fields' types, or checks only on the server. */
export function useForm<Schema extends Record<string, unknown>, FormError = string[]>(
  options: Options<Schema, FormError> & {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    validation?: Validation<any, SchemaPick<any>>
  },
): ReturnType<typeof useConformForm<Schema, Record<string, unknown>, FormError>>
export function useForm<Schema extends Record<string, unknown>, FormError>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  options: Options<Schema, FormError> & { validation?: Validation<any, SchemaPick<any>> },
) {
  const { validation, ...rest } = options
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const result = useConformForm<Schema, Record<string, unknown>, FormError>({
    ...rest,
    onValidate:
      validation && loaded
        ? ({ formData }) =>
            loaded.parseWithZod(formData, {
              schema: schemaOf(loaded.module, validation.schema),
            }) as unknown as ReturnType<
              NonNullable<ConformOptions<Schema, FormError>['onValidate']>
            >
        : undefined,
  })
  const formId = result[0].id
  const load = validation?.load
  const wanted = Boolean(load) && !loaded
  useEffect(() => {
    if (!wanted || !load) return
    let done = false
    const start = (event: Event) => {
      if (done || formOf(event.target) !== formId) return
      done = true
      stop()
      Promise.all([load(), import('@conform-to/zod/v4')]).then(
        ([module, adapter]) => {
          setLoaded({ module, parseWithZod: adapter.parseWithZod })
          // Says so on the form, for whoever needs to know checks now run here (the browser tests).
          document.getElementById(formId)?.setAttribute('data-checks', 'browser')
        },
        // A failed download (offline, a deploy replaced the chunk) leaves the checks to the
        // server; the next focus tries again.
        () => {
          done = false
          listen()
        },
      )
    }
    const listen = () => {
      document.addEventListener('focusin', start)
      document.addEventListener('pointerdown', start)
    }
    const stop = () => {
      document.removeEventListener('focusin', start)
      document.removeEventListener('pointerdown', start)
    }
    listen()
    return stop
    // `load` is a new arrow each render; the module it names does not change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wanted, formId])
  // Reading allErrors during render is what subscribes this component to error changes.
  void result[0].allErrors
  return result
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function schemaOf(module: any, pick: SchemaPick<any>): $ZodType {
  return typeof pick === 'function' ? pick(module) : (module[pick] as $ZodType)
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
