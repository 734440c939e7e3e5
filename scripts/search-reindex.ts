// `npm run search:reindex`: rebuild the offerings index from Postgres and swap it in.
import { closeDb } from '../db/client.server.ts'
import { meili } from '../search/client.server.ts'
import { reindex } from '../search/reindex.server.ts'

const client = meili()
if (!client) {
  process.stderr.write(
    'MEILISEARCH_URL is not set: nothing to reindex (search runs on PostgreSQL)\n',
  )
  process.exit(2)
}
const result = await reindex(client)
process.stdout.write(
  `reindexed ${result.documents} documents; replayed ${result.replayed} changes made meanwhile\n`,
)
await closeDb()
