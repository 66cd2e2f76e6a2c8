#!/usr/bin/env node
// Consistency check for the starter catalog in this folder
// (servers.json, config.json, credinfo.json). Plain Node, no dependencies.
//
//   node config/check-starter-catalog.mjs [dir]
//
// Exits 0 when every check passes, 1 otherwise, and prints one line per problem
// followed by a closing "N passed, N failed" line.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = process.argv[2] ?? dirname(fileURLToPath(import.meta.url));

// Made-up sample values for every `formats` entry, keyed "<server id>::<KEY>".
// Each must match its pattern; the obviously wrong values below must not.
const FORMAT_SAMPLES = {
  'github.com/modelcontextprotocol/servers/src/slack::SLACK_BOT_TOKEN': 'xoxb-1234567890123-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
  'npm:@notionhq/notion-mcp-server::NOTION_TOKEN': 'ntn_1234567890abcdefGHIJKLMNOPqrstuvwxYZ0123456789ab',
  'github.com/taylorwilsdon/google_workspace_mcp::GOOGLE_OAUTH_CLIENT_SECRET': 'GOCSPX-AbCdEfGhIjKlMnOpQrStUvWxYz12',
  'io.github.domdomegg/airtable-mcp-server::AIRTABLE_API_KEY': 'patAbCdEfGhIjKlMn.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  'github.com/github/github-mcp-server::GITHUB_PERSONAL_ACCESS_TOKEN': 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcd',
  'github.com/zereight/gitlab-mcp::GITLAB_PERSONAL_ACCESS_TOKEN': 'glpat-AbCdEfGhIjKlMnOpQrSt',
  'docker:linear::LINEAR_API_KEY': 'lin_api_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd',
  'io.github.taazkareem/clickup-mcp-server::CLICKUP_API_KEY': 'pk_12345678_ABCDEFGHIJKLMNOPQRSTUVWXYZ012345',
  'github.com/hubspot/mcp-server::PRIVATE_APP_ACCESS_TOKEN': 'pat-na1-12345678-abcd-ef01-2345-6789abcdef01',
  'io.github.stripe/agent-toolkit::STRIPE_SECRET_KEY': 'rk_test_51AbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
  'io.github.geli2001/shopify-mcp::SHOPIFY_ACCESS_TOKEN': 'shpat_0123456789abcdef0123456789abcdef',
  'oci:mcp/aws-api-mcp-server::AWS_ACCESS_KEY_ID': 'AKIAIOSFODNN7EXAMPLE',
  'oci:mcp/aws-api-mcp-server::AWS_SECRET_ACCESS_KEY': 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'github.com/crystaldba/postgres-mcp::DATABASE_URI': 'postgresql://mcp_reader:s3cret@db.example.com:5432/app?sslmode=require',
  'io.github.mongodb-js/mongodb-mcp-server::MDB_MCP_CONNECTION_STRING': 'mongodb+srv://reader:s3cret@cluster0.abcde.mongodb.net/app',
  'github.com/supabase-community/supabase-mcp::SUPABASE_ACCESS_TOKEN': 'sbp_0123456789abcdef0123456789abcdef01234567',
  'io.github.tavily-ai/tavily-mcp::TAVILY_API_KEY': 'tvly-dev-AbCdEfGhIjKlMnOpQrStUvWx',
  'io.github.mendableai/firecrawl-mcp-server::FIRECRAWL_API_KEY': 'fc-0123456789abcdef0123456789abcdef',
  'oci:mcp/google-maps::GOOGLE_MAPS_API_KEY': 'AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q',
  'io.github.zubeidhendricks/youtube-mcp-server::YOUTUBE_API_KEY': 'AIzaSyZ9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J',
  'io.github.glips/figma-context-mcp::FIGMA_API_KEY': 'figd_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
  'docker:sentry::SENTRY_ACCESS_TOKEN': 'sntryu_0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab',
  'docker:sentry::OPENAI_API_KEY': 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
  'github.com/winor30/mcp-server-datadog::DATADOG_API_KEY': '0123456789abcdef0123456789abcdef',
  'github.com/winor30/mcp-server-datadog::DATADOG_APP_KEY': '0123456789abcdef0123456789abcdef01234567',
  'io.github.grafana/mcp-grafana::GRAFANA_SERVICE_ACCOUNT_TOKEN': 'glsa_AbCdEfGhIjKlMnOpQrStUvWxYz012345_0a1b2c3d',
  'github.com/twilio-labs/mcp::TWILIO_API_KEY': 'SK0123456789abcdef0123456789abcdef',
  'github.com/twilio-labs/mcp::TWILIO_ACCOUNT_SID': 'AC0123456789abcdef0123456789abcdef',
  'github.com/resend/mcp-send-email::RESEND_API_KEY': 're_AbCdEfGh_IjKlMnOpQrStUvWxYz012345',
};
const WRONG_VALUES = ['', 'not-a-token', 'password123', 'https://example.com'];

