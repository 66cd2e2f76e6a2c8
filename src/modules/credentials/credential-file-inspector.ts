import { basename } from 'node:path';
import type { CredentialRequirement } from '../mcp-catalog/catalog.types';

/** Magic numbers of things that must never be stored as a credential file. */
const REFUSED_SIGNATURES: Array<{ what: string; offset: number; bytes: number[] }> = [
  { what: 'an ELF executable', offset: 0, bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { what: 'a Windows executable', offset: 0, bytes: [0x4d, 0x5a] },
  { what: 'a Mach-O executable', offset: 0, bytes: [0xfe, 0xed, 0xfa, 0xce] },
  { what: 'a Mach-O executable', offset: 0, bytes: [0xfe, 0xed, 0xfa, 0xcf] },
  { what: 'a Mach-O executable', offset: 0, bytes: [0xce, 0xfa, 0xed, 0xfe] },
  { what: 'a Mach-O executable', offset: 0, bytes: [0xcf, 0xfa, 0xed, 0xfe] },
  { what: 'a Mach-O executable', offset: 0, bytes: [0xca, 0xfe, 0xba, 0xbe] },
  { what: 'a script', offset: 0, bytes: [0x23, 0x21] },
  { what: 'a zip archive', offset: 0, bytes: [0x50, 0x4b, 0x03, 0x04] },
  { what: 'a zip archive', offset: 0, bytes: [0x50, 0x4b, 0x05, 0x06] },
  { what: 'a zip archive', offset: 0, bytes: [0x50, 0x4b, 0x07, 0x08] },
  { what: 'a gzip archive', offset: 0, bytes: [0x1f, 0x8b] },
  { what: 'a bzip2 archive', offset: 0, bytes: [0x42, 0x5a, 0x68] },
  { what: 'an xz archive', offset: 0, bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { what: 'a 7z archive', offset: 0, bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { what: 'a rar archive', offset: 0, bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
  { what: 'a tar archive', offset: 257, bytes: [0x75, 0x73, 0x74, 0x61, 0x72] },
];

export type FileCheck = { ok: true; fileType: string } | { ok: false; reason: string };

/** Decoded size of a base64 string, computed from its length so nothing is decoded first. */
export function decodedBase64Size(base64: string): number {
  const clean = base64.replace(/\s+/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - padding;
}

export function isBase64(text: string): boolean {
  const clean = text.replace(/\s+/g, '');
  return clean.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(clean);
}

/** A safe file name: no directories, no leading dots, only [A-Za-z0-9._-], at most 100 characters. */
export function sanitizeFileName(name: string | undefined): string {
  const base = basename(String(name ?? '').replace(/\\/g, '/'));
  const safe = base.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^[.]+/, '').slice(0, 100);
  return safe.length > 0 ? safe : 'credential';
}

function refusedKind(bytes: Buffer): string | undefined {
  return REFUSED_SIGNATURES.find((sig) => bytes.length >= sig.offset + sig.bytes.length && sig.bytes.every((b, i) => bytes[sig.offset + i] === b))?.what;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const nonEmpty = (value: unknown) => typeof value === 'string' && value.length > 0;

/** Whether parsed JSON has the shape the catalog expects; the reason names fields, never values. */
function shapeProblem(json: unknown, shape: string | undefined): string | undefined {
  if (!isRecord(json)) return 'the file must hold a JSON object';
  if (shape === 'google_oauth_client') {
    const client = isRecord(json.installed) ? json.installed : isRecord(json.web) ? json.web : undefined;
    if (!client) return 'a Google OAuth client file has an "installed" or "web" object';
    if (!nonEmpty(client.client_id) || !nonEmpty(client.client_secret)) return 'a Google OAuth client file needs client_id and client_secret';
  }
  if (shape === 'google_service_account') {
    if (json.type !== 'service_account') return 'a Google service account file has "type": "service_account"';
    if (!nonEmpty(json.private_key) || !nonEmpty(json.client_email)) return 'a Google service account file needs private_key and client_email';
  }
  return undefined;
}

/** Sniffs the bytes: refuses executables and archives, and checks JSON files against their shape. */
export function inspectCredentialFile(bytes: Buffer, requirement: Pick<CredentialRequirement, 'fileType' | 'fileShape'>): FileCheck {
  if (bytes.length === 0) return { ok: false, reason: 'the file is empty' };
  const refused = refusedKind(bytes);
  if (refused) return { ok: false, reason: `the file is ${refused}, which is never accepted as a credential` };
  const expected = requirement.fileType ?? 'json';
  if (expected !== 'json') return { ok: true, fileType: expected };
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { ok: false, reason: 'the file is not valid JSON' };
  }
  const problem = shapeProblem(json, requirement.fileShape);
  return problem ? { ok: false, reason: problem } : { ok: true, fileType: 'json' };
}
