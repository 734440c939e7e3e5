// The Meilisearch client of a process, or null where no Meilisearch is configured (search then
// runs degraded on Postgres).
import { Meilisearch } from 'meilisearch'

let client: Meilisearch | null | undefined

export function meili(): Meilisearch | null {
  if (client === undefined) {
    const host = process.env.MEILISEARCH_URL
    client = host
      ? new Meilisearch({ host, apiKey: process.env.MEILISEARCH_KEY, timeout: 3000 })
      : null
  }
  return client
}

/** Tests only: forget the client (after the URL changed). */
export function resetMeili(): void {
  client = undefined
}
