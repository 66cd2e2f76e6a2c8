// Chat under load: 100 sessions each sending a message about every 2 s (open loop, ~50 requests/s in
// all) to POST /api/chat with the offline planner, against the running service (PostgreSQL when
// BENCH_DATABASE_URL or TEST_DATABASE_URL names a server, else embedded). Figures: p50/p95/p99, error
// rate, peak RSS; /health at the same arrival rate as the baseline; agent creation latency
// (POST /api/agents/create, sequential). BENCH_CHAT_SECONDS, BENCH_CHAT_RATE, BENCH_CHAT_SESSIONS tune it.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { emit, freePort, peakRssMiB, percentile, round, startUntilHealthy, stop } from './lib/harness.mjs';

const SECONDS = Number(process.env.BENCH_CHAT_SECONDS ?? 20);
const RATE = Number(process.env.BENCH_CHAT_RATE ?? 50);
const SESSIONS = Number(process.env.BENCH_CHAT_SESSIONS ?? 100);
const USERS = 5;
const AGENT_CREATES = Number(process.env.BENCH_AGENT_CREATES ?? 200);
const SLACK = 'github.com/modelcontextprotocol/servers/src/slack';
const REQUESTS = [
  'Watch my Gmail for invoices, add them to a Google Sheet and ping Slack',
  'When a GitHub issue is labelled bug, post it to Slack',
  'Create a Linear ticket for every new Sentry error',
  'Summarize my Notion meeting notes and email them with Gmail',
  'Log new Stripe payments to an Airtable base',
  'Check the weather every morning and message me on Slack',
];
const FOLLOW_UPS = ['also post to Discord', 'use Microsoft Teams instead of Slack', 'thanks, what is still missing?'];

const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const dataDir = mkdtempSync(join(tmpdir(), 'dmcp-bench-chat-'));
const env = { LOG_LEVEL: 'warn', LOG_FORMAT: 'json', NODE_ENV: 'production', DATA_DIR: dataDir, DATABASE_URL: '', ENCRYPTION_KEYS: `v1:${randomBytes(32).toString('base64')}` };
let dbName;
let mode = 'embedded';
if (adminUrl) {
  mode = 'postgres';
  dbName = `dmcp_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  env.DATABASE_URL = url.toString();
  const migrate = spawnSync(process.execPath, ['dist/cli/main.js', 'db', 'migrate'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  if (migrate.status !== 0) throw new Error('migration failed');
}

const tokens = [];
for (let i = 0; i < USERS; i += 1) {
  const issued = spawnSync(process.execPath, ['dist/cli/main.js', 'token', 'issue', '--sub', `bench-user-${i}`, '--ttl', '1h'], { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (issued.status !== 0) throw new Error(`token issue failed: ${issued.stderr}`);
  tokens.push(`Bearer ${issued.stdout.trim()}`);
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const { child } = await startUntilHealthy(['dist/main.js'], { ...env, PORT: String(port) }, `${base}/health`);
const common = { db: mode, sessions: SESSIONS, rate_per_s: RATE, seconds: SECONDS, planner: 'offline', catalog: 'starter' };

try {
  await openLoop('health', () => fetch(`${base}/health`).then((r) => ({ ok: r.status === 200 })), 5);
  const sessions = Array.from({ length: SESSIONS }, (_, i) => ({ token: tokens[i % USERS], id: undefined, turns: 0, request: REQUESTS[i % REQUESTS.length] }));
  let next = 0;
  const chat = async () => {
    const s = sessions[next++ % sessions.length];
    const message = s.turns === 0 ? s.request : FOLLOW_UPS[(s.turns - 1) % FOLLOW_UPS.length];
    s.turns += 1;
    const res = await fetch(`${base}/api/chat`, { method: 'POST', headers: { authorization: s.token, 'content-type': 'application/json' }, body: JSON.stringify({ message, session_id: s.id }) });
    const body = await res.json();
    if (res.status === 200 && !s.id) s.id = body.session_id;
    return { ok: res.status === 200 && body.status !== 'error', kind: res.status === 200 ? body.status : `${res.status} ${body.error?.code ?? ''}` };
  };
  await openLoop('chat', chat, SECONDS);
  emit({ bench: 'chat', figure: 'service.peak_rss', value: round(peakRssMiB(child.pid)), unit: 'MiB', ...common });
  await agentCreation();
} finally {
  await stop(child);
  rmSync(dataDir, { recursive: true, force: true });
  if (dbName) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  }
}

/** Fires `call` at RATE per second for `seconds`, whatever the answers do, and reports latencies. */
async function openLoop(name, call, seconds) {
  const latencies = [];
  let errors = 0;
  const kinds = {};
  const pending = [];
  const total = Math.round(RATE * seconds);
  const started = performance.now();
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const sent = performance.now();
    pending.push(
      call()
        .then((r) => {
          if (r.ok) latencies.push(performance.now() - sent);
          else {
            errors += 1;
            kinds[r.kind] = (kinds[r.kind] ?? 0) + 1;
          }
        })
        .catch((error) => {
          errors += 1;
          kinds[error.cause?.code ?? error.name] = (kinds[error.cause?.code ?? error.name] ?? 0) + 1;
        }),
    );
  }
  await Promise.all(pending);
  const figure = (f, value, unit = 'ms') => emit({ bench: 'chat', figure: `${name}.${f}`, value, unit, n: total, ...common });
  figure('p50', round(percentile(latencies, 50)));
  figure('p95', round(percentile(latencies, 95)));
  figure('p99', round(percentile(latencies, 99)));
  emit({ bench: 'chat', figure: `${name}.error_rate`, value: round(errors / total, 4), unit: 'ratio', n: total, errors_by_kind: kinds, ...common });
}

async function agentCreation() {
  const body = JSON.stringify({ mcp_config: { mcpServers: { [SLACK]: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-slack'], env: { SLACK_TEAM_ID: 'T0123ABCD' } } } }, user_prompt: 'Post a daily summary to #eng' });
  const latencies = [];
  let errors = 0;
  for (let i = 0; i < AGENT_CREATES; i += 1) {
    const sent = performance.now();
    const res = await fetch(`${base}/api/agents/create`, { method: 'POST', headers: { authorization: tokens[i % USERS], 'content-type': 'application/json' }, body });
    await res.arrayBuffer();
    if (res.status === 201) latencies.push(performance.now() - sent);
    else errors += 1;
  }
  for (const p of [50, 95, 99]) emit({ bench: 'chat', figure: `agent_create.p${p}`, value: round(percentile(latencies, p)), unit: 'ms', n: AGENT_CREATES, db: mode });
  emit({ bench: 'chat', figure: 'agent_create.error_rate', value: round(errors / AGENT_CREATES, 4), unit: 'ratio', n: AGENT_CREATES, db: mode });
}
