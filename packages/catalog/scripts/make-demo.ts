/**
 * Regenerates packages/catalog/demo/ from demo-table.ts (deterministic: a seeded PRNG, no clock).
 * Run: npx tsx packages/catalog/scripts/make-demo.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../src/synth/random.js';
import { DEMO_TABLE } from './demo-table.js';

const OUT = join(import.meta.dirname, '..', 'demo');
const rand = mulberry32(20240607);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

interface Row {
  brand: string;
  model: string;
  name: string;
  category: string;
  price: number;
}

const PREFIX: Record<string, string> = {
  Roland: 'RO',
  BOSS: 'BO',
  Nord: 'NO',
  Yamaha: 'YA',
  RCF: 'RC',
  Bespeco: 'BE',
  Steinberg: 'ST',
};
/** How the feed spells each brand (aliases declared in sources.json). */
const FEED_BRAND: Record<string, string[]> = {
  Roland: ['Roland', 'Roland', 'Roland Corp.'],
  BOSS: ['BOSS', 'Boss', 'BOSS Corporation'],
  Nord: ['Nord', 'Nord Keyboards', 'Clavia'],
  Yamaha: ['Yamaha', 'YAMAHA'],
  RCF: ['RCF', 'RCF S.p.A.'],
  Bespeco: ['Bespeco'],
  Steinberg: ['Steinberg'],
};
/** Official records without a commercial counterpart (reported as unmatched). */
const OFFICIAL_ONLY: Record<string, string[]> = {
  Roland: ['INTEGRA-7', 'AX-EDGE', 'FANTOM 6 EX'],
  Nord: ['STAGE 3 88'],
  Yamaha: ['P-S500', 'MONTAGE M7'],
  RCF: ['ART 735-A MK5'],
};

const rows: Row[] = [];
for (const [brand, table] of Object.entries(DEMO_TABLE)) {
  for (const line of table.trim().split('\n')) {
    const [model, name, category, price] = line.split('|').map((s) => s.trim()) as [
      string,
      string,
      string,
      string,
    ];
    rows.push({ brand, model, name, category, price: Number(price) });
  }
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function formatPrice(p: number): string {
  const r = rand();
  if (r < 0.1)
    return `€ ${p
      .toFixed(2)
      .replace('.', ',')
      .replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
  if (r < 0.2 && p >= 1000) return p.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return p.toFixed(2);
}

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

// Commercial feed ---------------------------------------------------------------------------------
const counters = new Map<string, number>();
const feed = rows.map((r) => {
  const n = (counters.get(r.brand) ?? 1000) + 1;
  counters.set(r.brand, n);
  const sku = `${PREFIX[r.brand]}-${n}`;
  const feedBrand = r.name.startsWith('Clavia') ? 'Clavia' : pick(FEED_BRAND[r.brand]!);
  const stock = rand() < 0.15 ? 0 : 1 + Math.floor(rand() * 25);
  return {
    sku,
    row: r,
    cells: [
      sku,
      r.name,
      feedBrand,
      formatPrice(r.price),
      String(stock),
      r.category,
      `https://cdn.shop.test/img/${sku.toLowerCase()}.jpg`,
    ],
  };
});
// Deterministic shuffle so brands are interleaved as in a real export.
for (let i = feed.length - 1; i > 0; i--) {
  const j = Math.floor(rand() * (i + 1));
  [feed[i], feed[j]] = [feed[j]!, feed[i]!];
}
const header = 'SKU,Product Name,Brand,Price,Stock,Category,Image URL';
const lines: (string | Buffer)[] = feed.map((f) => f.cells.map(csvCell).join(','));
// Deliberately broken rows, spread through the file.
const broken: (string | Buffer)[] = [
  ',Roland FP-30X Digital Piano Demo Unit,Roland,599.00,1,Keyboards > Digital Pianos,https://cdn.shop.test/img/demo.jpg',
  'YA-9001,Yamaha P-45 Digital Piano Ex-Display,Yamaha,N/A,1,Keyboards > Digital Pianos,https://cdn.shop.test/img/ya-9001.jpg',
  'BO-9002,Boss DS-1 Distortion 50th Anniversary,BOSS,call for price,3,Guitars > Effects Pedals,https://cdn.shop.test/img/bo-9002.jpg',
  'RC-9003,RCF ART 710-A MK5 B-Stock,RCF,499.00,-2,PA > Active Speakers,https://cdn.shop.test/img/rc-9003.jpg',
  `${feed[3]!.sku},Duplicate of an existing SKU,Roland,10.00,1,Keyboards > Synthesizers,https://cdn.shop.test/img/dup.jpg`,
  'NO-9004,Nord Stage 4 88 Stage Piano,Nord,5499.00,2,Keyboards > Stage Pianos',
  // Latin-1 bytes in a UTF-8 file: "für" encoded as 0x66 0xFC 0x72.
  Buffer.from(
    'BE-9005,Bespeco Kabel f\u00fcr Gitarre 6m,Bespeco,21.00,4,Accessories > Cables,https://cdn.shop.test/img/be-9005.jpg',
    'latin1',
  ),
];
for (const [i, b] of broken.entries()) lines.splice(20 + i * 45, 0, b);
const feedBytes = Buffer.concat([
  Buffer.from(`${header}\n`),
  ...lines.flatMap((l) => [typeof l === 'string' ? Buffer.from(l, 'utf8') : l, Buffer.from('\n')]),
]);
mkdirSync(join(OUT, 'official'), { recursive: true });
writeFileSync(join(OUT, 'feed.csv'), feedBytes);

