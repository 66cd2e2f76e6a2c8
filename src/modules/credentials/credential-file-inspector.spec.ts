import { decodedBase64Size, inspectCredentialFile, sanitizeFileName } from './credential-file-inspector';

const oauth = { fileType: 'json', fileShape: 'google_oauth_client' };
const sa = { fileType: 'json', fileShape: 'google_service_account' };
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('credential file checks', () => {
  it.each([0, 1, 2, 3, 4, 5, 100, 1023])('computes the decoded size of %i bytes from the base64 length', (n) => {
    expect(decodedBase64Size(Buffer.alloc(n, 7).toString('base64'))).toBe(n);
  });

  it('accepts well-shaped Google files', () => {
    expect(inspectCredentialFile(json({ installed: { client_id: 'a', client_secret: 'b' } }), oauth)).toEqual({ ok: true, fileType: 'json' });
    expect(inspectCredentialFile(json({ web: { client_id: 'a', client_secret: 'b' } }), oauth)).toEqual({ ok: true, fileType: 'json' });
    expect(inspectCredentialFile(json({ type: 'service_account', private_key: 'k', client_email: 'e' }), sa)).toEqual({ ok: true, fileType: 'json' });
  });

  it.each([
    ['an ELF binary', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1]), 'ELF'],
    ['a PE binary', Buffer.from('MZ\x90\x00'), 'Windows'],
    ['a Mach-O binary', Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7]), 'Mach-O'],
    ['a script', Buffer.from('#!/bin/sh\nrm -rf /'), 'script'],
    ['a zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1]), 'zip'],
    ['a gzip', Buffer.from([0x1f, 0x8b, 8, 0]), 'gzip'],
    ['a 7z', Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0]), '7z'],
    ['a rar', Buffer.from([0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0]), 'rar'],
    ['a tar', Buffer.concat([Buffer.alloc(257), Buffer.from('ustar\u000000')]), 'tar'],
    ['invalid JSON', Buffer.from('{not json'), 'not valid JSON'],
    ['an OAuth file without a secret', json({ installed: { client_id: 'a' } }), 'client_secret'],
    ['a service account file for an OAuth key', json({ type: 'service_account', private_key: 'k', client_email: 'e' }), 'installed'],
    ['an empty file', Buffer.alloc(0), 'empty'],
  ])('refuses %s', (_name, bytes, reason) => {
    const result = inspectCredentialFile(bytes, oauth);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });

  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\client secret.json', 'client_secret.json'],
    ['.hidden', 'hidden'],
    ['', 'credential'],
    ['ünï©ødé;rm -rf.json', '_n___d__rm_-rf.json'],
  ])('sanitises the file name %j', (name, expected) => {
    expect(sanitizeFileName(name)).toBe(expected);
  });
});
