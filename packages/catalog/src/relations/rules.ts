import { z } from 'zod';
import { readJsonFile } from '../categories/rules.js';
import { parseWithSchema } from '../schema-error.js';

const unit = z.number().min(0).max(1);

const targetedLinkSchema = z
  .object({
    /** Keyword groups a target must belong to (e.g. power, cables, mounting). */
    groups: z.array(z.string().min(1)).min(1),
    threshold: unit,
    limit: z.number().int().min(0),
    weights: z
      .object({
        /** The target belongs to one of `groups` (always true for a candidate; the base of the score). */
        group: unit,
        /** The target names an instrument family the source belongs to ("keyboard stand" for a piano). */
        family: unit,
        /** The target names no family at all: a generic item that fits anything. */
        genericFamily: unit,
        sameBrand: unit,
        /** The target's name contains the source's model code ("PSA-230S for DS-1"). */
        modelMention: unit,
      })
      .strict(),
  })
  .strict();

const relatedLinkSchema = z
  .object({
    threshold: unit,
    limit: z.number().int().min(0),
    /** Relative price difference |a−b| / max(a,b) at or under which prices count as similar. */
    priceWindow: unit,
    weights: z
      .object({
        sameCategory: unit,
        sameSourceCategory: unit,
        priceSimilar: unit,
        sameBrand: unit,
        /** Multiplied by the Jaccard overlap of the descriptive name words (brand and model codes removed). */
        nameOverlap: unit,
      })
      .strict(),
  })
  .strict();

const familySchema = z
  .object({
    /** Universal categories whose products belong to the family. */
    categories: z.array(z.string().min(1)).default([]),
    /** Words that put a product (by name or source category) in the family, and tell what an accessory fits. */
    keywords: z.array(z.string().min(1)).default([]),
    /** Keyword groups that make sense for the family; omitted = all. `[]` = needs nothing (software). */
    groups: z.array(z.string().min(1)).optional(),
  })
  .strict();

export const relationRulesSchema = z
  .object({
    $schema: z.string().optional(),
    keywordGroups: z.record(z.string(), z.array(z.string().min(1)).min(1)),
    families: z.record(z.string(), familySchema),
    necessities: targetedLinkSchema,
    accessories: targetedLinkSchema,
    related: relatedLinkSchema,
    candidates: z
      .object({
        /** Longest posting list read per index key (lists are pre-sorted: in stock first, then SKU). */
        maxPosting: z.number().int().min(1),
      })
      .strict(),
  })
  .strict()
  .superRefine((value, ctx) => {
    const groups = Object.keys(value.keywordGroups);
    const check = (list: string[] | undefined, path: (string | number)[]) => {
      list?.forEach((g, i) => {
        if (!groups.includes(g)) {
          ctx.addIssue({ code: 'custom', path: [...path, i], message: `unknown keyword group "${g}"` });
        }
      });
    };
    check(value.necessities.groups, ['necessities', 'groups']);
    check(value.accessories.groups, ['accessories', 'groups']);
    for (const [name, family] of Object.entries(value.families))
      check(family.groups, ['families', name, 'groups']);
  });

export type RelationRules = z.output<typeof relationRulesSchema>;
export type TargetedLinkRules = RelationRules['necessities'];
export type RelatedLinkRules = RelationRules['related'];

export function parseRelationRules(value: unknown, file = 'relationships.json'): RelationRules {
  return parseWithSchema(relationRulesSchema, value, file);
}

export function loadRelationRules(path: string): RelationRules {
  return parseRelationRules(readJsonFile(path), path);
}
