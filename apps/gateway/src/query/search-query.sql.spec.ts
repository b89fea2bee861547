import { PGlite } from '@electric-sql/pglite';
import { compileQuery, QueryParseError } from '@pulse/query';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SQL_PER_QUERY_CHAR, searchToSql } from './search-query.sql.js';

/** Compiles a query with numbered placeholders, as the stores' parameter lists do. */
function compile(query: string): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const sql = searchToSql(query, (value) => {
    params.push(value);
    return `$${params.length}`;
  });
  return { sql, params };
}

// ---------- generated queries ----------

const WORDS = ['zork', 'blip', 'quux', 'frob', 'gnat'] as const;

const word = fc.constantFrom(...WORDS);
/** Operands NEAR accepts: words, phrases, prefixes, OR groups of them and NEAR itself. */
const positional: fc.Arbitrary<string> = fc.letrec<{ p: string }>((tie) => ({
  p: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    word,
    fc.array(word, { minLength: 2, maxLength: 3 }).map((ws) => `"${ws.join(' ')}"`),
    word.map((w) => `${w.slice(0, 3)}*`),
    fc.tuple(tie('p'), tie('p')).map(([a, b]) => `(${a} OR ${b})`),
    fc.tuple(tie('p'), fc.integer({ min: 1, max: 12 }), tie('p')).map(([a, n, b]) => `(${a} NEAR/${n} ${b})`),
  ),
})).p;
const query: fc.Arbitrary<string> = fc.letrec<{ q: string }>((tie) => ({
  q: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    positional,
    tie('q').map((q) => `-${q.startsWith('-') ? `(${q})` : q}`),
    fc.tuple(tie('q'), tie('q')).map(([a, b]) => `(${a} ${b})`),
    fc.tuple(tie('q'), tie('q')).map(([a, b]) => `(${a} OR ${b})`),
    fc.constantFrom('source:demo', 'lang:en', 'author:al*'),
  ),
})).q;

function parses(q: string): boolean {
  try {
    compile(q);
    return true;
  } catch (error) {
    if (error instanceof QueryParseError) return false;
    throw error;
  }
}

describe('searchToSql size', () => {
  it(`stays within ${MAX_SQL_PER_QUERY_CHAR} SQL characters per query character, however NEAR nests`, () => {
    fc.assert(
      fc.property(query, (q) => {
        fc.pre(parses(q));
        expect(compile(q).sql.length).toBeLessThanOrEqual(MAX_SQL_PER_QUERY_CHAR * q.length);
      }),
      { numRuns: 500 },
    );
  });

  it('grows linearly along a NEAR chain (each level adds the same amount)', () => {
    const chain = (levels: number): string => {
      let q = 'w0';
      for (let i = 1; i <= levels; i++) q = `(${q} NEAR/8 w${i})`;
      return q;
    };
    const sizes = [4, 8, 16, 32].map((levels) => compile(chain(levels)).sql.length);
    const perLevel = sizes.slice(1).map((size, i) => (size - sizes[i]!) / ([8, 16, 32][i]! - [4, 8, 16][i]!));
    expect(Math.max(...perLevel) - Math.min(...perLevel)).toBeLessThan(10);
    expect(compile(chain(32)).sql.length).toBeLessThanOrEqual(MAX_SQL_PER_QUERY_CHAR * chain(32).length);
  });
});

// ---------- the SQL against PostgreSQL (PGlite) ----------

