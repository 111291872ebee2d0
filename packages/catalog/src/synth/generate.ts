import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from './random.js';

/** Main product kinds per source category (a universal category is derived by the category rules). */
const MAIN_KINDS: [string, string[]][] = [
  ['Keyboards > Synthesizers', ['Synthesizer', 'Analog Synthesizer', 'Workstation Synthesizer']],
  ['Keyboards > Digital Pianos', ['Digital Piano', 'Portable Digital Piano']],
  ['Keyboards > Stage Pianos', ['Stage Piano', 'Stage Keyboard']],
  ['Drums > Electronic Drum Kits', ['Electronic Drum Kit', 'Mesh Drum Kit']],
  ['Drums > Percussion Pads', ['Percussion Pad', 'Sampling Pad']],
  ['Guitars > Electric Guitars', ['Electric Guitar', 'Solid Body Guitar']],
  ['Guitars > Effects Pedals', ['Overdrive', 'Delay', 'Reverb', 'Chorus']],
  ['Amplifiers > Guitar Amps', ['Guitar Amplifier', 'Combo Guitar Amplifier']],
  ['Studio > Audio Interfaces', ['USB Audio Interface']],
  ['Studio > Studio Monitors', ['Studio Monitor', 'Active Studio Monitor']],
  ['PA > Active Speakers', ['Active Speaker', 'Powered Speaker']],
  ['PA > Mixers', ['Analog Mixer', 'Digital Mixer']],
  ['DJ > Grooveboxes', ['Groovebox', 'Drum Machine']],
  ['DJ > DJ Controllers', ['DJ Controller']],
  ['Software > Plugins & Cloud', ['Software Synthesizer', 'Plugin Bundle']],
];

/** Accessory kinds: the phrase puts them in a keyword group, the family word says what they fit. */
const ACCESSORY_KINDS: [string, string][] = [
  ['Accessories > Power Supplies', 'Power Adapter for keyboard'],
  ['Accessories > Power Supplies', 'Power Supply for guitar effects'],
  ['Accessories > Cables', 'Instrument Cable for guitar'],
  ['Accessories > Cables', 'MIDI Cable'],
  ['Accessories > Cables', 'Speaker Cable'],
  ['Accessories > Stands', 'Keyboard Stand'],
  ['Accessories > Stands', 'Speaker Stand'],
  ['Accessories > Stands', 'Drum Throne'],
  ['Accessories > Cases & Bags', 'Keyboard Gig Bag'],
  ['Accessories > Cases & Bags', 'Guitar Gig Bag'],
  ['Accessories > Cases & Bags', 'Speaker Cover'],
  ['Accessories > Pedals & Footswitches', 'Sustain Pedal'],
  ['Accessories > Pedals & Footswitches', 'Expression Pedal'],
  ['Accessories > Headphones', 'Studio Headphones'],
];

const SYLLABLES = [
  'ka',
  'ro',
  'vi',
  'lo',
  'ne',
  'tra',
  'zen',
  'mi',
  'sa',
  'quo',
  'dal',
  'fe',
  'ru',
  'xo',
  'pi',
  'lum',
];

export interface SyntheticOptions {
  products: number;
  seed?: number;
  brands?: number;
  /** Share of accessories (targets of necessities/accessories), default 0.25. */
  accessoryShare?: number;
}

/**
 * Writes a synthetic catalog (feed.csv, official/<brand>.jsonl, sources.json) of any size into `dir`.
 * Deterministic for a seed. Names vary between the feed and the official data the way the demo does
 * (hyphens, zero padding, descriptors), and accessories name the models they fit now and then.
 */
export function writeSyntheticCatalog(
  dir: string,
  options: SyntheticOptions,
): { products: number; official: number } {
  const rand = mulberry32(options.seed ?? 7);
  const brandCount = options.brands ?? Math.max(6, Math.min(60, Math.round(options.products / 2000)));
  const accessoryShare = options.accessoryShare ?? 0.25;
  const int = (n: number) => Math.floor(rand() * n);
  const brands = Array.from({ length: brandCount }, (_, i) => {
    const name = `${SYLLABLES[i % SYLLABLES.length]!}${SYLLABLES[(i * 7 + 3) % SYLLABLES.length]!}`;
    return `${name[0]!.toUpperCase()}${name.slice(1)}${i >= SYLLABLES.length ? String(i) : ''}`;
  });
  const series = Array.from({ length: 400 }, (_, i) => {
    const s = `${SYLLABLES[i % 16]!}${SYLLABLES[(i >> 4) % 16]!}`;
    return i >= 256 ? `${s}x` : s;
  });
  mkdirSync(join(dir, 'official'), { recursive: true });
  const feed: string[] = ['sku,name,brand,price,stock,category,image'];
  const official = new Map<string, string[]>();
  const recentModels: string[] = [];
  const counters = new Map<string, number>();
  let officialCount = 0;
  for (let i = 0; i < options.products; i++) {
    const brand = brands[int(brands.length)]!;
    const n = (counters.get(brand) ?? 0) + 1;
    counters.set(brand, n);
    const code = `${series[n % series.length]!.toUpperCase().slice(0, 3)}-${String(10 + Math.floor(n / series.length) + (n % 90))}`;
    const model = `${code}${n > 4000 ? String.fromCharCode(65 + (n % 26)) : ''}${Math.floor(n / 8000) || ''}`;
    let name: string;
    let category: string;
    let price: number;
    if (rand() < accessoryShare) {
      const [cat, kind] = ACCESSORY_KINDS[int(ACCESSORY_KINDS.length)]!;
      category = cat;
      const fits =
        recentModels.length > 0 && rand() < 0.3 ? ` for ${recentModels[int(recentModels.length)]}` : '';
      name = `${brand} ${model} ${kind}${fits}`;
      price = 10 + int(190);
    } else {
      const [cat, kinds] = MAIN_KINDS[int(MAIN_KINDS.length)]!;
      category = cat;
      name = `${brand} ${model.replace('-', rand() < 0.5 ? '' : ' ')} ${kinds[int(kinds.length)]!}`;
      price = Math.round(Math.exp(4 + rand() * 4.5));
      recentModels.push(model);
      if (recentModels.length > 200) recentModels.shift();
    }
    const sku = `SY${String(i + 1).padStart(7, '0')}`;
    const stock = rand() < 0.15 ? 0 : 1 + int(40);
    feed.push(`${sku},${name},${brand},${price}.00,${stock},${category},https://img.test/${sku}.jpg`);
    if (rand() < 0.9) {
      officialCount++;
      const list = official.get(brand) ?? [];
      list.push(
        JSON.stringify({
          model,
          name: `${brand} ${model}`,
          manuals: [{ title: "Owner's Manual", url: `https://manuals.test/${sku}.pdf` }],
          gallery: [`https://media.test/${sku}/1.jpg`],
          specs: { weight_kg: (1 + int(300) / 10).toFixed(1) },
        }),
      );
      official.set(brand, list);
    }
  }
  writeFileSync(join(dir, 'feed.csv'), `${feed.join('\n')}\n`);
  const sources = {
    commercial: [{ file: 'feed.csv', encoding: 'utf-8' }],
    brands: brands.map((b) => ({ brand: b, file: `official/${b.toLowerCase()}.jsonl` })),
  };
  for (const b of brands)
    writeFileSync(join(dir, `official/${b.toLowerCase()}.jsonl`), `${(official.get(b) ?? []).join('\n')}\n`);
  writeFileSync(join(dir, 'sources.json'), `${JSON.stringify(sources, null, 2)}\n`);
  return { products: options.products, official: officialCount };
}
