// Chat under load, open loop: 100 sessions each sending a message about every 2 s (~50 requests/s in
// all) to POST /api/chat with the offline planner, against the running service on the whole shared
// catalog (8,818 servers; PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL names a server,
// else embedded). Each session holds a conversation of BENCH_CHAT_TURNS messages (a request, then
// follow-ups), then starts a new one, so first turns (full planning) and follow-ups both count; the
// sessions' conversations are out of step with each other, as real users' are.
// Figures: p50/p95/p99/max after a warm-up, per turn kind too, error rate, outcome mix, service CPU
// per request, RSS (peak and sampled), load average; /health at the same rate alone and, as the
// baseline in the same run, probed during the chat load; the saturation point (highest arrival rate
// whose p95 stays under BENCH_CHAT_TARGET_P95 with no errors); agent creation (POST /api/agents/create).
// Env: BENCH_CHAT_SECONDS, BENCH_CHAT_RATE, BENCH_CHAT_SESSIONS, BENCH_CHAT_TURNS, BENCH_CHAT_WARMUP,
// BENCH_CHAT_SATURATION_RATES ('' skips it), BENCH_CATALOG_DIR, BENCH_CHAT_CATALOG=starter (no import),
// BENCH_CHAT_TEMPLATE_DB (clone this migrated, imported database instead of importing: quick reruns).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { emit, freePort, peakRssMiB, percentile, round, startUntilHealthy, stop } from './lib/harness.mjs';
import { cpuMs, load1, openLoop, sampleRss, summary } from './lib/open-loop.mjs';

const SECONDS = Number(process.env.BENCH_CHAT_SECONDS ?? 20);
const RATE = Number(process.env.BENCH_CHAT_RATE ?? 50);
const SESSIONS = Number(process.env.BENCH_CHAT_SESSIONS ?? 100);
const TURNS = Number(process.env.BENCH_CHAT_TURNS ?? 4);
const WARMUP = Number(process.env.BENCH_CHAT_WARMUP ?? 5);
const TARGET_P95 = Number(process.env.BENCH_CHAT_TARGET_P95 ?? 100);
const SATURATION = (process.env.BENCH_CHAT_SATURATION_RATES ?? '10,20,30,40,50,75,100,150').split(',').filter(Boolean).map(Number);
const HEALTH_PROBES_PER_S = 5;
const USERS = 5;
const AGENT_CREATES = Number(process.env.BENCH_AGENT_CREATES ?? 200);
const CATALOG = process.env.BENCH_CHAT_CATALOG === 'starter' ? undefined : resolve(process.env.BENCH_CATALOG_DIR ?? '../shared/catalog');
const TEMPLATE = process.env.BENCH_CHAT_TEMPLATE_DB;
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

