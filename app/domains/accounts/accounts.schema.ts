// One zod schema per account form: Conform validates with it in the browser, actions on the
// server. Messages are catalogue keys.
import { z } from 'zod'
import { isCommonPassword } from './common-passwords.ts'

export const EmailSchema = z
  .string({ error: 'auth:errors.emailRequired' })
  .trim()
  .toLowerCase()
  .max(254, { error: 'auth:errors.emailInvalid' })
  .email({ error: 'auth:errors.emailInvalid' })

export const NewPasswordSchema = z
  .string({ error: 'auth:errors.passwordRequired' })
  .min(10, { error: 'auth:errors.passwordShort' })
  .max(128, { error: 'auth:errors.passwordLong' })
  .refine((p) => !isCommonPassword(p), { error: 'auth:errors.passwordCommon' })

const PasswordSchema = z
  .string({ error: 'auth:errors.passwordRequired' })
  .max(128, { error: 'auth:errors.passwordLong' })

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

export const SignupSchema = z.object({
  name: z
    .string({ error: 'auth:errors.nameRequired' })
    .trim()
    .min(1, { error: 'auth:errors.nameRequired' })
    .max(50, { error: 'auth:errors.nameLong' }),
  email: EmailSchema,
  password: NewPasswordSchema,
  consent: z.literal('on', { error: 'auth:errors.consentRequired' }),
  redirectTo: RedirectToSchema,
})

export const LoginSchema = z.object({
  email: EmailSchema,
  password: PasswordSchema,
  redirectTo: RedirectToSchema,
})

export const CodeSchema = z.object({
  code: z
    .string({ error: 'auth:errors.codeRequired' })
    .trim()
    .regex(/^\d{8}$/, { error: 'auth:errors.codeFormat' }),
})

export const ForgotPasswordSchema = z.object({ email: EmailSchema })

export const ResetPasswordSchema = z
  .object({
    token: z.string().min(10),
    password: NewPasswordSchema,
    confirm: z.string({ error: 'auth:errors.passwordRequired' }),
  })
  .refine((v) => v.password === v.confirm, {
    error: 'auth:errors.passwordMismatch',
    path: ['confirm'],
  })

export const ConfirmPasswordSchema = z.object({
  password: PasswordSchema,
  redirectTo: RedirectToSchema,
})

export const ChangePasswordSchema = z
  .object({
    current: PasswordSchema,
    password: NewPasswordSchema,
    confirm: z.string({ error: 'auth:errors.passwordRequired' }),
  })
  .refine((v) => v.password === v.confirm, {
    error: 'auth:errors.passwordMismatch',
    path: ['confirm'],
  })

export const ChangeEmailSchema = z.object({ email: EmailSchema })

/** Mainland mobile numbers: 11 digits starting 13–19, optionally written with +86. */
export const MobileSchema = z.object({
  mobile: z
    .string({ error: 'auth:errors.mobileRequired' })
    .trim()
    .transform((v) => v.replace(/[\s-]/g, '').replace(/^\+?86/, ''))
    .pipe(z.string().regex(/^1[3-9]\d{9}$/, { error: 'auth:errors.mobileInvalid' })),
})

export const MobileCodeSchema = z.object({
  code: z
    .string({ error: 'auth:errors.codeRequired' })
    .trim()
    .regex(/^\d{6}$/, { error: 'auth:errors.mobileCodeFormat' }),
})
