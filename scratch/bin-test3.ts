import pg from 'pg';
const pool = new pg.Pool({ connectionString: process.argv[2] });
for (const enc of ['hex', 'b64', 'hex', 'b64', 'b64']) {
  const col = enc === 'hex' ? 'data' : "encode(data, 'base64') AS data";
  const sql = `SELECT term, field, ${col} FROM postings2 WHERE term = ANY($1) AND field <> 1 ORDER BY term, field`;
  const t = performance.now();
  const r = await pool.query(sql, [['第', '轮', '6']]);
  const bufs = r.rows.map((x: any) => (enc === 'hex' ? x.data : Buffer.from(x.data, 'base64')));
  console.log(enc, (performance.now() - t).toFixed(1), 'ms', bufs.reduce((a: number, b: Buffer) => a + b.length, 0));
}
await pool.end();
