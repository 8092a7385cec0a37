/**
 * The PostgreSQL store's packed postings (schema.ts fillPostings writes them in SQL, store.ts reads
 * them): three LEB128 varints a posting, the unit as its distance from the row's previous one.
 * No server needed: the bytes are written here as the SQL function writes them.
 */
import { describe, expect, it } from 'vitest';
import { unpackPostings } from '../../src/knowledge/postgres/store.js';

/** LEB128 as postings_varint writes it: low 7 bits first, the high bit on every byte but the last. */
function varint(v: number): number[] {
  const out: number[] = [];
  do {
    const low = v % 128;
    v = Math.floor(v / 128);
    out.push(v > 0 ? low | 128 : low);
  } while (v > 0);
  return out;
}

const row = (postings: [number, number, number][]) => {
  let previous = 0;
  const bytes = postings.flatMap(([unit, tf, len]) => {
    const b = [...varint(unit - previous), ...varint(tf), ...varint(len)];
    previous = unit;
    return b;
  });
  return Buffer.from(bytes);
};

describe('unpackPostings', () => {
  it('reads one-byte to five-byte values', () => {
    expect(varint(300)).toEqual([0xac, 0x02]);
    const postings: [number, number, number][] = [
      [0, 1, 12],
      [127, 2, 128],
      [16_511, 256, 16_384],
      [2_113_663, 1, 2_097_152],
      [2_147_483_647, 3, 9],
    ];
    const out = unpackPostings({ count: postings.length, parts: [row(postings)] });
    expect([...out.units]).toEqual(postings.map((p) => p[0]));
    expect([...out.tf]).toEqual(postings.map((p) => p[1]));
    expect([...out.len]).toEqual(postings.map((p) => p[2]));
  });

  it("starts each row from unit 0: a later write's row holds its units from its own first one", () => {
    const first = row([
      [3, 1, 5],
      [4, 2, 6],
    ]);
    const second = row([
      [10, 1, 7],
      [12, 1, 8],
    ]);
    const out = unpackPostings({ count: 4, parts: [first, second] });
    expect([...out.units]).toEqual([3, 4, 10, 12]);
    expect([...out.len]).toEqual([5, 6, 7, 8]);
  });

  it('an empty field has no postings', () => {
    const out = unpackPostings({ count: 0, parts: [] });
    expect(out.units.length).toBe(0);
  });
});
