import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  decodeBuffer,
  type MatchPair,
  type MatchRecord,
  parseCsv,
  parsePrice,
} from '../../packages/catalog/src/index.js';

/** Shared data sets live next to the repo, never inside it. */
export const DATASETS = join(import.meta.dirname, '..', '..', '..', 'shared', 'datasets');

export interface Benchmark {
  name: string;
  left: MatchRecord[];
  right: MatchRecord[];
  truth: Set<string>;
}

function readCsvRecords(file: string, nameColumn: string): MatchRecord[] {
  const { text } = decodeBuffer(readFileSync(file));
  return parseCsv(text).rows.map(({ fields }) => ({
    id: fields.id ?? '',
    name: fields[nameColumn] ?? '',
    description: fields.description,
    brand: fields.manufacturer,
    price: parsePrice(fields.price),
  }));
}

export const pairKey = (l: string, r: string) => `${l}\u0000${r}`;

export function amazonGoogle(): Benchmark {
  const dir = join(DATASETS, 'amazon-googleproducts');
  const mapping = parseCsv(
    decodeBuffer(readFileSync(join(dir, 'Amzon_GoogleProducts_perfectMapping.csv'))).text,
  );
  return {
    name: 'amazon-googleproducts',
    left: readCsvRecords(join(dir, 'Amazon.csv'), 'title'),
    right: readCsvRecords(join(dir, 'GoogleProducts.csv'), 'name'),
    truth: new Set(mapping.rows.map((r) => pairKey(r.fields.idamazon ?? '', r.fields.idgooglebase ?? ''))),
  };
}

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  predicted: number;
  actual: number;
}

export function evaluate(pairs: readonly MatchPair[], truth: Set<string>): Scores {
  let tp = 0;
  for (const p of pairs) if (truth.has(pairKey(p.leftId, p.rightId))) tp++;
  const precision = pairs.length ? tp / pairs.length : 0;
  const recall = truth.size ? tp / truth.size : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, tp, predicted: pairs.length, actual: truth.size };
}

export interface LabelledPairs {
  left: MatchRecord[];
  right: MatchRecord[];
  /** Labelled candidate pairs (left id, right id, is-match). */
  pairs: { left: string; right: string; match: boolean }[];
}

/** Parses Ditto's `COL title VAL … COL brand VAL …` serialisation. */
function parseDitto(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const part of text.split('COL ').slice(1)) {
    const at = part.indexOf(' VAL ');
    if (at < 0) continue;
    fields[part.slice(0, at).trim()] = part.slice(at + 5).trim();
  }
  return fields;
}

/**
 * Walmart-Amazon (Ditto serialisation), one split: the distinct records on each side become two tables
 * (name = title + model number, description = category) and the labelled pairs are the ground truth.
 */
export function walmartAmazon(split: 'train' | 'valid' | 'test'): LabelledPairs {
  const text = readFileSync(join(DATASETS, 'walmart-amazon-ditto', `${split}.txt`), 'utf8');
  const leftIds = new Map<string, string>();
  const rightIds = new Map<string, string>();
  const left: MatchRecord[] = [];
  const right: MatchRecord[] = [];
  const side = (serialised: string, ids: Map<string, string>, records: MatchRecord[], prefix: string) => {
    let id = ids.get(serialised);
    if (id === undefined) {
      id = `${prefix}${ids.size + 1}`;
      ids.set(serialised, id);
      const f = parseDitto(serialised);
      const title = f.title ?? '';
      const model = f.modelno ?? '';
      records.push({
        id,
        name: model !== '' && !title.includes(model) ? `${title} ${model}` : title,
        description: f.category,
        brand: f.brand,
        price: parsePrice(f.price),
      });
    }
    return id;
  };
  const pairs: LabelledPairs['pairs'] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const [l, r, label] = line.split('\t') as [string, string, string];
    pairs.push({
      left: side(l, leftIds, left, 'w'),
      right: side(r, rightIds, right, 'a'),
      match: label.trim() === '1',
    });
  }
  return { left, right, pairs };
}

export function evaluateLabelled(predicted: readonly MatchPair[], labelled: LabelledPairs['pairs']): Scores {
  const set = new Set(predicted.map((p) => pairKey(p.leftId, p.rightId)));
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const p of labelled) {
    const hit = set.has(pairKey(p.left, p.right));
    if (hit && p.match) tp++;
    else if (hit) fp++;
    else if (p.match) fn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, tp, predicted: tp + fp, actual: tp + fn };
}

/** Writes records as a CSV the `catalog match` CLI reads (id,name,description,brand,price). */
export function toCsv(records: readonly MatchRecord[]): string {
  const cell = (s: string | number | undefined) => {
    const t = s === undefined ? '' : String(s);
    return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  return `id,name,description,brand,price\n${records
    .map((r) => [r.id, r.name, r.description, r.brand, r.price].map(cell).join(','))
    .join('\n')}\n`;
}
