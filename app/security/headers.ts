// Security headers for every page: a CSP whose scripts must carry this response's nonce.
export function contentSecurityPolicy(nonce: string, options: { dev: boolean }): string {
  const connect = options.dev ? "'self' ws: wss:" : "'self'"
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    // Tailwind ships a stylesheet; React's style attributes need inline styles.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

export function securityHeaders(
  nonce: string,
  options: { dev: boolean; https: boolean },
): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': contentSecurityPolicy(nonce, options),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  }
  if (options.https) headers['Strict-Transport-Security'] = 'max-age=63072000; includeSubDomains'
  return headers
}
