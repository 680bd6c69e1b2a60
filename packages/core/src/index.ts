/**
 * What @shoutu/core publishes: the model's schemas and types, and the functions the engine, the
 * CLI, the site and the tests use. Everything else is internal to the package. Stream G of issue 13
 * turned `export *` into this list (docs/design/authors.md §7); another stream adds its exports in a
 * block of its own, below, with a comment naming it.
 */
export { PROBLEM_CODES, problemCodeInfo } from './codes/index.js';
export { CODE_LETTERS, problemsMarkdown } from './codes/markdown.js';
export type { ProblemCodeInfo } from './codes/types.js';
export {
  type ConditionFold,
  type ConditionPath,
  type ConditionVisitor,
  conditionPathText,
  factsOf,
  foldConditions,
  type ReferenceProblem,
  type SharedLookup,
  type WalkOptions,
  walkConditions,
} from './conditions.js';
export { addDays, daysBetween, IsoDate, inForce, inForceBetween, isValidDay } from './dates.js';
export {
  type ConditionWords,
  conditionLines,
  conditionText,
  type DescribeOptions,
  describeBlank,
  describeConditions,
  describeCoverage,
  describeDeadline,
  describeOutcome,
  describeRule,
  describeTooFewDays,
  type TextPart,
  wordsLang,
} from './explain.js';
// Stream B (issue 13: rule tests, derived facts, versions).
export {
  derivedFrom,
  factCatalog,
  formOfFact,
  formsNeededToday,
  LATE_FIELD,
  SUBJECT_PREFIX,
} from './facts.js';
export {
  DerivedFact,
  FIELD_TYPES,
  type FieldType,
  Form,
  FormField,
  FormSubjects,
  formRegistryProblems,
  needsTodaysReport,
  SUBJECT_COLUMN,
  SUBMITTED_COLUMN,
} from './form.js';
export { describeValue } from './issue-text.js';
export {
  type JsonSource,
  jsonDepthProblem,
  locate,
  type PathSegment,
  parseJsonSource,
  problemAt,
  validateJson,
  zodProblems,
} from './json-source.js';
export { formatBytes, LIMITS, type LimitName } from './limits.js';
export { formatQuantity, type MeasurementUnits } from './measurement-units.js';
export {
  cmp,
  formatProblem,
  hint,
  type Problem,
  problemPlace,
  problemWord,
  sortProblems,
  type UncodedProblem,
} from './problem.js';
export { dayIn, Project } from './project.js';
export { buildRegistry, codeFitsParent, Registry, type RegistryInput } from './registry.js';
export {
  Attribute,
  AttributeValue,
  Department,
  Level,
  MeasurementUnit,
  Place,
  PlaceType,
  RegistryFile,
  TerritoryUnit,
  UnitKind,
} from './registry-schema.js';
// Stream C (issue 13: workbooks and encodings of reports).
export {
  createReportReader,
  type FieldValue,
  isTemplateLabelsRow,
  REPORT_NAME,
  type ReportContext,
  type ReportFile,
  type ReportReader,
  type ReportRow,
  readReportFile,
} from './report.js';
export { type ResponsibleParty, responsibleParties } from './responsibility.js';
export {
  AreaInfo,
  CityResults,
  ConditionOutcome,
  Counts,
  DistrictAction,
  DistrictActions,
  DistrictDay,
  DistrictResults,
  FactInfo,
  Finding,
  FormInfo,
  MeasurementUnitInfo,
  PlaceRow,
  Position,
  RESULTS_SCHEMA,
  RuleInfo,
  ruleInfoOf,
  STATUSES,
  type Status,
  Streak,
  Summary,
  Territory,
  Trend,
  UnitRef,
  UnitRow,
  WaiverInfo,
} from './result.js';
export {
  type Area,
  ConditionReference,
  ConditionValue,
  DECORATORS,
  Deadline,
  deadlineDays,
  LeafCondition,
  MissingReport,
  NestedCondition,
  OPERATORS,
  Operator,
  PLAIN_PATH,
  RESPONSIBLE,
  type Responsible,
  Rule,
  RuleSubjects,
  SEVERITIES,
  type Severity,
  SharedCondition,
  TopLevelCondition,
} from './rule.js';
export {
  checkRule,
  checkSharedCondition,
  // Stream A2 (held-back author mistakes)
  factHint,
  type RuleContext,
  whyUnavailable,
} from './rule-check.js';
export { canonicalJson, ruleContentHash } from './rule-hash.js';
// Stream B2 (issue 13: held-back rule-test mistakes).
export { misnamedTestFile, RulesConfig, RuleTestCase, RuleTestFile } from './rule-test.js';
export { jsonSchemas } from './schemas.js';
export {
  AreaDef,
  type Band,
  bandOf,
  CountMode,
  criticalCapOf,
  MAX_WEIGHT,
  MIN_WEIGHT,
  ScoringMethod,
  scoringVersion,
  trendDirection,
  worseBand,
} from './scoring.js';
export { type Lang, LocalizedText, languagesInUse, textIn, useLanguages } from './text.js';
export { inForceOn, type LoadedWaiver, Waiver, WaiverFile } from './waiver.js';
