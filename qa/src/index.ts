export { QaInputError, type Problem } from './problems.js';
export {
  FORM_LOCALES,
  MAX_SCALE,
  validateForm,
  type FormItem,
  type FormLocale,
  type FormSection,
  type LocalizedText,
  type QaForm,
  type ScaleItem,
  type YesNoItem,
} from './form.js';
export { defaultForm } from './default-form.js';
export { scoreEvaluation, type Answer, type Answers, type EvaluationScore, type SectionScore } from './score.js';
export { countRatings, fleissKappa, meanWithMargin, reviewerDeviation, type MeanWithMargin, type ReviewerDeviation } from './statistics.js';
export {
  DEFAULT_SAMPLING_PLAN,
  SAMPLE_STRATA,
  drawSample,
  resolvePlan,
  startOfPeriod,
  type ResolvedSamplingPlan,
  type Sample,
  type SampleCall,
  type SamplePeriod,
  type SamplePick,
  type SampleRejection,
  type SampleShortfall,
  type SampleStratum,
  type SamplingPlan,
} from './sampling.js';
export {
  PHRASE_KINDS,
  TRANSCRIPT_LOCALES,
  checkTranscript,
  defaultTranscriptRules,
  type PhraseKind,
  type PhraseLists,
  type Speaker,
  type TranscriptContext,
  type TranscriptEvidence,
  type TranscriptFinding,
  type TranscriptLocale,
  type TranscriptRuleId,
  type TranscriptRules,
  type TranscriptSegment,
} from './transcript.js';
