import { defineConfig } from 'prisma/config';

// The CLI is used here only for `prisma generate` and, where Prisma's native
// engine can be downloaded, `prisma migrate deploy`. Tollgate's own
// `npm run db:migrate` applies the same migrations without the native engine.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost/unused' },
});
