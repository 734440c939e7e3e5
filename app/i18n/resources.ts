// Both languages' catalogues, bundled for the server. The browser loads only its own language.
import en from './catalogue.en.ts'
import zhCN from './catalogue.zh-CN.ts'

export const resources = { 'zh-CN': zhCN, en }
