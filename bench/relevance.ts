// `npm run bench:relevance`: how often search puts the right instrument first. The catalogue
// (bench/relevance/catalogue.json) is saved as listings in a real PostgreSQL, indexed through the
// product's own document builders and settings into a real Meilisearch, and every judged query
// (bench/relevance/queries.*.json) is asked the way the search page asks it. The same catalogue
// as plain documents in an index with Meilisearch's defaults and no vocabulary is the baseline.
// The held-out queries are scored but never printed one by one: they are not for tuning.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { z } from 'zod'
import { startEmbeddedPostgres } from '../db/embedded.ts'
import { runMigrations } from '../db/migrate.ts'
import { ensureDatabase } from '../scripts/lib/ensure-database.ts'
import { startEmbeddedMeilisearch } from '../search/embedded.ts'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const dataDir = path.join(root, 'bench/relevance')
const explain = process.argv.includes('--explain')
const TOP = 10

const ListingSchema = z.object({
  id: z.string(),
  title: z.string(),
  type: z.string().nullable(),
  keywords: z.array(z.string()),
  manufacturer: z.string(),
  model: z.string(),
  category: z.enum(['research', 'testing_inspection', 'small_trial', 'pilot_line', 'prototyping']),
  city: z.string(),
  org: z.string(),
  specs: z.array(z.object({ key: z.string(), value: z.string(), unit: z.string().default('') })),
  segments: z.array(z.string()),
  accredited: z.boolean(),
  lastActiveDays: z.number().int().min(0),
})
type Listing = z.infer<typeof ListingSchema>

const QuerySchema = z.object({
  id: z.string(),
  q: z.string().min(1),
  relevant: z.array(z.string()).min(1),
  form: z.string(),
  note: z.string().optional(),
})
type Judged = z.infer<typeof QuerySchema>

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  return schema.parse(JSON.parse(fs.readFileSync(path.join(dataDir, file), 'utf8')))
}

type Scores = {
  queries: number
  top1: number
  top3: number
  mrr: number
  zero: number
}

/** Position (1-based) of the first relevant hit in the top ten, or null. */
function firstRelevant(hits: readonly string[], relevant: ReadonlySet<string>): number | null {
  const i = hits.slice(0, TOP).findIndex((id) => relevant.has(id))
  return i < 0 ? null : i + 1
}

function score(ranks: readonly { rank: number | null; zero: boolean }[]): Scores {
  const n = ranks.length || 1
  const r4 = (x: number) => Math.round(x * 10_000) / 10_000
  return {
    queries: ranks.length,
    top1: r4(ranks.filter((r) => r.rank === 1).length / n),
    top3: r4(ranks.filter((r) => r.rank !== null && r.rank <= 3).length / n),
    mrr: r4(ranks.reduce((sum, r) => sum + (r.rank ? 1 / r.rank : 0), 0) / n),
    zero: r4(ranks.filter((r) => r.zero).length / n),
  }
}

