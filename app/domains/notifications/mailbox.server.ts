// Outgoing e-mail and text messages. With SMTP_URL, e-mail goes through nodemailer; without it
// (and for SMS while no sender is configured) messages land in the development mailbox under
// DATA_DIR, which /dev/mail shows outside production.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import nodemailer from 'nodemailer'
import { now } from '../../clock.server.ts'
import { dataDir, env } from '../../env.server.ts'

export type OutgoingMessage = {
  channel: 'email' | 'sms'
  to: string
  subject: string
  text: string
}

export type StoredMessage = OutgoingMessage & { id: string; at: string }

function mailboxDir(): string {
  return path.join(dataDir(), 'mailbox')
}

let transport: nodemailer.Transporter | undefined

/** An SMS gateway plugs in here; none is configured by default. */
export type SmsSender = (to: string, text: string) => Promise<void>
let smsSender: SmsSender | null = null
export function setSmsSender(sender: SmsSender | null): void {
  smsSender = sender
}
export function smsAvailable(): boolean {
  return smsSender !== null || env().APP_ENV !== 'production'
}

export async function deliver(message: OutgoingMessage): Promise<void> {
  const { SMTP_URL, MAIL_FROM } = env()
  if (message.channel === 'email' && SMTP_URL) {
    transport ??= nodemailer.createTransport(SMTP_URL)
    await transport.sendMail({
      from: MAIL_FROM,
      to: message.to,
      subject: message.subject,
      text: message.text,
    })
    return
  }
  if (message.channel === 'sms' && smsSender) {
    await smsSender(message.to, message.text)
    return
  }
  writeToMailbox(message)
}

function writeToMailbox(message: OutgoingMessage): void {
  const dir = mailboxDir()
  fs.mkdirSync(dir, { recursive: true })
  const at = now()
  const id = `${at.getTime()}-${crypto.randomBytes(4).toString('hex')}`
  const stored: StoredMessage = { ...message, id, at: at.toISOString() }
  // Write then rename, so a reader never sees half a message.
  const tmp = path.join(dir, `.${id}.tmp`)
  fs.writeFileSync(tmp, JSON.stringify(stored))
  fs.renameSync(tmp, path.join(dir, `${id}.json`))
}

export function readMailbox(limit = 100): StoredMessage[] {
  const dir = mailboxDir()
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .reverse()
    .slice(0, limit)
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as StoredMessage)
}
