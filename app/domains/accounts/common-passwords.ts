// Refuses passwords that appear in leaked-password lists, which a length rule alone lets
// through (1234567890, qwertyuiop, woaini1314 all pass a 10-character minimum).
import list from './common-passwords.data.ts'

let common: ReadonlySet<string> | null = null

/** Case-insensitive: "PassWord123" is no harder to guess than "password123". */
export function isCommonPassword(pw: string): boolean {
  common ??= new Set(list.split('\n').filter((line) => line.length > 0))
  return common.has(pw.toLowerCase())
}
