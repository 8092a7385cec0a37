import pg from 'pg';
const pool = new pg.Pool({ connectionString: process.argv[2] });
const types = { getTypeParser: (oid: number, format: any) => (oid === 17 && format === 'binary' ? (v: Buffer) => Buffer.from(v) : pg.types.getTypeParser(oid, format)) };
for (const [table, binary] of [['postings', false], ['postings2', false], ['postings2', true], ['postings2', true], ['postings', true]] as const) {
  const sql = `SELECT term, field, data FROM ${table} WHERE term = ANY($1) AND field <> 1 ORDER BY term, field`;
  const t = performance.now();
  const r = await pool.query({ text: sql, values: [['第', '轮', '6']], binary, types } as any);
  console.log(table, 'binary', binary, (performance.now() - t).toFixed(1), 'ms', r.rows.length, r.rows.reduce((a: number, x: any) => a + x.data.length, 0));
}
await pool.end();
