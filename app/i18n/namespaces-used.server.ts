// Which catalogue namespaces a server render used, so the document can tell the browser which
// ones to load before it hydrates. The i18next instances are shared by every render (one per
// language), so what a render uses is gathered per request through AsyncLocalStorage: React's
// server renderer continues its work in callbacks scheduled from inside the render
// (setImmediate, promise pings), which keep the request's store.
import { AsyncLocalStorage } from 'node:async_hooks'
import type { i18n as I18n } from 'i18next'
import { isNamespace, namespacesElementId, type Namespace } from './config.ts'

const used = new AsyncLocalStorage<Set<Namespace>>()

function note(ns: unknown): void {
  const store = used.getStore()
  if (store && isNamespace(ns)) store.add(ns)
}

/** Runs `work` (a render) gathering into `into` the namespaces it reads. */
export function gatherNamespaces<T>(into: Set<Namespace>, work: () => T): T {
  return used.run(into, work)
}

type Lookup = {
  getResource(lng: string, ns: string, key: string, options?: unknown): unknown
}

/**
 * Makes `instance` report the namespaces of the current render: every namespace a component
 * names in `useTranslation` (react-i18next reports them on each render, even when the branch
 * that reads them shows nothing this time, and would wait for them on hydration), and every
 * namespace a key was found in (a `t('other:key')` that names its namespace in the key, or a
 * key that came from data, like a form error).
 */
export function reportNamespacesOf(instance: I18n): void {
  // Every lookup of a key goes through the store's getResource (i18next's Translator.resolve);
  // its typings leave the method out.
  const store = instance.store as unknown as Lookup
  const getResource = store.getResource.bind(store)
  store.getResource = (lng, ns, key, options) => {
    const found: unknown = getResource(lng, ns, key, options)
    if (found !== undefined) note(ns)
    return found
  }
  const reported = instance.reportNamespaces
  instance.reportNamespaces = {
    addUsedNamespaces(list: string[]) {
      for (const ns of list) note(ns)
      reported?.addUsedNamespaces(list)
    },
    getUsedNamespaces: () => reported?.getUsedNamespaces() ?? [],
  }
}

/**
 * The list as a JSON data block at the end of the document. It does not run; it still carries the
 * response's nonce like every script element the product sends (one without came from data). The
 * client entry (a module, run after the document is parsed) reads it. React leaves nodes after
 * its own at the end of <body> alone when it hydrates.
 */
export function namespacesElement(list: Iterable<Namespace>, nonce: string): string {
  const json = JSON.stringify([...list].sort()).replace(/</g, '\\u003c')
  const attribute = nonce.replace(/&/g, '&amp;').replace(/"/g, '&quot;')
  return `<script type="application/json" id="${namespacesElementId}" nonce="${attribute}">${json}</script>`
}
