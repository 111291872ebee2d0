import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog, loadRules } from '../pipeline.js';
import { buildLinks } from '../relations/engine.js';
import { buildLinksNaive } from '../relations/naive.js';
import { runBuild } from './build.js';
import { runExplain } from './explain.js';
import type { CliIo } from './io.js';
import { runMatch } from './match.js';

const DEMO = join(import.meta.dirname, '..', '..', 'demo');
const GOLDEN = join(import.meta.dirname, 'demo-summary.golden.txt');

function capture(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    out: () => out,
    err: () => err,
  };
}

function readDir(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );
}

describe('catalog build on the demo data', () => {
  let outA: string;
  let io: ReturnType<typeof capture>;

  beforeAll(() => {
    outA = mkdtempSync(join(tmpdir(), 'catalog-a-'));
    io = capture();
    expect(runBuild({ in: DEMO, out: outA }, io)).toBe(0);
  });

  it('prints the golden summary', () => {
    const summary = io.out().replace(outA, '<out>');
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, summary);
    expect(summary).toBe(readFileSync(GOLDEN, 'utf8'));
    expect(io.err()).toContain('Discovering relationships');
    expect(io.err()).toContain('100% (316/316)');
  });

  it('is deterministic: a second build writes byte-identical files', () => {
    const outB = mkdtempSync(join(tmpdir(), 'catalog-b-'));
    expect(runBuild({ in: DEMO, out: outB }, capture())).toBe(0);
    const a = readDir(outA);
    expect(Object.keys(a)).toEqual([
      'bespeco.json',
      'boss.json',
      'index.json',
      'nord.json',
      'rcf.json',
      'rejects.jsonl',
      'report.json',
      'roland.json',
      'steinberg.json',
      'yamaha.json',
    ]);
    expect(readDir(outB)).toEqual(a);
  });

  it('writes every bad row to rejects.jsonl with file and line', () => {
    const rejects = readFileSync(join(outA, 'rejects.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { file: string; line: number; reason: string });
    expect(rejects.map((r) => `${r.file}:${r.line}: ${r.reason.replace(/ \(SKU.*$/, '')}`)).toMatchSnapshot();
  });

  it('exports the product shape', () => {
    const roland = JSON.parse(readFileSync(join(outA, 'roland.json'), 'utf8'));
    const fp30 = roland.products.find((p: { name: string }) => p.name.startsWith('Roland FP-30X BK'));
    expect(Object.keys(fp30)).toEqual([
      'sku',
      'name',
      'brand',
      'price',
      'stock',
      'inStock',
      'category',
      'source_category',
      'image_url',
      'model',
      'match_score',
      'official_manuals',
      'official_gallery',
      'official_specs',
      'necessities',
      'accessories',
      'related',
    ]);
    expect(fp30.model).toBe('FP-30X');
    expect(Object.keys(fp30.necessities[0])).toEqual([
      'sku',
      'name',
      'price',
      'category',
      'brand',
      'image_url',
      'inStock',
      'score',
      'reasons',
    ]);
  });

  it('explain prints the links of one SKU with reasons', () => {
    const index = JSON.parse(readFileSync(join(outA, 'index.json'), 'utf8'));
    const sku = index.products.find((p: { name: string }) => p.name.startsWith('Boss DS1')).sku;
    const out = capture();
    expect(runExplain({ sku, out: outA }, out)).toBe(0);
    expect(out.out()).toContain('Needs (5)');
    expect(out.out()).toContain('names the model (DS1)');
    const missing = capture();
    expect(runExplain({ sku: 'NOPE', out: outA }, missing)).toBe(1);
    expect(missing.err()).toContain('no product with SKU NOPE');
  });

  it('the indexed engine finds the same links as the all-pairs baseline on the demo', () => {
    const rules = loadRules();
    const built = buildCatalog({ inDir: DEMO, rules });
    const fast = buildLinks(built.products, rules.relations);
    const slow = buildLinksNaive(built.products, rules.relations);
    let same = 0;
    for (const p of built.products)
      if (JSON.stringify(fast.links.get(p.sku)) === JSON.stringify(slow.links.get(p.sku))) same++;
    expect(same).toBe(built.products.length);
    expect(fast.comparisons).toBeLessThan(slow.comparisons / 5);
  });
});

describe('catalog build failures', () => {
  it('exits non-zero on a fatal error', () => {
    const io = capture();
    expect(runBuild({ in: join(tmpdir(), 'no-such-catalog-dir'), out: join(tmpdir(), 'x') }, io)).toBe(1);
    expect(io.err()).toContain('[ENSEMBLE_CONFIG]');
  });
});

describe('catalog match', () => {
  it('matches two CSV files (name/title, brand/manufacturer) and writes id pairs with scores', () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalog-match-'));
    writeFileSync(
      join(dir, 'left.csv'),
      Buffer.from(
        'id,title,description,manufacturer,price\na1,Adobe Photoshop CS3 Mac Upgrade,,adobe,199\na2,Quicken Deluxe 2007 für Windows,,intuit,59\n',
        'latin1',
      ),
    );
    writeFileSync(
      join(dir, 'right.csv'),
      'id,name,description,brand,price\ng1,quicken deluxe 2007 (win),,,49.99\ng2,adobe photoshop cs3 upgrade (mac),,,189\ng3,norton antivirus 2007,,,39\n',
    );
    const io = capture();
    const out = join(dir, 'pairs.csv');
    expect(runMatch({ left: join(dir, 'left.csv'), right: join(dir, 'right.csv'), out }, io)).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('left_id,right_id,score');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['a1,g2', 'a2,g1']);
    expect(io.err()).toMatch(/left 2 records \((iso-8859-1|windows-1252)\)/);
  });
});
