// Cross-site refusal: what is refused, what passes, and which routes are exempt and why.
import { describe, expect, it } from 'vitest'
import { csrfExemptPrefixes, isCrossSiteRequest } from './csrf.ts'

const site = ['https://zhongchuang.example']
const post = (over: Partial<Parameters<typeof isCrossSiteRequest>[0]>) =>
  isCrossSiteRequest({
    method: 'POST',
    pathname: '/login',
    secFetchSite: undefined,
    origin: undefined,
    siteOrigins: site,
    ...over,
  })

describe('isCrossSiteRequest', () => {
  it('lets same-origin form posts through', () => {
    expect(post({ secFetchSite: 'same-origin' })).toBe(false)
  })
  it('refuses cross-site and same-site (another subdomain) posts', () => {
    expect(post({ secFetchSite: 'cross-site' })).toBe(true)
    expect(post({ secFetchSite: 'same-site' })).toBe(true)
    expect(post({ secFetchSite: 'none' })).toBe(true)
  })
  it('judges by Origin when the browser sends no Fetch Metadata', () => {
    expect(post({ origin: 'https://zhongchuang.example' })).toBe(false)
    expect(post({ origin: 'https://evil.example' })).toBe(true)
  })
  it('refuses a POST that carries neither header', () => {
    expect(post({})).toBe(true)
  })
  it('never blocks reads', () => {
    expect(post({ method: 'GET', secFetchSite: 'cross-site' })).toBe(false)
    expect(post({ method: 'HEAD', secFetchSite: 'cross-site' })).toBe(false)
  })
  it('applies to every method that changes state', () => {
    for (const method of ['PUT', 'PATCH', 'DELETE'])
      expect(post({ method, secFetchSite: 'cross-site' })).toBe(true)
  })
})

describe('exempt routes', () => {
  it('are exactly those that authenticate each request themselves', () => {
    // /webhooks/: the payment provider's signature on every request; /api/v1/: an API key header.
    expect(csrfExemptPrefixes).toEqual(['/api/v1/', '/webhooks/'])
  })
  it('a webhook post from the provider passes without Fetch Metadata', () => {
    expect(post({ pathname: '/webhooks/stripe', secFetchSite: undefined, origin: undefined })).toBe(
      false,
    )
  })
  it('an API-key request passes without Fetch Metadata', () => {
    expect(post({ pathname: '/api/v1/offerings', secFetchSite: 'cross-site' })).toBe(false)
  })
  it('a page merely starting with /api is not exempt', () => {
    expect(post({ pathname: '/apiary', secFetchSite: 'cross-site' })).toBe(true)
  })
})