const STDIO_REGISTRIES = new Set(['npm', 'pypi', 'oci']);
const REMOTE_TRANSPORTS = new Set(['streamable-http', 'sse']);
const FILE_SHAPES = new Set(['google_oauth_client', 'google_service_account', 'other']);
const PLACEHOLDER = /\{([A-Z][A-Z0-9_]*)\}/g;

let passed = 0;
const failures = [];
function check(ok, message) {
  if (ok) passed += 1;
  else failures.push(message);
  return ok;
}
const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isNonEmptyString = (v) => typeof v === 'string' && v.trim().length > 0;

function load(name) {
  try {
    const data = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    check(true, '');
    return data;
  } catch (err) {
    check(false, `${name}: not readable as JSON (${err.message})`);
    return null;
  }
}

const serversDoc = load('servers.json');
const configDoc = load('config.json');
const credDoc = load('credinfo.json');
if (!serversDoc || !configDoc || !credDoc) finish();

// --- servers.json -----------------------------------------------------------
const servers = serversDoc.servers;
check(Array.isArray(servers) && servers.length > 0, 'servers.json: "servers" must be a non-empty array');
/**
 * Hubs whose tools are whatever actions the user enables: they list none. Example actions listed as
 * tools ("gmail_send_email") made the hub outrank the Gmail, Sheets or Slack server for their requests.
 */
const TOOLS_SET_BY_USER = new Set(['everworks:zapier-mcp']);

const byId = new Map();
for (const s of servers ?? []) {
  const where = `servers.json ${s?.id ?? '(no id)'}`;
  if (!check(isNonEmptyString(s?.id), `${where}: missing id`)) continue;
  check(!byId.has(s.id), `${where}: duplicate id`);
  byId.set(s.id, s);
  check(isNonEmptyString(s.name), `${where}: missing name`);
  check(isNonEmptyString(s.description) && s.description.length >= 40, `${where}: description missing or too short`);
  check(Array.isArray(s.categories) && s.categories.length > 0 &&
        s.categories.every((c) => typeof c === 'string' && /^[a-z][a-z0-9-]*$/.test(c)),
        `${where}: categories must be a non-empty list of lowercase words`);
  check(s.repository === null || (typeof s.repository === 'string' && s.repository.startsWith('https://')),
        `${where}: repository must be an https URL or null`);
  const minTools = TOOLS_SET_BY_USER.has(s.id) ? 0 : 1;
  check(Array.isArray(s.tools) && s.tools.length >= minTools && s.tools.length <= 15, `${where}: needs ${minTools}-15 tools`);
  const names = new Set();
  for (const t of s.tools ?? []) {
    check(isNonEmptyString(t?.name) && isNonEmptyString(t?.description), `${where}: tool without name or description`);
    check(!names.has(t?.name), `${where}: duplicate tool ${t?.name}`);
    names.add(t?.name);
  }
}

