// One zod schema per account form: Conform validates with it in the browser, actions on the
// server. Messages are catalogue keys. The forms that choose a new password are in
// new-password.schema.ts, so the other account pages do not load the list of common passwords.
import { z } from 'zod'
import { RedirectToSchema } from './redirect-to.schema.ts'

export const EmailSchema = z
  .string({ error: 'auth:errors.emailRequired' })
  .trim()
  .toLowerCase()
  .max(254, { error: 'auth:errors.emailInvalid' })
  .email({ error: 'auth:errors.emailInvalid' })

export const PasswordSchema = z
  .string({ error: 'auth:errors.passwordRequired' })
  .max(128, { error: 'auth:errors.passwordLong' })

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

export const ConfirmPasswordSchema = z.object({
  password: PasswordSchema,
  redirectTo: RedirectToSchema,
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

/** Logging in with a mobile number and the code sent to it. */
export const MobileCodeLoginSchema = MobileSchema.and(MobileCodeSchema)

export const DeleteAccountSchema = z.object({
  confirm: z.literal('on', { error: 'settings:delete.confirmRequired' }),
})
