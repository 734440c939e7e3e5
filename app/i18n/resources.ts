// Both languages' catalogues, bundled for the server. The browser loads only the namespaces a
// page uses, in its own language (app/entry.client.tsx).
import en from './catalogue.en.ts'
import zhCN from './catalogue.zh-CN.ts'

export const resources = { 'zh-CN': zhCN, en }