if (CATALOG && !TEMPLATE && !existsSync(join(CATALOG, 'servers.json'))) {
  process.stderr.write(`chat bench: no catalog at ${CATALOG}; set BENCH_CATALOG_DIR or BENCH_CHAT_CATALOG=starter\n`);
  process.exit(1);
}
const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const dataDir = mkdtempSync(join(tmpdir(), 'dmcp-bench-chat-'));
const env = { LOG_LEVEL: 'warn', LOG_FORMAT: 'json', NODE_ENV: 'production', DATA_DIR: dataDir, DATABASE_URL: '', ENCRYPTION_KEYS: `v1:${randomBytes(32).toString('base64')}` };
const cli = (args) => {
  const result = spawnSync(process.execPath, ['dist/cli/main.js', ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`cli ${args.join(' ')} failed: ${result.stderr.slice(-800)}`);
  return result.stdout.trim();
};
let dbName;
const mode = adminUrl ? 'postgres' : 'embedded';
if (adminUrl) {
  dbName = `dmcp_bench_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE "${dbName}"${TEMPLATE ? ` TEMPLATE "${TEMPLATE}"` : ''}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  env.DATABASE_URL = url.toString();
  if (!TEMPLATE) cli(['db', 'migrate']);
}
if (CATALOG && !TEMPLATE) cli(['catalog', 'import', CATALOG]);
const tokens = Array.from({ length: USERS }, (_, i) => `Bearer ${cli(['token', 'issue', '--sub', `bench-user-${i}`, '--ttl', '1h'])}`);

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const { child } = await startUntilHealthy(['dist/main.js'], { ...env, PORT: String(port) }, `${base}/health`, 600_000);
const catalog = CATALOG || TEMPLATE ? 'shared' : 'starter';
const common = { db: mode, sessions: SESSIONS, turns_per_conversation: TURNS, planner: 'offline', catalog };
const figure = (name, value, unit, extra = {}) => emit({ bench: 'chat', figure: name, value, unit, ...common, ...extra });

try {
  await vectorsReady();
  const health = () => fetch(`${base}/health`).then(async (r) => (await r.arrayBuffer(), { ok: r.status === 200 }));
  const idle = await openLoop(health, { rate: RATE, seconds: 5 });
  report('health', idle, { rate_per_s: RATE, load1: load1() });

  const chat = conversations();
  if (WARMUP) await openLoop(chat, { rate: RATE, seconds: WARMUP });
  const measured = await measure(chat, RATE, SECONDS, health);
  report('chat', measured.run, measured.context);
  for (const [group, latencies] of Object.entries(measured.run.groups)) {
    for (const [name, value] of Object.entries(summary(latencies))) figure(`chat.${group}.${name}`, value, 'ms', { n: latencies.length, ...measured.context });
  }
  report('chat.health_under_load', measured.probes, measured.context);
  const cpuPerRequest = measured.cpuMs / measured.run.total;
  figure('chat.service_cpu_per_request', round(cpuPerRequest, 2), 'ms', measured.context);
  // What one free core could serve at this CPU cost: the figure least moved by a busy machine.
  figure('chat.capacity_per_core', round(1000 / cpuPerRequest, 1), 'requests/s', measured.context);
  figure('chat.service_rss_max_sampled', measured.rss, 'MiB', measured.context);
  figure('service.peak_rss', round(peakRssMiB(child.pid)), 'MiB', measured.context);
  await saturation(chat);
  await agentCreation();
} finally {
  await stop(child);
  rmSync(dataDir, { recursive: true, force: true });
  if (dbName) await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
}

async function admin(sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Start-up may still be embedding the catalog: measure only once search runs hybrid. */
async function vectorsReady() {
  const deadline = Date.now() + 600_000;
  for (;;) {
    const res = await fetch(`${base}/api/catalog/search?limit=3&q=send%20an%20email`, { headers: { authorization: tokens[0] } });
    const body = await res.json();
    if (res.status === 200 && !body.results.some((r) => r.matched_fields.includes('full_text_only'))) return;
    if (Date.now() > deadline) throw new Error(`catalog search not ready: ${res.status}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * One message of the next session's conversation; after TURNS messages the session starts over.
 * Users are not in step: session i's first conversation is cut to 1 + (i mod TURNS) messages, so from
 * the second round on every round of messages mixes first turns and follow-ups (1 in TURNS first turns)
 * instead of all 100 sessions planning a new request in the same two seconds.
 */
function conversations() {
  const sessions = Array.from({ length: SESSIONS }, (_, i) => ({ token: tokens[i % USERS], id: undefined, turns: 0, length: 1 + (i % TURNS), request: REQUESTS[i % REQUESTS.length] }));
  let next = 0;
  return async () => {
    const s = sessions[next++ % sessions.length];
    if (s.turns >= s.length) Object.assign(s, { id: undefined, turns: 0, length: TURNS });
    const first = s.turns === 0;
    const message = first ? s.request : FOLLOW_UPS[(s.turns - 1) % FOLLOW_UPS.length];
    s.turns += 1;
    const res = await fetch(`${base}/api/chat`, { method: 'POST', headers: { authorization: s.token, 'content-type': 'application/json' }, body: JSON.stringify({ message, session_id: s.id }) });
    const body = await res.json();
    if (res.status === 200 && !s.id) s.id = body.session_id;
    const ok = res.status === 200 && body.status !== 'error';
    return { ok, group: first ? 'first_turn' : 'follow_up', kind: res.status === 200 ? body.status : `${res.status} ${body.error?.code ?? ''}` };
  };
}

/** A chat phase with /health probed alongside (the same run's baseline), service CPU and RSS. */
async function measure(chat, rate, seconds, health) {
  const loadBefore = load1();
  const cpuBefore = cpuMs(child.pid);
  const rss = sampleRss(child.pid);
  const [run, probes] = await Promise.all([openLoop(chat, { rate, seconds }), openLoop(health, { rate: HEALTH_PROBES_PER_S, seconds })]);
  // The service's CPU includes the few /health probes, which cost next to nothing beside a chat turn.
  const used = cpuMs(child.pid) - cpuBefore;
  const context = { rate_per_s: rate, seconds, sent_rate_per_s: round(run.sentRate, 1), load1_before: loadBefore, load1_after: load1() };
  return { run, probes, cpuMs: used, rss: rss(), context };
}

function report(name, run, context) {
  for (const [key, value] of Object.entries(summary(run.all))) figure(`${name}.${key}`, value, 'ms', { n: run.total, ...context });
  figure(`${name}.error_rate`, round(run.errors / run.total, 4), 'ratio', { n: run.total, outcomes: run.kinds, ...context });
}

/** Steps the arrival rate up until p95 passes the target or a request fails; reports the last rate that held. */
async function saturation(chat) {
  let held = 0;
  for (const rate of SATURATION) {
    const step = await openLoop(chat, { rate, seconds: 10 });
    const p95 = round(percentile(step.all, 95));
    figure('saturation.step.p95', p95, 'ms', { rate_per_s: rate, n: step.total, errors: step.errors, load1: load1() });
    if (step.errors > 0 || !(p95 <= TARGET_P95)) break;
    held = rate;
  }
  if (SATURATION.length) figure('saturation.max_rate_p95_under_target', held, 'requests/s', { target_p95_ms: TARGET_P95, load1: load1() });
}

async function agentCreation() {
  const body = JSON.stringify({ mcp_config: { mcpServers: { [SLACK]: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-slack'], env: { SLACK_TEAM_ID: 'T0123ABCD' } } } }, user_prompt: 'Post a daily summary to #eng' });
  const latencies = [];
  let errors = 0;
  const loadBefore = load1();
  for (let i = 0; i < AGENT_CREATES + 20; i += 1) {
    const sent = performance.now();
    const res = await fetch(`${base}/api/agents/create`, { method: 'POST', headers: { authorization: tokens[i % USERS], 'content-type': 'application/json' }, body });
    await res.arrayBuffer();
    if (i < 20) continue; // warm-up
    if (res.status === 201) latencies.push(performance.now() - sent);
    else errors += 1;
  }
  const context = { n: AGENT_CREATES, db: mode, load1_before: loadBefore, load1_after: load1() };
  for (const [key, value] of Object.entries(summary(latencies))) emit({ bench: 'chat', figure: `agent_create.${key}`, value, unit: 'ms', ...context });
  emit({ bench: 'chat', figure: 'agent_create.error_rate', value: round(errors / AGENT_CREATES, 4), unit: 'ratio', ...context });
}
