// Pieces the deals profile forms share: a titled section, and an input of a repeated row (team
// member, traction figure, portfolio entry) named `rows[i].field`, with plain name and default
// value so what was typed survives a round trip without JavaScript.
import { ErrorList } from './ui/form.tsx'

const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600'

export function FormSection({
  title,
  hint,
  children,
}: {
  title: string
  hint?: string
  children: React.ReactNode
}) {
  return (
    <fieldset className="min-w-0 space-y-4">
      <legend className="text-base font-semibold text-slate-900">{title}</legend>
      {hint ? <p className="text-sm text-slate-600">{hint}</p> : null}
      {children}
    </fieldset>
  )
}

export function RowInput({
  name,
  label,
  value,
  errors,
  inputMode,
}: {
  name: string
  label: string
  value: string
  errors?: string[]
  inputMode?: 'numeric'
}) {
  const id = `f-${name.replace(/[^a-z0-9]/gi, '-')}`
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        name={name}
        defaultValue={value}
        inputMode={inputMode}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
        className={inputClass}
      />
      <ErrorList id={`${id}-error`} errors={errors} />
    </div>
  )
}
