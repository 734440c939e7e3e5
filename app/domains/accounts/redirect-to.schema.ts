// The open-redirect rule every form and switcher that carries a redirect target goes through. Its
// own module, apart from accounts.schema.ts: pages with a redirect field do not load the list of
// common passwords.
import { z } from 'zod'

const REDIRECT_BASE = 'http://zhongchuang.invalid'

/**
 * Where to send the reader after a form: a path on this site, or undefined (the caller's
 * default). Browsers drop tabs and line breaks inside URLs and read `\` as `/`, so `/\t/x` and
 * `/\x` mean `//x`, another host; such values are refused before the URL parser has a say.
 */
export function sameSitePath(value: string | undefined): string | undefined {
  if (!value || value.length > 2048 || !value.startsWith('/') || value.startsWith('//'))
    return undefined
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return undefined
  let url: URL
  try {
    url = new URL(value, REDIRECT_BASE)
  } catch {
    return undefined
  }
  // The value as sent, not re-serialised: normalising `/.//x` would make it `//x`.
  return url.origin === REDIRECT_BASE ? value : undefined
}

/** Every redirect target a request carries (redirectTo, the language and acting switchers…). */
export const RedirectToSchema = z
  .string()
  .optional()
  .catch(undefined)
  .transform((v) => sameSitePath(v))
