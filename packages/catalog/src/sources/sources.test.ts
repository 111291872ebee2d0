import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isEnsembleError } from '@ensemble/protocol';
import { describe, expect, it } from 'vitest';
import { parseSourcesConfig } from './config.js';
import { parseCsv } from './csv.js';
import { decodeBuffer } from './decode.js';
import { parseJsonArray } from './json.js';
import { loadSources } from './load.js';
import { parsePrice, parseStock } from './values.js';

describe('parsePrice / parseStock', () => {
  it.each([
    ['1299', 1299],
    ['1,299.00', 1299],
    ['1.299,00', 1299],
    ['€ 12,99', 12.99],
    ['12.99 EUR', 12.99],
    ['1,299', 1299],
    ['0', 0],
  ])('%s → %s', (text, value) => expect(parsePrice(text)).toBe(value));
  it.each(['', 'N/A', 'call for price', '-5', '12.3.4,5,6x'])('rejects %j', (text) => {
    expect(parsePrice(text)).toBeUndefined();
  });
  it('parses stock', () => {
    expect(parseStock('')).toBe(0);
    expect(parseStock('7')).toBe(7);
    expect(parseStock('-2')).toBeUndefined();
  });
});

describe('parseCsv', () => {
  it('keeps the line where each row starts, including multi-line quoted fields', () => {
    const table = parseCsv('id,name\n1,a\n2,"multi\nline"\n3\n4,d\n');
    expect(table.rows.map((r) => [r.line, r.fields.id])).toEqual([
      [2, '1'],
      [3, '2'],
      [6, '4'],
    ]);
    expect(table.errors).toEqual([{ line: 5, message: 'expected 2 columns, found 1', raw: '3' }]);
  });
  it('detects ; delimiters', () => {
    expect(parseCsv('id;name\n1;a\n').rows[0]!.fields).toEqual({ id: '1', name: 'a' });
  });
});

describe('decodeBuffer', () => {
  it('flags lines with invalid UTF-8 bytes', () => {
    const bytes = Buffer.concat([
      Buffer.from('ok é\n'),
      Buffer.from('f\u00fcr\n', 'latin1'),
      Buffer.from('ok ü\n'),
    ]);
    const decoded = decodeBuffer(bytes, 'utf-8');
    expect(decoded.badLines).toEqual([2]);
  });
  it('detects Latin-1 files', () => {
    const decoded = decodeBuffer(
      Buffer.from('id,name\n1,Caf\u00e9 cr\u00e8me gr\u00fcn and more text here\n', 'latin1'),
    );
    expect(decoded.encoding).not.toBe('utf-8');
    expect(decoded.text).toContain('Café');
  });
});

describe('parseJsonArray', () => {
  it('reports the line each element starts on', () => {
    const rows = parseJsonArray(
      '{\n "products": [\n  {"model": "A"},\n  {\n   "model": "B"\n  }\n ]\n}',
      'x.json',
    ).rows;
    expect(rows.map((r) => r.line)).toEqual([3, 4]);
  });
});

describe('sources config', () => {
  it('names the bad key', () => {
    try {
      parseSourcesConfig({ commercial: [{ file: 'feed.csv', colums: {} }], brands: [] });
      expect.unreachable();
    } catch (error) {
      expect(isEnsembleError(error, 'ENSEMBLE_CONFIG')).toBe(true);
      expect((error as Error).message).toContain('commercial.0');
      expect((error as Error).message).toContain('colums');
    }
  });
});

describe('loadSources', () => {
  it('imports valid rows and rejects each bad row with file and line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalog-sources-'));
    mkdirSync(join(dir, 'official'));
    writeFileSync(
      join(dir, 'feed.csv'),
      Buffer.concat([
        Buffer.from(
          'sku,name,brand,price,stock,category,image\n' +
            'A1,Roland FP-30X,Roland Corp.,749,3,Keyboards,img\n' +
            ',No SKU,Roland,1,1,Keys,img\n' +
            'A2,Bad price,Roland,abc,1,Keys,img\n' +
            'A1,Duplicate,Roland,1,1,Keys,img\n',
        ),
        Buffer.from('A3,Kabel f\u00fcr,Bespeco,1,1,Cables,img\n', 'latin1'),
        Buffer.from('A4,Nord Lead A1,Clavia,1799,0,Synths,img\n'),
      ]),
    );
    writeFileSync(
      join(dir, 'official', 'roland.jsonl'),
      '{"model":"FP-30X","specs":{"keys":88}}\nnot json\n{"name":"no model"}\n',
    );
    writeFileSync(
      join(dir, 'sources.json'),
      JSON.stringify({
        commercial: [{ file: 'feed.csv', encoding: 'utf-8' }],
        brands: [
          { brand: 'Roland', aliases: ['Roland Corp.'], file: 'official/roland.jsonl' },
          { brand: 'Nord', aliases: ['Clavia'], file: 'official/roland.jsonl' },
        ],
      }),
    );
    const loaded = loadSources(dir);
    expect(loaded.commercial.map((c) => [c.sku, c.brand, c.source.line])).toEqual([
      ['A1', 'Roland', 2],
      ['A4', 'Nord', 7],
    ]);
    expect(loaded.official[0]).toMatchObject({ brand: 'Roland', model: 'FP-30X', specs: { keys: '88' } });
    expect(loaded.rejects.map((r) => `${r.file}:${r.line} ${r.reason}`)).toEqual([
      'feed.csv:3 missing SKU',
      'feed.csv:4 unparsable price "abc" (SKU A2)',
      'feed.csv:5 duplicate SKU A1',
      'feed.csv:6 invalid utf-8 bytes (wrong encoding)',
      'official/roland.jsonl:2 invalid JSON: Unexpected token \'o\', "not json" is not valid JSON',
      'official/roland.jsonl:2 invalid JSON: Unexpected token \'o\', "not json" is not valid JSON',
      'official/roland.jsonl:3 missing model name',
      'official/roland.jsonl:3 missing model name',
    ]);
  });
});
