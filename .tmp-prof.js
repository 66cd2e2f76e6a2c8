require('reflect-metadata');
const { openEvalContext } = require('./dist/modules/mcp-catalog/eval/catalog-eval');
const repoMod = require('./dist/modules/mcp-catalog/catalog-search.repository');
const idx = require('./dist/modules/mcp-catalog/catalog-search.indexer');
const P = repoMod.CatalogSearchRepository.prototype;
const t = {};
for (const name of Object.getOwnPropertyNames(P)) { if (name==='constructor') continue; const f = P[name]; P[name] = async function(...a){ const s=performance.now(); try { return await f.apply(this,a);} finally { t[name]=(t[name]||0)+performance.now()-s; } }; }
const I = idx.CatalogSearchIndexer.prototype;
for (const name of ['runRefresh','indexServers','makeSnapshot']) { const f = I[name]; I[name] = function(...a){ const s=performance.now(); const r=f.apply(this,a); const done=()=>{t['I.'+name]=(t['I.'+name]||0)+performance.now()-s}; if (r && r.then) return r.finally(done); done(); return r; }; }
(async () => {
  const s = performance.now();
  const ctx = await openEvalContext('../shared/catalog');
  console.log('total', performance.now()-s, JSON.stringify(t, null, 1));
  for (const k of Object.keys(t)) delete t[k];
  const q = ['send an email with gmail', 'Get pod logs', 'Create variables for catalog items', 'Rename a collection in the database'];
  const s2 = performance.now();
  for (let i=0;i<20;i++) await ctx.search.search({ text: q[i%4], limit: 10 });
  console.log('20 searches', performance.now()-s2, JSON.stringify(t));
  await ctx.close();
})();
