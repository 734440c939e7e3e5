// Form primitives: a labelled field with its error beside it, buttons, and notices. Errors are
// catalogue keys (from zod schemas or use cases) translated here, in the reader's language.
import {
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type FieldMetadata,
} from '@conform-to/react'
import { useTranslation } from 'react-i18next'

const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600'

/** Errors are `ns:key` or `ns:key|{"values":…}` (see replyWithError). */
export function translateError(
  t: (key: string, values?: Record<string, unknown>) => string,
  error: string,
): string {
  const bar = error.indexOf('|')
  if (bar < 0) return t(error)
  try {
    return t(error.slice(0, bar), JSON.parse(error.slice(bar + 1)) as Record<string, unknown>)
  } catch {
    return t(error.slice(0, bar))
  }
}

export function FormErrors({ errors }: { errors?: string[] | null }) {
  const { t } = useTranslation()
  if (!errors?.length) return null
  return (
    <div
      role="alert"
      className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900"
    >
      {errors.map((e) => (
        <p key={e}>{translateError(t, e)}</p>
      ))}
    </div>
  )
}

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  const { t } = useTranslation()
  if (!errors?.length) return null
  return (
    <ul id={id} className="mt-1 text-sm text-red-700" role="alert">
      {errors.map((e) => (
        <li key={e}>{translateError(t, e)}</li>
      ))}
    </ul>
  )
}

type FieldProps = {
  label: string
  field: FieldMetadata<string | number | undefined | null>
  type?: 'text' | 'email' | 'password' | 'tel' | 'date' | 'number' | 'url'
  hint?: string
  autoComplete?: string
  inputMode?: 'numeric' | 'text' | 'email' | 'tel'
  /** Shown instead of the field's own errors, when the page says one of them elsewhere. */
  errors?: string[] | null
}

export function Field({
  label,
  field,
  type = 'text',
  hint,
  autoComplete,
  inputMode,
  errors,
}: FieldProps) {
  const props = getInputProps(field, {
    type,
    ariaDescribedBy: hint ? `${field.id}-hint` : undefined,
  })
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        {...props}
        key={props.key}
        autoComplete={autoComplete}
        inputMode={inputMode}
        className={inputClass}
      />
      {hint ? (
        <p id={`${field.id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <ErrorList id={field.errorId} errors={errors !== undefined ? errors : field.errors} />
    </div>
  )
}

export function TextareaField({
  label,
  field,
  hint,
}: {
  label: string
  field: FieldMetadata<string | undefined | null>
  hint?: string
}) {
  const props = getTextareaProps(field)
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea {...props} key={props.key} rows={4} className={inputClass} />
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  )
}

export function SelectField({
  label,
  field,
  options,
  placeholder,
}: {
  label: string
  field: FieldMetadata<string | undefined | null>
  options: { value: string; label: string }[]
  placeholder?: string
}) {
  const props = getSelectProps(field)
  return (
    <div>
      <label htmlFor={field.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select {...props} key={props.key} className={inputClass}>
        {placeholder ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  )
}

export function Button({
  children,
  variant = 'primary',
  ...rest
}: React.ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: 'primary' | 'secondary' | 'danger'
}) {
  const styles = {
    primary: 'bg-brand-600 text-white hover:bg-brand-700',
    secondary: 'border border-slate-300 bg-white text-slate-800 hover:bg-slate-50',
    danger: 'bg-red-700 text-white hover:bg-red-800',
  }[variant]
  return (
    <button
      {...rest}
      className={`inline-flex items-center justify-center rounded-md px-4 py-2 text-sm font-medium disabled:opacity-60 ${styles} ${rest.className ?? ''}`}
    >
      {children}
    </button>
  )
}

export function Notice({
  tone = 'info',
  children,
}: {
  tone?: 'info' | 'success' | 'warning' | 'error'
  children: React.ReactNode
}) {
  const styles = {
    info: 'border-brand-100 bg-brand-50 text-brand-800',
    success: 'border-green-200 bg-green-50 text-green-900',
    warning: 'border-amber-200 bg-amber-50 text-amber-900',
    error: 'border-red-200 bg-red-50 text-red-900',
  }[tone]
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={`rounded-md border px-4 py-3 text-sm ${styles}`}
    >
      {children}
    </div>
  )
}

export function Card({
  children,
  className = '',
}: {
  children: React.ReactNode
  className?: string
}) {
  return (
    <section className={`rounded-lg border border-slate-200 bg-white p-5 shadow-sm ${className}`}>
      {children}
    </section>
  )
}

export function PageTitle({ children, sub }: { children: React.ReactNode; sub?: React.ReactNode }) {
  return (
    <div className="mb-6">
      <h1 className="text-2xl font-bold text-slate-900">{children}</h1>
      {sub ? <p className="mt-1 text-slate-600">{sub}</p> : null}
    </div>
  )
}
