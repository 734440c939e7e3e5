// Cross-site request refusal by Fetch Metadata: a state-changing request must come from this
// site. Routes that authenticate each request themselves (webhook signatures, API keys) are
// exempt by path prefix, and only those.
export const csrfExemptPrefixes: readonly string[] = ['/api/v1/', '/webhooks/']

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function isCsrfExempt(pathname: string): boolean {
  return csrfExemptPrefixes.some((p) => pathname.startsWith(p))
}

export function isCrossSiteRequest(input: {
  method: string
  pathname: string
  secFetchSite: string | undefined
  origin: string | undefined
  siteOrigins: readonly string[]
}): boolean {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return false
  if (isCsrfExempt(input.pathname)) return false
  if (input.secFetchSite) return input.secFetchSite !== 'same-origin'
  // Browsers that do not send Fetch Metadata still send Origin on a POST.
  if (input.origin) return !input.siteOrigins.includes(input.origin)
  return true
}