describe('searchToSql against PostgreSQL', () => {
  let db: PGlite;

  beforeAll(async () => {
    db = new PGlite();
    // The shape of the mentions columns the translation reads (see the init migration).
    await db.exec(`CREATE TABLE mentions (
      id text PRIMARY KEY, text text NOT NULL, source text NOT NULL DEFAULT 'demo', language text NOT NULL DEFAULT 'en',
      author_handle text NOT NULL DEFAULT 'alice',
      tsv tsvector GENERATED ALWAYS AS (to_tsvector('russian'::regconfig, text)) STORED)`);
    await db.exec('CREATE INDEX mentions_tsv_idx ON mentions USING gin (tsv)');
  });

  afterAll(async () => {
    await db?.close();
  });

  async function load(texts: readonly string[]): Promise<void> {
    await db.exec('TRUNCATE mentions');
    for (const [i, text] of texts.entries()) await db.query('INSERT INTO mentions (id, text) VALUES ($1, $2)', [`m${i}`, text]);
  }

  async function search(q: string): Promise<string[]> {
    const { sql, params } = compile(q);
    const result = await db.query<{ id: string }>(`SELECT id FROM mentions WHERE ${sql} ORDER BY id`, params);
    return result.rows.map((row) => row.id);
  }

  it('measures NEAR distance in either order, over phrases, prefixes, OR groups and nested NEAR', async () => {
    await load([
      'Опять нет интернета у провайдера, третий день сбой',
      'the cat sat on the mat with a dog',
      'dog bites man after the cat left',
      'massive outages across the region tonight',
    ]);
    expect(await search('интернета NEAR/3 провайдер')).toEqual(['m0']);
    expect(await search('интернет NEAR/1 провайдер')).toEqual([]);
    expect(await search('провайдер NEAR/2 интернет')).toEqual(['m0']);
    expect(await search('"cat sat" NEAR/3 mat')).toEqual(['m1']);
    expect(await search('ca* NEAR/1 sat')).toEqual(['m1']);
    expect(await search('(mat OR bites) NEAR/1 dog')).toEqual(['m2']);
    expect(await search('(cat NEAR/1 sat) NEAR/3 mat')).toEqual(['m1']);
    expect(await search('(cat NEAR/1 sat) NEAR/2 mat')).toEqual([]);
    // Wider than the old exact-distance limit of 8: still measured, not loosened to AND.
    expect(await search('нет NEAR/9 сбой')).toEqual(['m0']);
    expect(await search('cat NEAR/20 region')).toEqual([]);
    // A stop-word side drops out, as it does from a tsquery.
    expect(await search('the NEAR/1 outages')).toEqual(['m3']);
  });

  it('answers the nested NEAR of the issue in well under a second', async () => {
    const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];
    await load([
      ...Array.from({ length: 300 }, (_, i) => `${words.join(' ')} filler ${i} ${words.slice().reverse().join(' ')}`),
      'alpha bravo charlie delta',
      // Seven words apart: within NEAR/8.
      'alpha zzz zzz zzz zzz zzz zzz bravo charlie delta echo',
      // Eleven words apart: not.
      'alpha zzz zzz zzz zzz zzz zzz zzz zzz zzz zzz bravo charlie delta echo',
    ]);
    const q = '(((alpha NEAR/8 bravo) NEAR/8 charlie) NEAR/8 delta) NEAR/8 echo';
    expect(compile(q).sql.length).toBeLessThan(MAX_SQL_PER_QUERY_CHAR * q.length);
    const started = performance.now();
    const found = await search(q);
    const elapsed = performance.now() - started;
    expect(found).toHaveLength(301);
    expect(found).not.toContain('m300');
    expect(found).toContain('m301');
    expect(found).not.toContain('m302');
    expect(elapsed).toBeLessThan(1000);
  });

  it('plans a deep NEAR chain in linear size too (the planner must not copy operands into each use)', async () => {
    await load(['w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15 w16', 'w0 w16']);
    let q = 'w0';
    for (let i = 1; i <= 16; i++) q = `(${q} NEAR/2 w${i})`;
    const started = performance.now();
    expect(await search(q)).toEqual(['m0']);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('agrees with the live matcher on generated documents and queries', async () => {
    const docs = fc.sample(fc.array(fc.constantFrom(...WORDS, 'filler'), { minLength: 1, maxLength: 12 }), { numRuns: 60, seed: 7 });
    const texts = docs.map((ws) => ws.join(' '));
    await load(texts);
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        fc.pre(parses(q));
        const compiled = compileQuery(q);
        const expected = texts
          .flatMap((text, i) => (compiled.matches({ text, source: 'demo', language: 'en', author: 'alice' }) ? [`m${i}`] : []))
          .sort();
        expect(await search(q)).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
});
