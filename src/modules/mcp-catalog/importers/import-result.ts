import type { CatalogServer } from '../catalog.types';

/** A record an importer could not use, and why (the key is the server id, or `#<index>` without one). */
export interface SkippedRecord {
  key: string;
  reason: string;
}

/** What a pure parser produces: records ready to apply, ids the source says are gone, and rejects. */
export interface ParsedCatalog {
  records: CatalogServer[];
  skipped: SkippedRecord[];
  /** Ids the source explicitly removed (registry entries with status `deleted`). */
  removedIds?: string[];
}

/** One import's outcome, as the CLI prints it and tests check it. */
export interface ImportReport {
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  skipped: Array<{ id: string; reason: string }>;
}

export function emptyReport(): ImportReport {
  return { added: 0, updated: 0, unchanged: 0, removed: 0, skipped: [] };
}

export function mergeReports(into: ImportReport, from: ImportReport): ImportReport {
  into.added += from.added;
  into.updated += from.updated;
  into.unchanged += from.unchanged;
  into.removed += from.removed;
  into.skipped.push(...from.skipped);
  return into;
}

export function summarizeReport(report: ImportReport): string {
  return `added ${report.added}, updated ${report.updated}, unchanged ${report.unchanged}, removed ${report.removed}, skipped ${report.skipped.length}`;
}
