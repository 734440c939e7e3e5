// The texts of account e-mails and SMS, in the recipient's language.
import type { Language } from '../../i18n/config.ts'

export function emailCodeMessage(lng: Language, name: string) {
  return (code: string) =>
    lng === 'en'
      ? {
          subject: `Your Zhongchuang verification code: ${code}`,
          text: `Hello ${name},\n\nYour verification code is ${code}. It is valid for 15 minutes.\n\nIf you did not ask for it, ignore this message.\n\n— Zhongchuang`,
        }
      : {
          subject: `众创验证码：${code}`,
          text: `${name}，您好：\n\n您的验证码是 ${code}，15 分钟内有效。\n\n如非本人操作，请忽略本邮件。\n\n— 众创`,
        }
}

export function smsCodeMessage(lng: Language) {
  return (code: string) => ({
    subject: 'SMS',
    text:
      lng === 'en'
        ? `[Zhongchuang] Your code is ${code}, valid for 15 minutes.`
        : `【众创】您的验证码是 ${code}，15 分钟内有效。`,
  })
}

export function resetMessage(lng: Language, name: string, link: string) {
  return lng === 'en'
    ? {
        subject: 'Reset your Zhongchuang password',
        text: `Hello ${name},\n\nOpen this link within one hour to choose a new password:\n${link}\n\nIf you did not ask for it, ignore this message; your password stays as it is.\n\n— Zhongchuang`,
      }
    : {
        subject: '重置众创密码',
        text: `${name}，您好：\n\n请在 1 小时内打开以下链接设置新密码：\n${link}\n\n如非本人操作，请忽略本邮件，您的密码不会改变。\n\n— 众创`,
      }
}

export function invitationMessage(lng: Language, orgName: string, inviter: string, link: string) {
  return lng === 'en'
    ? {
        subject: `${inviter} invited you to ${orgName} on Zhongchuang`,
        text: `${inviter} invited you to join ${orgName} on Zhongchuang.\n\nAccept within 7 days:\n${link}\n\n— Zhongchuang`,
      }
    : {
        subject: `${inviter} 邀请您加入 ${orgName}`,
        text: `${inviter} 邀请您在众创加入「${orgName}」。\n\n请在 7 天内接受邀请：\n${link}\n\n— 众创`,
      }
}
