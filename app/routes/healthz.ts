// Liveness: the process is up and serving. Checks nothing else on purpose.
export function loader() {
  return new Response('ok', {
    headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' },
  })
}
