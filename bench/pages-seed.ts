// Realistic volume for the page benchmark, seeded in seconds: the demo data (made through the
// product's seed, so every row satisfies the schema and the lifecycle tables) multiplied in SQL.
// Each copy of a row is the demo row with a new id and slug, owned by a copy of its
// organisation, with its children (versions, timers, memberships, documents) copied beside it;
// bids and members are added from the generated people in the states a real submission leaves.
import type postgres from 'postgres'
import { makeUscc } from '../app/domains/orgs/uscc.ts'
import { FACTORY_PASSWORD_HASH } from '../test/factories/index.ts'

export type Volume = {
  users: number
  orgCopies: number
  listings: number
  challenges: number
  bidsPerChallenge: number
  campaigns: number
  spaces: number
  membersPerSpace: number
}

export const defaultVolume: Volume = {
  users: 20_000,
  orgCopies: 40,
  listings: 10_000,
  challenges: 5_000,
  bidsPerChallenge: 6,
  campaigns: 1_000,
  spaces: 200,
  membersPerSpace: 30,
}

type Overrides = Record<string, string>

async function columnsOf(sql: postgres.Sql, table: string): Promise<string[]> {
  const rows = await sql<{ name: string }[]>`
    select column_name as name from information_schema.columns
    where table_schema = 'public' and table_name = ${table} and is_generated = 'NEVER'
    order by ordinal_position`
  return rows.map((r) => r.name)
}

/** `insert into table (every column) select <override or s.column> from <from>`. */
async function copyRows(
  sql: postgres.Sql,
  table: string,
  from: string,
  overrides: Overrides,
): Promise<number> {
  const columns = await columnsOf(sql, table)
  const select = columns.map((c) => overrides[c] ?? `s."${c}"`).join(', ')
  const result = await sql.unsafe(
    `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) select ${select} from ${from}`,
  )
  return result.count
}

/**
 * Copies of the rows of `table` matching `where`, `copies` of each, with a mapping table
 * `map_<table>` (old_id, new_id, n, k) that the copies of its children join on.
 */
async function copyParents(
  sql: postgres.Sql,
  table: string,
  where: string,
  copies: number,
  overrides: Overrides,
): Promise<number> {
  await sql.unsafe(`drop table if exists "map_${table}"`)
  await sql.unsafe(
    `create unlogged table "map_${table}" as
       select s.id as old_id, gen_random_uuid() as new_id, n, row_number() over () as k
       from "${table}" s cross join generate_series(1, ${copies}) n where ${where}`,
  )
  await sql.unsafe(`create index on "map_${table}" (old_id)`)
  return copyRows(sql, table, `"${table}" s join "map_${table}" m on m.old_id = s.id`, {
    id: 'm.new_id',
    ...overrides,
  })
}

/** The copy of the organisation `orgColumn` for the copy number `m.n`. */
const copiedOrg = (orgColumn: string, orgCopies: number) =>
  `coalesce((select o.new_id from map_organisations o where o.old_id = ${orgColumn} and o.n = 1 + (m.n % ${orgCopies})), ${orgColumn})`

