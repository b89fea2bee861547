import { describe, expect, it } from 'vitest';
import { withTones, evaluateIntent, scorePredictions, type Prediction } from './evaluation.js';
import { parseSample } from './intent-eval-set.js';

const p = (expected: Prediction['expected'], predicted: Prediction['predicted'], expectedReply = false, predictedReply = false): Prediction => ({
  expected,
  predicted,
  expectedReply,
  predictedReply,
});

describe('scorePredictions', () => {
  // Hand-computed: 6 samples, 4 right.
  //   complaint: TP 2, predicted 3 (one question read as complaint), support 2 → P 2/3, R 1,   F1 0.8
  //   question:  TP 1, predicted 1,                                 support 2 → P 1,   R 1/2, F1 2/3
  //   request:   TP 0, predicted 0,                                 support 1 → P 0,   R 0,   F1 0
  //   praise:    TP 1, predicted 1,                                 support 1 → P 1,   R 1,   F1 1
  //   other:     TP 0, predicted 1 (the request),                   support 0 → P 0,   R 0,   F1 0
  //   macro-F1 = (0.8 + 0.6667 + 0 + 1 + 0) / 5 = 0.49333
  const predictions = [
    p('complaint', 'complaint', true, true),
    p('complaint', 'complaint', true, true),
    p('question', 'question', true, true),
    p('question', 'complaint', true, true),
    p('request', 'other', true, false),
    p('praise', 'praise', false, true),
  ];

  it('computes accuracy, per-class precision/recall/F1, macro-F1 and replyNeeded accuracy', () => {
    const metrics = scorePredictions(predictions);
    expect(metrics.samples).toBe(6);
    expect(metrics.accuracy).toBe(0.6667);
    expect(metrics.replyAccuracy).toBe(0.6667);
    expect(metrics.perClass.complaint).toEqual({ precision: 0.6667, recall: 1, f1: 0.8, support: 2 });
    expect(metrics.perClass.question).toEqual({ precision: 1, recall: 0.5, f1: 0.6667, support: 2 });
    expect(metrics.perClass.request).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(metrics.perClass.praise).toEqual({ precision: 1, recall: 1, f1: 1, support: 1 });
    expect(metrics.perClass.other).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(metrics.macroF1).toBe(0.4933);
  });

  it('builds the confusion matrix as label → prediction', () => {
    const { confusion } = scorePredictions(predictions);
    expect(confusion.complaint).toEqual({ complaint: 2, question: 0, request: 0, praise: 0, other: 0 });
    expect(confusion.question).toEqual({ complaint: 1, question: 1, request: 0, praise: 0, other: 0 });
    expect(confusion.request.other).toBe(1);
  });

  it('reports zeros rather than NaN for an empty set', () => {
    const metrics = scorePredictions([]);
    expect(metrics.accuracy).toBe(0);
    expect(metrics.macroF1).toBe(0);
  });
});

describe('evaluateIntent', () => {
  it('runs a classifier over samples and lists its mistakes with reasons', () => {
    const samples = [
      parseSample('{"id":"a","split":"dev","language":"ru","direct":false,"intent":"complaint","replyNeeded":true,"text":"нет связи"}', 1),
      parseSample('{"id":"b","split":"dev","language":"en","direct":true,"intent":"praise","replyNeeded":false,"text":"thanks"}', 2),
    ];
    const report = evaluateIntent(samples, (input) => ({ intent: 'complaint', replyNeeded: input.direct === true, reasons: ['stub'] }));
    expect(report.accuracy).toBe(0.5);
    expect(report.replyAccuracy).toBe(0);
    expect(report.errors.map((e) => [e.id, e.predicted, e.reasons])).toEqual([
      ['a', 'complaint', ['stub']],
      ['b', 'complaint', ['stub']],
    ]);
  });

  it('counts what the tone rule did on posts that carried a tone, and any contradiction left', () => {
    const samples = withTones(
      [
        parseSample('{"id":"a","split":"dev","language":"ru","direct":false,"intent":"other","replyNeeded":false,"text":"x"}', 1),
        parseSample('{"id":"b","split":"dev","language":"ru","direct":false,"intent":"praise","replyNeeded":false,"text":"y"}', 2),
        parseSample('{"id":"c","split":"dev","language":"ru","direct":false,"intent":"praise","replyNeeded":false,"text":"z"}', 3),
      ],
      new Map([['a', 'negative'], ['b', 'negative']] as const),
    );
    const verdicts = { x: { intent: 'other', toneOverride: 'praise' }, y: { intent: 'praise', toneOverride: null }, z: { intent: 'praise', toneOverride: null } } as const;
    const report = evaluateIntent(samples, (input) => ({ ...verdicts[input.text as 'x'], replyNeeded: false, reasons: [] }));
    expect(report.toneRule).toEqual({ toned: 2, overridden: 1, overriddenCorrect: 1, contradictions: 1 });
  });
});

describe('parseSample', () => {
  it('names the line and the field of a bad sample', () => {
    expect(() => parseSample('{"id":"x","split":"dev","language":"ru","direct":false,"intent":"rant","replyNeeded":true,"text":"…"}', 7)).toThrow(
      'intent eval set line 7: "intent" must be one of complaint, question, request, praise, other',
    );
    expect(() => parseSample('not json', 3)).toThrow('line 3: not valid JSON');
  });
});
