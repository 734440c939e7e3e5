// The Meilisearch client of a process, or null where no Meilisearch is configured (search then
// runs degraded on Postgres).
import { Meilisearch } from 'meilisearch'

let client: Meilisearch | null | undefined

export function meili(): Meilisearch | null {
  if (client === undefined) {
    const host = process.env.MEILISEARCH_URL
    client = host
      ? new Meilisearch({
          host,
          apiKey: process.env.MEILISEARCH_KEY,
          timeout: 3000,
          // Uncompressed answers. fetch asks for gzip by default, and Meilisearch then streams
          // its compressed answer in pieces the socket holds back for the peer's delayed ACK:
          // about 35 ms more per query on a local connection (17 ms uncompressed, 52 ms gzip,
          // measured on the benchmark's index), besides the CPU to pack and unpack it. Search
          // answers are a few tens of KB inside the deployment's network.
          requestInit: { headers: { 'Accept-Encoding': 'identity' } },
        })
      : null
  }
  return client
}

/** Tests only: forget the client (after the URL changed). */
export function resetMeili(): void {
  client = undefined
}
