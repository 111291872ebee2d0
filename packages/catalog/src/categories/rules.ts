import { readFileSync } from 'node:fs';
import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import { z } from 'zod';
import { parseWithSchema } from '../schema-error.js';

/** The eight universal categories every product is consolidated into. */
export const UNIVERSAL_CATEGORIES = [
  'Keys & Pianos',
  'Drums & Percussion',
  'Guitars & Amps',
  'Studio & Recording',
  'Live Sound',
  'DJ & Production',
  'Software & Cloud',
  'Accessories',
] as const;

const ruleSchema = z
  .object({
    category: z.string(),
    /** Source categories (any spelling; compared folded) that map straight to `category`. */
    sourceCategories: z.array(z.string().min(1)).default([]),
    /** Whole-word phrases looked for in the source category path when no exact entry matched. */
    keywords: z.array(z.string().min(1)).default([]),
  })
  .strict();

export const categoryRulesSchema = z
  .object({
    $schema: z.string().optional(),
    categories: z.array(z.string().min(1)).min(1),
    rules: z.array(ruleSchema),
  })
  .strict()
  .superRefine((value, ctx) => {
    value.rules.forEach((rule, i) => {
      if (!value.categories.includes(rule.category)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'category'],
          message: `unknown category "${rule.category}" (not in "categories")`,
        });
      }
    });
  });

export type CategoryRules = z.output<typeof categoryRulesSchema>;

export function parseCategoryRules(value: unknown, file = 'categories.json'): CategoryRules {
  return parseWithSchema(categoryRulesSchema, value, file);
}

export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new EnsembleError(ErrorCode.Config, `cannot read ${path}`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new EnsembleError(ErrorCode.Config, `${path}: invalid JSON: ${(error as Error).message}`);
  }
}

export function loadCategoryRules(path: string): CategoryRules {
  return parseCategoryRules(readJsonFile(path), path);
}
