import { ensureEmbeddedTemplate, ensurePostgresTemplate } from './database-templates';

/** Builds the migrated database templates once per test run; each test file copies one. */
export default async function globalSetup(): Promise<void> {
  await ensureEmbeddedTemplate();
  const url = process.env.TEST_DATABASE_URL;
  if (url) await ensurePostgresTemplate(url);
}
