// drizzle-kit generates the SQL migrations in db/migrations from db/schema; they are committed
// and never edited after they land.
import { defineConfig } from 'drizzle-kit'

export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://localhost/zhongchuang' },
})
