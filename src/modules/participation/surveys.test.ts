import { describe, expect, it } from 'vitest';
import { Message } from '../../platform/i18n/messages.ts';
import { chosenIndicators, summarise, validateAnswers, validateDefinition, type Question } from './surveys.ts';

const questions: Question[] = [
  {
    id: 'needs',
    type: 'multiple',
    text: '需要',
    required: true,
    options: [
      { code: 'roof', label: '屋面', indicatorCode: '01.01.01' },
      { code: 'none', label: '无' },
    ],
  },
  {
    id: 'gas',
    type: 'single',
    text: '燃气',
    required: false,
    options: [
      { code: 'y', label: '是' },
      { code: 'n', label: '否' },
    ],
  },
  { id: 'score', type: 'scale', text: '满意度', required: true, min: 1, max: 5 },
  { id: 'note', type: 'text', text: '意见', required: false, maxLength: 5 },
];

describe('questionnaire definitions', () => {
  it('accepts a sound definition', () => {
    expect(validateDefinition(questions, { allowIndicators: true })).toEqual([]);
  });

  it('names repeated ids, missing options, bad scales and misplaced fields', () => {
    const bad = [
      { id: 'a', type: 'single', text: 'x', required: true, options: [{ code: 'o', label: 'o' }] },
      { id: 'a', type: 'scale', text: 'x', required: true, min: 5, max: 5 },
      {
        id: 'b',
        type: 'multiple',
        text: 'x',
        required: false,
        options: [
          { code: 'o', label: 'o' },
          { code: 'o', label: 'p', indicatorCode: '1.2' },
        ],
      },
      { id: 'c', type: 'text', text: 'x', required: false, options: [], maxLength: 0 },
      { id: 'd', type: 'scale', text: 'x', required: true, min: 1 },
    ] as Question[];
    expect(validateDefinition(bad, { allowIndicators: true }).map((p) => p.path)).toEqual([
      'questions.0.options',
      'questions.1.id',
      'questions.1.max',
      'questions.2.options.1.code',
      'questions.2.options.1.indicatorCode',
      'questions.3.options',
      'questions.3.maxLength',
      'questions.4',
    ]);
    expect(validateDefinition([], { allowIndicators: true })).toEqual([{ path: 'questions', message: expect.any(Message) }]);
  });

  it('maps options to indicators only in a baseline survey', () => {
    expect(validateDefinition(questions, { allowIndicators: false })).toEqual([
      { path: 'questions.0.options.0.indicatorCode', message: expect.any(Message) },
    ]);
  });
});

describe('answer sets', () => {
  it('accepts answers that fit, leaving optional questions out', () => {
    expect(validateAnswers(questions, { needs: ['roof'], score: 3 })).toEqual([]);
    expect(validateAnswers(questions, { needs: ['roof', 'none'], gas: 'n', score: 1, note: '五个字以内' })).toEqual([]);
  });

  it('names required questions left out, choices not offered, scales out of range, long text and unknown questions', () => {
    expect(validateAnswers(questions, { needs: [], gas: 'x', note: '123456', extra: 'z' }).map((p) => p.path)).toEqual([
      'extra',
      'needs',
      'gas',
      'score',
      'note',
    ]);
    expect(validateAnswers(questions, { needs: ['roof', 'roof'], score: 6 }).map((p) => p.path)).toEqual(['needs', 'score']);
    expect(validateAnswers(questions, { needs: 'roof', score: 2.5 }).map((p) => p.path)).toEqual(['needs', 'score']);
    expect(validateAnswers(questions, { needs: ['roof'], score: 0 }).map((p) => p.path)).toEqual(['score']);
  });
});

describe('needs and aggregates', () => {
  it('turns chosen options into indicator codes', () => {
    expect([
      ...chosenIndicators(questions, [
        { questionId: 'needs', code: 'roof' },
        { questionId: 'needs', code: 'none' },
        { questionId: 'gas', code: 'y' },
      ]),
    ]).toEqual(['01.01.01']);
    expect(chosenIndicators(questions, [{ questionId: 'gas', code: 'roof' }]).size).toBe(0);
  });

  it('counts options and scale values, never listing one household', () => {
    const s = summarise(questions, [
      { needs: ['roof'], score: 2 },
      { needs: ['roof', 'none'], gas: 'y', score: 2 },
      { needs: ['none'], score: 5 },
    ]);
    expect(s[0]).toEqual({
      questionId: 'needs',
      answered: 3,
      options: [
        { code: 'roof', count: 2 },
        { code: 'none', count: 2 },
      ],
    });
    expect(s[1]!.answered).toBe(1);
    expect(s[2]!.values!.map((v) => v.count)).toEqual([0, 2, 0, 0, 1]);
    expect(s[3]).toEqual({ questionId: 'note', answered: 0 });
  });
});
