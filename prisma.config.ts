// Configuration for the Prisma CLI (generate, and migrate deploy where its engine can be had).
// The service itself never runs the CLI: it applies prisma/migrations with its own runner.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/dynamic_mcp_agent' },
});
