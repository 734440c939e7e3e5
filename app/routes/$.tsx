// Any address no route claims: the friendly 404 of the root error boundary.
export function loader() {
  throw new Response('not found', { status: 404 })
}

export default function NotFound() {
  return null
}