// --- config.json ------------------------------------------------------------
const configs = configDoc.mcpServers;
check(isObj(configs), 'config.json: "mcpServers" must be an object');
for (const id of byId.keys()) check(configs?.[id] !== undefined, `config.json: no entry for ${id}`);
const referenced = new Map(); // id -> Set of env keys and placeholders
for (const [id, c] of Object.entries(configs ?? {})) {
  const where = `config.json ${id}`;
  check(byId.has(id), `${where}: id not in servers.json`);
  const refs = new Set();
  referenced.set(id, refs);
  check(isObj(c?.env) && Object.values(c.env).every((v) => v === ''), `${where}: env must be an object of empty strings`);
  Object.keys(c?.env ?? {}).forEach((k) => refs.add(k));
  const collect = (text) => { for (const m of String(text).matchAll(PLACEHOLDER)) refs.add(m[1]); };
  if (c?.url !== undefined) {
    check(/^https?:\/\//.test(c.url), `${where}: url must be http(s)`);
    check(REMOTE_TRANSPORTS.has(c.transport), `${where}: remote transport must be streamable-http or sse`);
    check(c.command === undefined, `${where}: remote entry must not have a command`);
    collect(c.url);
    if (c.headers !== undefined) {
      check(isObj(c.headers), `${where}: headers must be an object`);
      Object.values(c.headers ?? {}).forEach(collect);
    }
  } else {
    check(isNonEmptyString(c?.command), `${where}: stdio entry needs a command`);
    check(Array.isArray(c?.args) && c.args.every((a) => typeof a === 'string'), `${where}: args must be strings`);
    check(c?.transport === 'stdio', `${where}: transport must be stdio`);
    if (c?.package !== undefined) {
      check(STDIO_REGISTRIES.has(c.package?.registry) && isNonEmptyString(c.package?.identifier),
            `${where}: package needs registry npm|pypi|oci and an identifier`);
    }
    (c?.args ?? []).forEach(collect);
  }
}

// --- credinfo.json ------------------------------------------------------------
const creds = credDoc.credential_instructions;
check(isObj(creds), 'credinfo.json: "credential_instructions" must be an object');
for (const [id, ci] of Object.entries(creds ?? {})) {
  const where = `credinfo.json ${id}`;
  if (!check(byId.has(id), `${where}: id not in servers.json`)) continue;
  check(configs?.[id] !== undefined, `${where}: id not in config.json`);
  for (const m of ['required_tokens', 'optional_tokens', 'settings']) check(isObj(ci[m]), `${where}: ${m} must be an object`);
  check(Array.isArray(ci.steps) && ci.steps.every(isNonEmptyString), `${where}: steps must be a list of strings`);

  const required = Object.keys(ci.required_tokens ?? {});
  const optional = Object.keys(ci.optional_tokens ?? {});
  const settings = Object.keys(ci.settings ?? {});
  const files = Object.keys(ci.files ?? {});
  const declared = new Set([...required, ...optional, ...settings, ...files]);
  const all = [...required, ...optional, ...settings, ...files];
  check(declared.size === all.length, `${where}: a key is declared twice (tokens, settings and files must not overlap)`);

  for (const k of required) check(isNonEmptyString(ci.required_tokens[k]), `${where}: ${k} needs a description`);
  for (const k of optional) check(isNonEmptyString(ci.optional_tokens[k]), `${where}: ${k} needs a description`);
  for (const k of settings) {
    const st = ci.settings[k];
    check(isNonEmptyString(st?.description) && typeof st?.required === 'boolean', `${where}: setting ${k} needs description and boolean required`);
  }
  for (const k of files) {
    const f = ci.files[k];
    check(isNonEmptyString(f?.description) && f?.file_type === 'json' && FILE_SHAPES.has(f?.shape) && typeof f?.required === 'boolean',
          `${where}: file ${k} needs description, file_type json, a known shape and boolean required`);
  }

  // instructions: every token, setting and file has 3-7 steps; no stray keys
  const instr = ci.instructions ?? {};
  check(isObj(instr), `${where}: instructions must be an object`);
  for (const k of all) {
    const steps = instr[k];
    check(Array.isArray(steps) && steps.length >= 3 && steps.length <= 7 && steps.every(isNonEmptyString),
          `${where}: ${k} needs 3-7 instruction steps (has ${Array.isArray(steps) ? steps.length : 0})`);
  }
  for (const k of Object.keys(instr)) check(declared.has(k), `${where}: instructions for undeclared key ${k}`);

  // every declared key is used by the launch config, and every key the config uses is declared
  const refs = referenced.get(id) ?? new Set();
  for (const k of declared) check(refs.has(k), `${where}: ${k} is declared but config.json never passes it (env or {${k}})`);
  for (const k of refs) check(declared.has(k), `${where}: config.json uses ${k} but credinfo does not declare it`);

  // formats: anchored, compile, accept the sample, reject wrong values
  for (const [k, fmt] of Object.entries(ci.formats ?? {})) {
    check(declared.has(k), `${where}: format for undeclared key ${k}`);
    check(isNonEmptyString(fmt?.hint), `${where}: format ${k} needs a hint`);
    let re = null;
    try { re = new RegExp(fmt.pattern); } catch (err) { check(false, `${where}: format ${k} does not compile (${err.message})`); continue; }
    check(fmt.pattern.startsWith('^'), `${where}: format ${k} must be anchored with ^`);
    const sample = FORMAT_SAMPLES[`${id}::${k}`];
    if (check(sample !== undefined, `${where}: no sample value in FORMAT_SAMPLES for ${k}`)) {
      check(re.test(sample), `${where}: format ${k} rejects its sample value`);
      check(!re.test(`x${sample}`) || fmt.pattern.endsWith('.+'), `${where}: format ${k} accepts a value with a wrong prefix`);
    }
    for (const bad of WRONG_VALUES) check(!re.test(bad), `${where}: format ${k} accepts obviously wrong value "${bad}"`);
  }

  // validation tool must be one of the server's tools
  if (ci.validation_tool !== undefined) {
    const v = ci.validation_tool;
    const toolNames = new Set((byId.get(id).tools ?? []).map((t) => t.name));
    check(toolNames.has(v?.name), `${where}: validation_tool ${v?.name} is not a tool of this server`);
    check(isObj(v?.arguments), `${where}: validation_tool.arguments must be an object`);
  }
}
// servers that pass credentials must have a credinfo entry
for (const [id, refs] of referenced) {
  if (refs.size > 0) check(creds?.[id] !== undefined, `credinfo.json: ${id} uses ${[...refs].join(', ')} but has no entry`);
}
// every sample belongs to a real format
for (const key of Object.keys(FORMAT_SAMPLES)) {
  const [id, k] = key.split('::');
  check(creds?.[id]?.formats?.[k] !== undefined, `FORMAT_SAMPLES: ${key} has no matching format`);
}

finish();

function finish() {
  for (const f of failures) console.log(`FAIL ${f}`);
  console.log(`starter catalog: ${byIdSize()} servers checked`);
  console.log(`${passed} passed, ${failures.length} failed`);
  process.exit(failures.length ? 1 : 0);
}
function byIdSize() { try { return byId.size; } catch { return 0; } }
