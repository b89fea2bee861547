export { classifyIntent, INTENT_THRESHOLD, TONE_WEIGHT, DIRECT_WEIGHT, SPAM_LIMIT, type ClassifyOptions } from './classification/intent.classifier.js';
export { TONE_EXCLUDES, toneAllowsIntent, applyToneRule, type ToneRuling } from './classification/tone-rule.js';
export { INTENT_CUES, REPLY_CUES, type IntentCue, type ReplyCue } from './classification/intent.cues.js';
export { INTENTS, ANSWERABLE_INTENTS, type Intent, type IntentInput, type IntentResult, type ToneLabel } from './classification/intent.types.js';
export {
  evaluateIntent,
  scorePredictions,
  withTones,
  EVAL_SPLITS,
  TUNING_SPLITS,
  type ClassMetrics,
  type EvalSplit,
  type IntentClassify,
  type IntentEvaluation,
  type IntentMetrics,
  type LabeledSample,
  type Misclassification,
  type Prediction,
  type ToneRuleFigures,
} from './evaluation/evaluation.js';
export { loadIntentEvalSet, loadModelTones, parseSample, INTENT_EVAL_SET_URL, MODEL_TONES_URL } from './evaluation/intent-eval-set.js';
export {
  compileAnswerBase,
  AnswerBaseError,
  type AnswerBase,
  type AnswerBaseIssue,
  type AnswerCategory,
  type AnswerCoverage,
  type AnswerMention,
  type AnswerSuggestion,
  type CompiledCategory,
  type CoverageMention,
  type SuggestContext,
} from './answers/typical-answers.js';
export { parseTemplate, TEMPLATE_PLACEHOLDERS, type ParsedTemplate, type RenderedTemplate, type TemplatePlaceholder, type TemplateProblem, type TemplateValues } from './answers/answer-template.js';
export { DEFAULT_ANSWERS } from './answers/default-answers.js';
