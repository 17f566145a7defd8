// Questionnaires (R13) as plain rules: a definition is checked whole before a
// survey opens, and an answer set is checked against its definition before it
// is stored. No database here.

import type { Message } from '../../platform/i18n/messages.ts';
import { participationMessages as pm } from './messages.ts';

export const questionTypes = ['single', 'multiple', 'scale', 'text'] as const;
export type QuestionType = (typeof questionTypes)[number];

export interface SurveyOption {
  code: string;
  label: string;
  /** A third-level catalogue code: choosing this option in a baseline survey records a need for it. */
  indicatorCode?: string;
}

export interface Question {
  id: string;
  type: QuestionType;
  text: string;
  required: boolean;
  options?: SurveyOption[];
  min?: number;
  max?: number;
  maxLength?: number;
}

export type Answer = string | string[] | number;
export type Answers = Record<string, Answer>;

export interface Problem {
  path: string;
  message: Message;
}

export const TEXT_MAX = 2000;
const INDICATOR = /^\d{2}\.\d{2}\.\d{2}$/;

/** Everything wrong with a definition, with paths relative to the question list; empty when it is sound. */
export function validateDefinition(questions: Question[], opts: { allowIndicators: boolean }): Problem[] {
  const problems: Problem[] = [];
  if (!questions.length) problems.push({ path: 'questions', message: pm.msg('survey_field.at_least_one') });
  const ids = new Map<string, number>();
  questions.forEach((q, i) => {
    const at = `questions.${i}`;
    const first = ids.get(q.id);
    if (first !== undefined) problems.push({ path: `${at}.id`, message: pm.msg('survey_field.repeats_id', { first }) });
    else ids.set(q.id, i);
    if (typeof q.required !== 'boolean') problems.push({ path: `${at}.required`, message: pm.msg('survey_field.required_flag') });
    const choice = q.type === 'single' || q.type === 'multiple';
    if (choice) {
      const options = q.options ?? [];
      if (options.length < 2) problems.push({ path: `${at}.options`, message: pm.msg('survey_field.two_options') });
      const codes = new Map<string, number>();
      options.forEach((o, j) => {
        const first = codes.get(o.code);
        if (first !== undefined)
          problems.push({ path: `${at}.options.${j}.code`, message: pm.msg('survey_field.repeats_code', { first }) });
        else codes.set(o.code, j);
        if (o.indicatorCode !== undefined) {
          if (!opts.allowIndicators)
            problems.push({ path: `${at}.options.${j}.indicatorCode`, message: pm.msg('survey_field.indicators_baseline_only') });
          else if (!INDICATOR.test(o.indicatorCode))
            problems.push({ path: `${at}.options.${j}.indicatorCode`, message: pm.msg('survey_field.indicator_code') });
        }
      });
    } else if (q.options !== undefined)
      problems.push({ path: `${at}.options`, message: pm.msg('survey_field.no_options', { type: q.type }) });
    if (q.type === 'scale') {
      if (!Number.isInteger(q.min) || !Number.isInteger(q.max))
        problems.push({ path: `${at}`, message: pm.msg('survey_field.scale_integers') });
      else if (q.min! >= q.max!) problems.push({ path: `${at}.max`, message: pm.msg('survey_field.max_above_min') });
      else if (q.max! - q.min! > 100) problems.push({ path: `${at}.max`, message: pm.msg('survey_field.scale_span') });
    } else if (q.min !== undefined || q.max !== undefined) problems.push({ path: `${at}`, message: pm.msg('survey_field.scale_only') });
    if (q.type === 'text') {
      if (q.maxLength !== undefined && !(Number.isInteger(q.maxLength) && q.maxLength >= 1 && q.maxLength <= TEXT_MAX))
        problems.push({ path: `${at}.maxLength`, message: pm.msg('survey_field.max_length', { max: TEXT_MAX }) });
    } else if (q.maxLength !== undefined) problems.push({ path: `${at}.maxLength`, message: pm.msg('survey_field.length_text_only') });
  });
  return problems;
}

/** Everything wrong with an answer set, with paths relative to the answers; empty when it may be stored. */
export function validateAnswers(questions: Question[], answers: Answers): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const key of Object.keys(answers)) if (!byId.has(key)) problems.push({ path: key, message: pm.msg('survey_answer.not_question') });
  for (const q of questions) {
    const a = answers[q.id];
    const missing = a === undefined || (Array.isArray(a) && !a.length) || (typeof a === 'string' && !a.trim());
    if (missing) {
      if (q.required) problems.push({ path: q.id, message: pm.msg('survey_answer.required') });
      continue;
    }
    const codes = new Set((q.options ?? []).map((o) => o.code));
    switch (q.type) {
      case 'single':
        if (typeof a !== 'string' || !codes.has(a)) problems.push({ path: q.id, message: pm.msg('survey_answer.not_option') });
        break;
      case 'multiple':
        if (!Array.isArray(a) || a.some((c) => typeof c !== 'string' || !codes.has(c)))
          problems.push({ path: q.id, message: pm.msg('survey_answer.lists_non_option') });
        else if (new Set(a).size !== a.length) problems.push({ path: q.id, message: pm.msg('survey_answer.option_twice') });
        break;
      case 'scale':
        if (typeof a !== 'number' || !Number.isInteger(a) || a < q.min! || a > q.max!)
          problems.push({ path: q.id, message: pm.msg('survey_answer.scale_range', { min: q.min!, max: q.max! }) });
        break;
      case 'text':
        if (typeof a !== 'string') problems.push({ path: q.id, message: pm.msg('survey_answer.not_text') });
        else if ([...a].length > (q.maxLength ?? TEXT_MAX))
          problems.push({ path: q.id, message: pm.msg('survey_answer.too_long', { max: q.maxLength ?? TEXT_MAX }) });
        break;
    }
  }
  return problems;
}

/** The indicator codes of the options chosen in some answer sets (a baseline survey's needs). */
export function chosenIndicators(questions: Question[], chosen: { questionId: string; code: string }[]): Set<string> {
  const map = new Map<string, string>();
  for (const q of questions) for (const o of q.options ?? []) if (o.indicatorCode) map.set(`${q.id}\u0000${o.code}`, o.indicatorCode);
  const needs = new Set<string>();
  for (const c of chosen) {
    const code = map.get(`${c.questionId}\u0000${c.code}`);
    if (code) needs.add(code);
  }
  return needs;
}

export interface QuestionSummary {
  questionId: string;
  answered: number;
  /** Choice questions: how many households chose each option. */
  options?: { code: string; count: number }[];
  /** Scales: how many households gave each value. */
  values?: { value: number; count: number }[];
}

/** Aggregates only: what a list view may show of households' answers. */
export function summarise(questions: Question[], answerSets: Answers[]): QuestionSummary[] {
  return questions.map((q) => {
    const given = answerSets.map((a) => a[q.id]).filter((a) => a !== undefined && !(Array.isArray(a) && !a.length) && a !== '');
    const s: QuestionSummary = { questionId: q.id, answered: given.length };
    if (q.type === 'single' || q.type === 'multiple') {
      s.options = (q.options ?? []).map((o) => ({
        code: o.code,
        count: given.filter((a) => (Array.isArray(a) ? a.includes(o.code) : a === o.code)).length,
      }));
    } else if (q.type === 'scale') {
      s.values = [];
      for (let v = q.min!; v <= q.max!; v++) s.values.push({ value: v, count: given.filter((a) => a === v).length });
    }
    return s;
  });
}
