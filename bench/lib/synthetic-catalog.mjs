// 100,000 synthetic catalog servers for the search benchmark: each recombines a real record's name
// and tools with words from two other real descriptions (deterministic), inserted in bulk with SQL.
import { readFileSync } from 'node:fs';
import pg from 'pg';

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

export function syntheticServers(realServers, count) {
  const rand = rng(42);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const out = [];
  for (let i = 0; i < count; i += 1) {
    const base = realServers[i % realServers.length];
    const a = pick(realServers);
    const b = pick(realServers);
    const words = `${a.description ?? ''} ${b.description ?? ''}`.split(/\s+/).filter(Boolean);
    const mixed = Array.from({ length: Math.min(40, words.length) }, () => pick(words)).join(' ');
    out.push({
      id: `synthetic/${i}/${base.id}`.slice(0, 200),
      name: `${base.name ?? base.id} ${pick(words) ?? ''}`.trim(),
      description: `${(base.description ?? '').slice(0, 200)} ${mixed}`,
      categories: base.categories ?? [],
      tools: (base.tools ?? []).slice(0, 12).map((t, p) => ({ name: t.name, description: t.description ?? '', position: p })),
    });
  }
  return out;
}

export async function insertSyntheticServers(url, serversJson, count) {
  const real = JSON.parse(readFileSync(serversJson, 'utf8')).servers;
  const servers = syntheticServers(real, count);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = process.hrtime.bigint();
  try {
    for (let i = 0; i < servers.length; i += 2000) {
      const batch = servers.slice(i, i + 2000);
      await client.query(
        `INSERT INTO mcp_servers (id, name, description, categories, source, content_hash, updated_at)
         SELECT v.id, v.name, v.description, ARRAY(SELECT json_array_elements_text(v.cats::json)), 'synthetic', 'synthetic', now()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS v(id, name, description, cats)`,
        [batch.map((s) => s.id), batch.map((s) => s.name), batch.map((s) => s.description), batch.map((s) => JSON.stringify(s.categories))],
      );
      const tools = batch.flatMap((s) => s.tools.map((t) => ({ ...t, serverId: s.id })));
      const seen = new Set();
      const unique = tools.filter((t) => !seen.has(`${t.serverId}\n${t.name}`) && seen.add(`${t.serverId}\n${t.name}`));
      await client.query(
        `INSERT INTO mcp_tools (server_id, name, description, position) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[])`,
        [unique.map((t) => t.serverId), unique.map((t) => t.name), unique.map((t) => t.description), unique.map((t) => t.position)],
      );
    }
  } finally {
    await client.end();
  }
  return { count: servers.length, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}
