import pg from 'pg';
const pool = new pg.Pool({ connectionString: process.argv[2] });
const sql = "SELECT term, field, data FROM postings WHERE term = ANY($1) AND field <> 1 ORDER BY term, field, batch";
for (const binary of [false, true, false, true]) {
  const t = performance.now();
  const r = await pool.query({ text: sql, values: [['第', '轮', '6']], binary } as any);
  console.log('binary', binary, (performance.now() - t).toFixed(1), 'ms', r.rows.length, r.rows[0].data.length ?? r.rows[0].data);
}
const t = performance.now();
await pool.query("SELECT sum(length(data)) FROM postings WHERE term = ANY($1) AND field <> 1", [['第', '轮', '6']]);
console.log('server only (length)', (performance.now() - t).toFixed(1));
await pool.end();