async function main() {
  const catalogue = readJson('catalogue.json', z.object({ listings: z.array(ListingSchema) }))
  const tuning = readJson('queries.tuning.json', z.array(QuerySchema))
  const heldout = readJson('queries.heldout.json', z.array(QuerySchema))
  const ids = new Set(catalogue.listings.map((l) => l.id))
  for (const q of [...tuning, ...heldout])
    for (const id of q.relevant)
      if (!ids.has(id)) throw new Error(`query ${q.id} judges a listing that does not exist`)

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-bench-relevance-'))
  fs.chmodSync(dir, 0o755)
  const pg = await startEmbeddedPostgres({ dataDir: dir })
  const meiliServer = await startEmbeddedMeilisearch({ dataDir: dir })
  if (!meiliServer) throw new Error('the relevance benchmark needs the Meilisearch binary')
  try {
    await ensureDatabase(pg.url('postgres'), 'bench')
    await runMigrations(pg.url('bench'))
    Object.assign(process.env, {
      DATABASE_URL: pg.url('bench'),
      MEILISEARCH_URL: meiliServer.url,
      MEILISEARCH_KEY: meiliServer.key,
      MEILISEARCH_INDEX: 'relevance',
      DATA_DIR: dir,
      LOG_LEVEL: 'warn',
    })
    // Imported only now: they read the environment set above.
    const { db, closeDb } = await import('../db/client.server.ts')
    const { meili } = await import('../search/client.server.ts')
    const { applySettings, confirm, syncDocuments } = await import('../search/sync.server.ts')
    const { productSearch } = await import('./relevance-search.ts')
    const { instrumentTypes } = await import('../search/vocabulary.ts')
    const { resolveTypeName } = await import('../search/type-match.ts')
    const { createOrg, createUser } = await import('../test/factories/index.ts')
    const { createListing } = await import('../test/factories/equipment.ts')
    const { categoryNames } = await import('../search/kinds/equipment.ts')
    const { now } = await import('../app/clock.server.ts')

    const client = meili()
    if (!client) throw new Error('no Meilisearch client')
    await applySettings(client)

    // The owner's choice of type, as the picker resolves the name the owner chose.
    const typeOf = (l: Listing) => (l.type ? (resolveTypeName(l.type)?.id ?? null) : null)
    const typed = catalogue.listings.filter((l) => typeOf(l) !== null)

    const owner = await createUser(db(), { email: 'relevance-owner@example.test' })
    const orgIds = new Map<string, string>()
    const rowToListing = new Map<string, string>()
    const day = 86_400_000
    for (const l of catalogue.listings) {
      let orgId = orgIds.get(l.org)
      if (!orgId) {
        orgId = (
          await createOrg(db(), { name: l.org, ownerId: owner.id, city: l.city, type: 'institute' })
        ).id
        orgIds.set(l.org, orgId)
      }
      const active = new Date(now().getTime() - l.lastActiveDays * day)
      const row = await createListing(db(), {
        orgId,
        slug: `rel-${l.id.toLowerCase()}`,
        name: l.title,
        typeId: typeOf(l),
        keywords: l.keywords,
        manufacturer: l.manufacturer,
        model: l.model,
        category: l.category,
        city: l.city,
        specs: l.specs,
        segments: l.segments,
        accreditations: l.accredited
          ? [{ kind: 'CNAS', certificateNo: `CNAS L${l.id.slice(1)}`, expiresOn: '2099-12-31' }]
          : [],
        publishedAt: new Date(active.getTime() - 30 * day),
        createdAt: new Date(active.getTime() - 30 * day),
        updatedAt: active,
      })
      rowToListing.set(row.id, l.id)
    }
    const started = performance.now()
    await syncDocuments([...rowToListing.keys()].map((rowId) => ({ kind: 'equipment', rowId })))
    const indexSeconds = (performance.now() - started) / 1000

    // The baseline: the same listings as plain documents, Meilisearch's default settings.
    const baseline = client.index('relevance-baseline')
    await confirm(
      baseline.addDocuments(
        catalogue.listings.map((l: Listing) => ({
          id: l.id,
          title: l.title,
          description: [
            l.manufacturer,
            l.model,
            ...l.specs.map((s) => `${s.key} ${s.value}${s.unit}`),
            l.org,
            ...l.keywords,
            ...(categoryNames[l.category] ?? []),
          ].join(' '),
          city: l.city,
        })),
        { primaryKey: 'id' },
      ),
    )

    // Time of each product search (understanding, the tiers, Meilisearch), for the note beside
    // the accuracy: vocabulary that makes search right must not make it slow.
    const latencies: number[] = []
    const percentile = (p: number) => {
      const sorted = [...latencies].sort((a, b) => a - b)
      return (
        Math.round((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0) * 10) /
        10
      )
    }
    async function run(queries: readonly Judged[], part: 'tuning' | 'heldout') {
      const product: { rank: number | null; zero: boolean }[] = []
      const base: { rank: number | null; zero: boolean }[] = []
      const forms = new Map<string, { rank: number | null; zero: boolean }[]>()
      for (const judged of queries) {
        const relevant = new Set(judged.relevant)
        const started = performance.now()
        const result = await productSearch(judged.q, TOP)
        latencies.push(performance.now() - started)
        const hitIds = result.rowIds.map((rowId) => rowToListing.get(rowId) ?? rowId)
        const mine = { rank: firstRelevant(hitIds, relevant), zero: result.total === 0 }
        product.push(mine)
        forms.set(judged.form, [...(forms.get(judged.form) ?? []), mine])
        const raw = await baseline.search(judged.q, { limit: TOP })
        base.push({
          rank: firstRelevant(
            raw.hits.map((h) => String(h.id)),
            relevant,
          ),
          zero: raw.hits.length === 0,
        })
        if (explain && part === 'tuning' && mine.rank !== 1) {
          const titles = hitIds
            .slice(0, 3)
            .map(
              (id) =>
                `${id}${relevant.has(id) ? '✓' : ''} ${catalogue.listings.find((l) => l.id === id)?.title ?? ''}`,
            )
          console.log(
            `${judged.id} [${judged.form}] «${judged.q}» rank ${mine.rank ?? '-'} ${result.understood}\n    ${titles.join('\n    ')}`,
          )
        }
      }
      return {
        product: score(product),
        baseline: score(base),
        byForm: Object.fromEntries([...forms].map(([form, r]) => [form, score(r)])),
      }
    }

    const t = await run(tuning, 'tuning')
    const h = await run(heldout, 'heldout')
    const result = {
      metrics: {
        queries: tuning.length + heldout.length,
        top1_accuracy: t.product.top1,
        top3_accuracy: t.product.top3,
        mrr: t.product.mrr,
        zero_result_rate: t.product.zero,
        heldout_top1_accuracy: h.product.top1,
        heldout_top3_accuracy: h.product.top3,
        heldout_mrr: h.product.mrr,
        heldout_zero_result_rate: h.product.zero,
        baseline_top1_accuracy: t.baseline.top1,
        baseline_top3_accuracy: t.baseline.top3,
        baseline_mrr: t.baseline.mrr,
        baseline_zero_result_rate: t.baseline.zero,
        baseline_heldout_top3_accuracy: h.baseline.top3,
        search_p50_ms: percentile(0.5),
        search_p95_ms: percentile(0.95),
      },
      tuning: { queries: tuning.length, byForm: t.byForm },
      heldout: { queries: heldout.length, byForm: h.byForm },
      catalogue: {
        listings: catalogue.listings.length,
        withType: typed.length,
        vocabularyTypes: instrumentTypes.length,
        indexSeconds: Math.round(indexSeconds * 10) / 10,
      },
      machine: `${os.cpus().length} cores; PostgreSQL, Meilisearch and the benchmark share them`,
      at: new Date().toISOString(),
    }
    fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true })
    fs.writeFileSync(
      path.join(root, 'bench/results/relevance.json'),
      JSON.stringify(result, null, 2) + '\n',
    )
    console.log(JSON.stringify(result.metrics, null, 2))
    console.log(
      'tuning by form:',
      Object.entries(t.byForm)
        .map(([f, s]) => `${f} ${s.top3}`)
        .join(', '),
    )
    await closeDb()
  } finally {
    await meiliServer.stop()
    await pg.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
