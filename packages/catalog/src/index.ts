export {
  type CategoryDecision,
  CategoryMapper,
  type UnmappedCategory,
  unmappedReport,
} from './categories/consolidate.js';
export {
  type CategoryRules,
  categoryRulesSchema,
  loadCategoryRules,
  parseCategoryRules,
  UNIVERSAL_CATEGORIES,
} from './categories/rules.js';
export { type BuildArgs, formatSummary, runBuild } from './cli/build.js';
export { type ExplainArgs, findProduct, formatExplain, runExplain } from './cli/explain.js';
export { type CliIo, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './cli/io.js';
export { type MatchArgs, readMatchCsv, runMatch } from './cli/match.js';
export { type ExportedLink, type ExportedProduct, exportProduct } from './export/shape.js';
export { type BrandFile, type CatalogIndex, EXPORT_FORMAT, writeCatalog } from './export/write.js';
export {
  brandKey,
  inferBrand,
  type MatchRecord,
  type PreparedRecord,
  partNumbers,
  prepareRecord,
  withInferredBrands,
} from './match/features.js';
export { type GbdtFit, type GbdtOptions, type GbdtTree, predictGbdt, trainGbdt } from './match/gbdt.js';
export {
  type CandidateRow,
  DEFAULT_MODEL_FILE,
  defaultMatcherModel,
  FEATURE_NAMES,
  featureVectors,
  GBDT_FORMAT,
  LOGREG_FORMAT,
  type MatcherModel,
  MODEL_FORMAT,
  matcherModelSchema,
  parseMatcherModel,
  predictScorer,
  type Scorer,
} from './match/learned.js';
export { type LogisticFit, predictLogistic, trainLogistic } from './match/logistic.js';
export {
  assignGreedy,
  DEFAULT_MATCHER_OPTIONS,
  type MatcherOptions,
  type MatchPair,
  type MatchResult,
  matchRecords,
  type Side,
  scoredCandidates,
} from './match/matcher.js';
export {
  MERGE_MATCHER_OPTIONS,
  type MergeResult,
  mergeRecords,
  type UnmatchedOfficial,
} from './match/merge.js';
export { DEFAULT_WEIGHTS, type ScoreWeights } from './match/score.js';
export {
  assignTwoStage,
  type ProbabilityRow,
  SIBLING_FEATURE_NAMES,
  siblingFeatures,
  type TwoStageResult,
  twoStagePairs,
} from './match/siblings.js';
export { PhraseMatcher, stem, stems } from './normalize/phrases.js';
export { compareStrings, foldText, splitAlnum, words } from './normalize/text.js';
export {
  type BuildOptions,
  type BuildResult,
  type BuildSummary,
  buildCatalog,
  DEFAULT_RULES_DIR,
  DEMO_CATALOG_DIR,
  loadRules,
  type Rules,
} from './pipeline.js';
export { type BuildLinksResult, buildLinks, type LinkSet } from './relations/engine.js';
export { buildLinksNaive } from './relations/naive.js';
export { type Profile, Profiler } from './relations/profile.js';
export {
  loadRelationRules,
  parseRelationRules,
  type RelationRules,
  relationRulesSchema,
} from './relations/rules.js';
export { jaccard, scoreRelated, scoreTargeted } from './relations/score.js';
export { BrandResolver, brandSlug } from './sources/brands.js';
export { parseSourcesConfig, type SourcesConfig, sourcesConfigSchema } from './sources/config.js';
export { parseCsv } from './sources/csv.js';
export { decodeBuffer } from './sources/decode.js';
export { type LoadedSources, loadSources, SOURCES_FILE } from './sources/load.js';
export { type BrandSource, fileBrandSource, importOfficial } from './sources/official.js';
export { parsePrice, parseStock } from './sources/values.js';
export { type SyntheticOptions, writeSyntheticCatalog } from './synth/generate.js';
export { mulberry32 } from './synth/random.js';
export type {
  CommercialRecord,
  Link,
  LinkType,
  Manual,
  OfficialRecord,
  Product,
  Reject,
  SourceRef,
} from './types.js';
export { LINK_TYPES } from './types.js';
