// The browser's i18next: only the namespaces asked for are read, in the page's language only; a
// key of a namespace not loaded yet shows nothing (never the key) and its namespace arrives.
import { createInstance } from 'i18next'
import { describe, expect, it } from 'vitest'
import { listedNamespaces, startI18n, type CatalogueChunks } from './browser.ts'
import { namespaces } from './config.ts'

const files = import.meta.glob('./locales/*/*.json')

/** The real chunks, noting which ones were read. */
function chunks(): { chunks: CatalogueChunks; read: string[] } {
  const read: string[] = []
  const wrapped: CatalogueChunks = {}
  for (const [file, load] of Object.entries(files))
    wrapped[file] = () => {
      read.push(file.replace(/^\.\/locales\//, '').replace(/\.json$/, ''))
      return load()
    }
  return { chunks: wrapped, read }
}

describe('i18next in the browser', () => {
  it('reads the listed namespaces of its language and no others', async () => {
    const { chunks: c, read } = chunks()
    const i18n = createInstance()
    await startI18n(i18n, c, 'zh-CN', ['common', 'equipment'])
    expect(read.sort()).toEqual(['zh-CN/common', 'zh-CN/equipment'])
    expect(i18n.t('equipment:market.title')).toBe('仪器设备开放共享')
  })

  it('shows nothing for a key whose namespace is not loaded, then loads it', async () => {
    const { chunks: c, read } = chunks()
    const i18n = createInstance()
    await startI18n(i18n, c, 'en', ['common'])
    const loaded = new Promise<void>((resolve) => i18n.on('loaded', () => resolve()))
    expect(i18n.t('auth:errors.loginFailed')).toBe('')
    await loaded
    expect(read.sort()).toEqual(['en/auth', 'en/common'])
    expect(i18n.t('auth:errors.loginFailed')).toBe(
      i18n.getResource('en', 'auth', 'errors.loginFailed'),
    )
    expect(i18n.t('auth:errors.loginFailed')).not.toBe('')
    // A key missing from a loaded namespace reads as the key, as it always did.
    expect(i18n.t('common:no.such.key')).toBe('no.such.key')
  })

  it('takes the list from the document, every namespace when it is missing', () => {
    const doc = (text: string | null) =>
      ({
        getElementById: () => (text === null ? null : { textContent: text }),
      }) as unknown as Document
    expect(listedNamespaces(doc('["common","spaces","not-a-namespace"]'))).toEqual([
      'common',
      'spaces',
    ])
    expect(listedNamespaces(doc(null))).toEqual([...namespaces])
    expect(listedNamespaces(doc('{'))).toEqual([...namespaces])
  })
})
