// Instrument listings for tests and seeds: a published, request-to-book instrument of a new
// verified lab, open 09:00–18:00 Shanghai time every day, booked by the hour; any field can be
// overridden.
import type { Tx } from '../../db/client.server.ts'
import { equipmentListings } from '../../db/schema/index.ts'
import { type OpeningHours } from '../../app/domains/equipment/equipment.schema.ts'
import { weekdays } from '../../app/domains/equipment/equipment-terms.ts'
import { createOrg, createUser } from './index.ts'

type ListingRow = typeof equipmentListings.$inferInsert

let sequence = Math.floor(Math.random() * 90_000_000)

export const OFFICE_HOURS: OpeningHours = Object.fromEntries(
  weekdays.map((d) => [d, [['09:00', '18:00']]]),
)

export async function createListing(tx: Tx, overrides: Partial<Omit<ListingRow, 'id'>> = {}) {
  const n = ++sequence
  const at = new Date()
  const orgId =
    overrides.orgId ??
    (await createOrg(tx, { name: `测试检测实验室${n}`, ownerId: (await createUser(tx)).id })).id
  const [listing] = await tx
    .insert(equipmentListings)
    .values({
      slug: `instrument-${n}`,
      name: `扫描电子显微镜 ${n}`,
      category: 'testing_inspection',
      manufacturer: '蔡司',
      model: 'Sigma 300',
      specs: [{ key: '分辨率', value: '1.2', unit: 'nm' }],
      city: '苏州',
      address: '苏州工业园区若水路 388 号',
      segments: ['3.6'],
      serviceModes: ['operator_run'],
      unitMinutes: 60,
      minUnits: 1,
      maxUnits: 8,
      openingHours: OFFICE_HOURS,
      status: 'published',
      publishedAt: at,
      createdAt: at,
      updatedAt: at,
      ...overrides,
      orgId,
    })
    .returning()
  if (!listing) throw new Error('listing not created')
  return listing
}
