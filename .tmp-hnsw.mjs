const { PGlite } = await import('@electric-sql/pglite');
const { vector } = await import('@electric-sql/pglite-pgvector');
const pg = await PGlite.create({ extensions: { vector } });
await pg.exec('CREATE EXTENSION IF NOT EXISTS vector');
await pg.exec(`CREATE TABLE e (id text, model text, embedding vector NOT NULL);`);
const N=8818, D=384;
const rows=[]; for (let i=0;i<N;i++){ const v=[]; for(let j=0;j<D;j++) v.push((Math.random()-0.5).toFixed(5)); rows.push([`s${i}`,`[${v.join(',')}]`]); }
let t=performance.now();
for (let i=0;i<N;i+=500){ const b=rows.slice(i,i+500); await pg.query(`INSERT INTO e SELECT v.id,'m',v.e::vector FROM unnest($1::text[],$2::text[]) v(id,e)`, [b.map(r=>r[0]), b.map(r=>r[1])]); }
console.log('insert no index', performance.now()-t);
for (const [m, efc] of [[16,64],[12,40],[8,32]]) {
t=performance.now();
await pg.exec(`CREATE INDEX e_h ON e USING hnsw ((embedding::vector(384)) vector_cosine_ops) WITH (m=${m}, ef_construction=${efc}) WHERE model = 'm'`);
console.log('create index', m, efc, performance.now()-t);
const q = rows[5][1];
t=performance.now();
for (let i=0;i<20;i++){ await pg.query(`BEGIN`); await pg.query(`SELECT set_config('hnsw.ef_search','200',true)`); await pg.query(`SELECT id FROM e WHERE model='m' ORDER BY embedding::vector(384) <=> $1::vector(384) LIMIT 200`, [rows[i][1]]); await pg.query('COMMIT'); }
console.log('hnsw query x20', performance.now()-t);
await pg.exec('DROP INDEX e_h');
}
t=performance.now();
for (let i=0;i<20;i++){ await pg.query(`SELECT id FROM e WHERE model='m' ORDER BY embedding <=> $1::vector LIMIT 200`, [rows[i][1]]); }
console.log('exact query x20', performance.now()-t);