export async function seedVolume(sql: postgres.Sql, volume: Volume = defaultVolume) {
  const count = async (table: string, where = 'true') =>
    Number((await sql.unsafe(`select count(*)::int as c from "${table}" where ${where}`))[0]?.c)
  const copiesFor = async (table: string, where: string, target: number) =>
    Math.max(1, Math.ceil(target / Math.max(1, await count(table, where))))

  // People: verified accounts with the factories' password, joined over two years.
  await sql.unsafe(
    `insert into users (email, name, password_hash, email_verified_at, locale, created_at)
     select 'person' || n || '@bench.example.test', '用户' || n, $1, now(), 'zh-CN',
            now() - make_interval(mins => n * 5)
     from generate_series(1, ${volume.users}) n`,
    [FACTORY_PASSWORD_HASH],
  )
  await sql.unsafe(
    `create unlogged table bench_people as
       select id, row_number() over (order by email) as k from users
       where email like '%@bench.example.test'`,
  )
  await sql.unsafe(`create index on bench_people (k)`)
  const person = (expr: string) =>
    `(select p.id from bench_people p where p.k = 1 + ((${expr}) % ${volume.users}))`

  // Organisations: copies of the verified demo organisations, each with an owner.
  const verifiedOrgs = await count('organisations', `status = 'verified'`)
  const usccs = Array.from({ length: verifiedOrgs * volume.orgCopies }, (_, i) =>
    makeUscc(70_000_000 + i),
  )
  await sql.unsafe(
    `create unlogged table bench_usccs as select * from unnest($1::text[])
     with ordinality as u(uscc, k)`,
    [usccs],
  )
  await copyParents(sql, 'organisations', `s.status = 'verified'`, volume.orgCopies, {
    slug: `s.slug || '-' || m.n`,
    name: `s.name || '（' || m.n || '）'`,
    uscc: `(select uscc from bench_usccs u where u.k = m.k)`,
    created_by_user_id: person('m.n * 31'),
  })
  await copyRows(
    sql,
    'org_members',
    `org_members s join map_organisations m on m.old_id = s.org_id where s.role = 'owner'`,
    { id: 'gen_random_uuid()', org_id: 'm.new_id', user_id: person('m.n * 31') },
  )

  // Instruments: copies of the published demo listings, spread over the organisations' copies.
  const published = `s.status = 'published'`
  await copyParents(
    sql,
    'equipment_listings',
    published,
    await copiesFor('equipment_listings', `status = 'published'`, volume.listings),
    {
      slug: `s.slug || '-' || m.n`,
      name: `s.name || ' ' || m.n || '号机'`,
      org_id: copiedOrg('s.org_id', volume.orgCopies),
      published_at: `now() - make_interval(hours => m.n)`,
      created_at: `now() - make_interval(hours => m.n)`,
      updated_at: `now() - make_interval(hours => m.n)`,
    },
  )

  // Challenges, open for bids, with their first version and their bid-deadline timer.
  await copyParents(
    sql,
    'challenges',
    `s.status = 'open'`,
    await copiesFor('challenges', `status = 'open'`, volume.challenges),
    {
      slug: `s.slug || '-' || m.n`,
      title: `s.title || '（' || m.n || '期）'`,
      org_id: copiedOrg('s.org_id', volume.orgCopies),
      created_by_user_id: person('m.n * 31'),
    },
  )
  await copyRows(
    sql,
    'challenge_versions',
    `challenge_versions s join map_challenges m on m.old_id = s.challenge_id`,
    { id: 'gen_random_uuid()', challenge_id: 'm.new_id', created_by_user_id: person('m.n * 31') },
  )
  await copyRows(sql, 'timers', `timers s join map_challenges m on m.old_id::text = s.subject_id`, {
    id: 'gen_random_uuid()',
    subject_id: 'm.new_id::text',
  })
  // Bids from people bidding alone: submitted on open calls; applications on 揭榜挂帅 calls.
  await sql.unsafe(
    `insert into challenge_bids (challenge_id, bidder_user_id, status, application_profile,
       track_record, application_plan, price_fen, timeline_days, approach, team, submitted_at,
       created_at, updated_at)
     select c.id, ${person('m.n * 7 + b * 1009')},
       case when c.solicitation = 'open' then 'submitted' else 'applied' end,
       case when c.solicitation = 'open' then '' else '十年行业经验的研发团队，承担过省级科技项目。' end,
       case when c.solicitation = 'open' then '' else '完成多项同类技术攻关并实现量产。' end,
       case when c.solicitation = 'open' then '' else '三个月完成样机，六个月完成中试验证。' end,
       case when c.solicitation = 'open'
         then coalesce(c.award_fen, c.budget_min_fen + (c.budget_max_fen - c.budget_min_fen) * b / ${volume.bidsPerChallenge})
       end,
       case when c.solicitation = 'open' then 30 + b * 15 end,
       case when c.solicitation = 'open' then '分三个阶段推进：方案论证、样机试制、现场验证，每阶段交付测试报告。' else '' end,
       case when c.solicitation = 'open' then '项目负责人一名，工程师三名，测试人员一名。' else '' end,
       case when c.solicitation = 'open' then now() - make_interval(mins => b * 37) end,
       now() - make_interval(mins => b * 37), now() - make_interval(mins => b * 37)
     from map_challenges m join challenges c on c.id = m.new_id
     cross join generate_series(1, ${volume.bidsPerChallenge}) b`,
  )
  await sql.unsafe(
    `insert into challenge_bid_events (bid_id, action, from_status, to_status, actor_user_id, at)
     select b.id, case when b.status = 'submitted' then 'submit' else 'apply' end, null, b.status,
       b.bidder_user_id, b.created_at
     from challenge_bids b join map_challenges m on m.new_id = b.challenge_id`,
  )

  // Campaigns, live, with their terms' first version, deadline timer and data-room documents.
  await copyParents(
    sql,
    'campaigns',
    `s.status = 'live'`,
    await copiesFor('campaigns', `status = 'live'`, volume.campaigns),
    {
      slug: `s.slug || '-' || m.n`,
      title: `s.title || '（' || m.n || '）'`,
    },
  )
  await copyRows(
    sql,
    'campaign_versions',
    `campaign_versions s join map_campaigns m on m.old_id = s.campaign_id`,
    { id: 'gen_random_uuid()', campaign_id: 'm.new_id' },
  )
  await copyRows(
    sql,
    'campaign_documents',
    `campaign_documents s join map_campaigns m on m.old_id = s.campaign_id`,
    { id: 'gen_random_uuid()', campaign_id: 'm.new_id' },
  )
  await copyRows(sql, 'timers', `timers s join map_campaigns m on m.old_id::text = s.subject_id`, {
    id: 'gen_random_uuid()',
    subject_id: 'm.new_id::text',
  })

  // Spaces with their members (the demo's, and makers admitted over the last two years).
  await copyParents(sql, 'spaces', 'true', await copiesFor('spaces', 'true', volume.spaces), {
    slug: `s.slug || '-' || m.n`,
    name: `s.name || '（' || m.n || '）'`,
    operator_org_id: copiedOrg('s.operator_org_id', volume.orgCopies),
  })
  await sql.unsafe(`drop table if exists map_space_memberships`)
  await sql.unsafe(
    `create unlogged table map_space_memberships as
       select s.id as old_id, gen_random_uuid() as new_id, m.new_id as space_id, m.n
       from space_memberships s join map_spaces m on m.old_id = s.space_id`,
  )
  await copyRows(
    sql,
    'space_memberships',
    `space_memberships s join map_space_memberships m on m.old_id = s.id`,
    // A copy of the space admits a copy of the member organisation: otherwise the demo's few
    // startups would each be members of every copied space.
    {
      id: 'm.new_id',
      space_id: 'm.space_id',
      member_org_id: copiedOrg('s.member_org_id', volume.orgCopies),
    },
  )
  await copyRows(
    sql,
    'space_membership_events',
    `space_membership_events s join map_space_memberships m on m.old_id = s.membership_id`,
    { id: 'gen_random_uuid()', membership_id: 'm.new_id' },
  )
  await sql.unsafe(
    `with admitted as (
       insert into space_memberships (space_id, member_user_id, stage, status, admitted_on, created_at)
       select m.new_id, ${person('m.n * 97 + j * 13')},
         (array['nursery', 'incubator', 'accelerator'])[1 + j % 3], 'active',
         (current_date - (j * 23) % 730), now()
       from map_spaces m cross join generate_series(1, ${volume.membersPerSpace}) j
       on conflict do nothing
       returning id, stage, admitted_on)
     insert into space_membership_events (membership_id, action, to_status, to_stage, "on", at)
     select id, 'admit', 'active', stage, admitted_on, now() from admitted`,
  )

  for (const table of ['map_organisations', 'map_equipment_listings', 'map_challenges']) {
    await sql.unsafe(`drop table if exists "${table}"`)
  }
  for (const table of ['map_campaigns', 'map_spaces', 'map_space_memberships']) {
    await sql.unsafe(`drop table if exists "${table}"`)
  }
  await sql.unsafe(`drop table bench_people`)
  await sql.unsafe(`drop table bench_usccs`)
  await sql.unsafe('analyze')

  return {
    users: await count('users'),
    organisations: await count('organisations'),
    listings: await count('equipment_listings', `status = 'published'`),
    challenges: await count('challenges'),
    bids: await count('challenge_bids'),
    campaigns: await count('campaigns'),
    spaces: await count('spaces'),
    memberships: await count('space_memberships'),
  }
}
