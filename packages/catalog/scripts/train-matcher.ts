/**
 * Trains the shipped pair model `rules/matcher-model.json` (boosted trees + logistic sibling model, see
 * `DEFAULT_LEARNER` in bench/catalog/learn.ts) on all of Amazon-Google (the perfect mapping labels the
 * candidate pairs the matcher's blocking produces) and prints the 5-fold cross-validated figure next to it.
 * Deterministic: same data → same JSON. Takes several minutes (inner cross-validation).
 *   npx tsx packages/catalog/scripts/train-matcher.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { amazonGoogle, evaluate } from '../../../bench/catalog/datasets.js';
import { candidateTable, crossValidate, fitOn, toModel } from '../../../bench/catalog/learn.js';

const ag = amazonGoogle();
const table = candidateTable(ag.left, ag.right);
const cv = crossValidate(table, ag.truth, 5);
const held = evaluate(cv.pairs, ag.truth);
const all = table.x.map((_, i) => i);
const fitted = fitOn(table, all, ag.truth, ag.truth.size);
const model = toModel(fitted, 'amazon-googleproducts, all 1363 × 3226 records, perfect mapping as labels');
const file = fileURLToPath(new URL('../rules/matcher-model.json', import.meta.url));
writeFileSync(file, `${JSON.stringify(model, null, 2)}\n`);
process.stdout.write(
  `5-fold CV (grouped by Amazon record): P ${held.precision.toFixed(3)} R ${held.recall.toFixed(3)} F1 ${held.f1.toFixed(3)}\n` +
    `wrote ${file} (threshold ${model.threshold}, sibling threshold ${model.sibling.threshold})\n`,
);