// Official data ------------------------------------------------------------------------------------
function officialRecord(brand: string, model: string, name: string, category: string) {
  const m = slug(model);
  const b = slug(brand);
  const keys = /(\b|-)(25|37|49|61|73|76|88)(\b|-| keys)/i.exec(name)?.[2];
  const specs: Record<string, string> = { weight_kg: (1 + rand() * 30).toFixed(1) };
  if (keys) specs.keys = keys;
  if (/Speaker|Subwoofer|Array/.test(name)) specs.power_w = String(200 * (1 + Math.floor(rand() * 10)));
  if (/Cable|Cord/.test(name)) specs.length_m = /(\d+)m\b/.exec(name)?.[1] ?? '3';
  specs.category = category.split('>').pop()!.trim();
  const manuals = [{ title: "Owner's Manual", url: `https://manuals.${b}.test/${m}_om.pdf`, language: 'en' }];
  if (rand() < 0.4)
    manuals.push({ title: 'Quick Start', url: `https://manuals.${b}.test/${m}_qs.pdf`, language: 'en' });
  const gallery = Array.from(
    { length: 1 + Math.floor(rand() * 3) },
    (_, i) => `https://media.${b}.test/${m}/${i + 1}.jpg`,
  );
  return { model, name: `${brand} ${model}`, manuals, gallery, specs };
}

const byBrand = new Map<string, ReturnType<typeof officialRecord>[]>();
const seenModels = new Set<string>();
for (const r of rows) {
  if (r.model === '-' || seenModels.has(`${r.brand}|${r.model}`)) continue;
  seenModels.add(`${r.brand}|${r.model}`);
  const list = byBrand.get(r.brand) ?? [];
  list.push(officialRecord(r.brand, r.model, r.name, r.category));
  byBrand.set(r.brand, list);
}
for (const [brand, models] of Object.entries(OFFICIAL_ONLY)) {
  for (const model of models) byBrand.get(brand)!.push(officialRecord(brand, model, model, 'Misc'));
}

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
const jsonl = (vs: unknown[]) => `${vs.map((v) => JSON.stringify(v)).join('\n')}\n`;
writeFileSync(join(OUT, 'official', 'roland.json'), json(byBrand.get('Roland')));
writeFileSync(join(OUT, 'official', 'nord.json'), json({ products: byBrand.get('Nord') }));
writeFileSync(join(OUT, 'official', 'steinberg.json'), json(byBrand.get('Steinberg')));
// BOSS: JSON lines with one broken line.
const boss = jsonl(byBrand.get('BOSS')!).split('\n');
boss.splice(10, 0, '{"model": "RC-5", "name": "BOSS RC-5" , manuals: []}');
writeFileSync(join(OUT, 'official', 'boss.jsonl'), boss.join('\n'));
// Yamaha: JSON lines with its own field names (mapped in sources.json) and one record without a model.
const yamaha = byBrand.get('Yamaha')!.map((r) => ({
  model_name: r.model,
  title: r.name,
  documents: r.manuals,
  images: r.gallery,
  specifications: r.specs,
}));
yamaha.splice(7, 0, {
  model_name: '',
  title: 'Yamaha (model missing)',
  documents: [],
  images: [],
  specifications: {},
});
writeFileSync(join(OUT, 'official', 'yamaha.jsonl'), jsonl(yamaha));
// Bespeco: JSON lines.
writeFileSync(join(OUT, 'official', 'bespeco.jsonl'), jsonl(byBrand.get('Bespeco')!));
// RCF: CSV with `|`-separated lists and `key=value;…` specs.
const rcf = byBrand.get('RCF')!.map((r) =>
  [
    r.model,
    r.name,
    r.manuals.map((m) => m.url).join('|'),
    r.gallery.join('|'),
    Object.entries(r.specs)
      .map(([k, v]) => `${k}=${v}`)
      .join(';'),
  ]
    .map(csvCell)
    .join(','),
);
writeFileSync(join(OUT, 'official', 'rcf.csv'), `model,name,manuals,gallery,specs\n${rcf.join('\n')}\n`);

const sources = {
  commercial: [
    {
      file: 'feed.csv',
      encoding: 'utf-8',
      columns: {
        sku: 'SKU',
        name: 'Product Name',
        brand: 'Brand',
        price: 'Price',
        stock: 'Stock',
        category: 'Category',
        image: 'Image URL',
      },
    },
  ],
  brands: [
    { brand: 'Roland', aliases: ['Roland Corp.', 'Roland Corporation'], file: 'official/roland.json' },
    { brand: 'BOSS', aliases: ['BOSS Corporation'], file: 'official/boss.jsonl' },
    { brand: 'Nord', aliases: ['Nord Keyboards', 'Clavia', 'Clavia DMI'], file: 'official/nord.json' },
    {
      brand: 'Yamaha',
      file: 'official/yamaha.jsonl',
      fields: {
        model: 'model_name',
        name: 'title',
        manuals: 'documents',
        gallery: 'images',
        specs: 'specifications',
      },
    },
    { brand: 'RCF', aliases: ['RCF S.p.A.'], file: 'official/rcf.csv' },
    { brand: 'Bespeco', file: 'official/bespeco.jsonl' },
    { brand: 'Steinberg', aliases: ['Steinberg Media Technologies'], file: 'official/steinberg.json' },
  ],
};
writeFileSync(join(OUT, 'sources.json'), json(sources));
process.stdout.write(`demo: ${feed.length} products, ${broken.length} broken rows\n`);
