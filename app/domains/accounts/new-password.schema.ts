// The account forms that choose a password: the new one is checked against the list of common
// passwords, which only these pages load.
import { z } from 'zod'
import { EmailSchema, PasswordSchema } from './accounts.schema.ts'
import { RedirectToSchema } from './redirect-to.schema.ts'
import { isCommonPassword } from './common-passwords.ts'

export const NewPasswordSchema = z
  .string({ error: 'auth:errors.passwordRequired' })
  .min(10, { error: 'auth:errors.passwordShort' })
  .max(128, { error: 'auth:errors.passwordLong' })
  .refine((p) => !isCommonPassword(p), { error: 'auth:errors.passwordCommon' })

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
