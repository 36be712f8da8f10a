/** zod issues as Dutch messages that say what was expected and what was found. */
import type { z } from 'zod';
import { numberHint } from './numbers.ts';

const TYPE_NL: Record<string, string> = {
  number: 'een getal',
  string: 'een tekst',
  boolean: 'true of false',
  object: 'een lijst van velden (naam: waarde)',
  array: 'een lijst ([…] of regels met -)',
  null: 'null',
  undefined: 'niets',
  int: 'een geheel getal',
};

/** How a found value reads in a message: "5t60" with quotes, numbers bare. */
export function describeFound(input: unknown): string {
  if (input === undefined) return 'niets';
  if (input === null) return 'null';
  if (typeof input === 'string') return JSON.stringify(input);
  if (typeof input === 'number' || typeof input === 'boolean') return String(input);
  if (Array.isArray(input)) return 'een lijst';
  return 'een lijst van velden';
}

/** One issue as "expected …, found …"; a text typed for a number says how to write it. */
export function issueMessage(issue: z.core.$ZodIssue): string {
  const message = baseMessage(issue);
  const input = (issue as { input?: unknown }).input;
  const hint = typeof input === 'string' && expectsNumber(issue) ? numberHint(input) : undefined;
  return hint ? `${message}; ${hint}` : message;
}

/** Whether a number would have been accepted where the issue is. */
function expectsNumber(issue: z.core.$ZodIssue): boolean {
  if (issue.code === 'invalid_type') return issue.expected === 'number' || issue.expected === 'int';
  if (issue.code === 'invalid_union') {
    return issue.errors.some((branch) => {
      const first = branch[0];
      return (
        first?.code === 'invalid_type' && (first.expected === 'number' || first.expected === 'int')
      );
    });
  }
  return false;
}

function baseMessage(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined)
        return `verplicht veld ontbreekt; verwacht ${TYPE_NL[issue.expected] ?? issue.expected}`;
      return `verwacht ${TYPE_NL[issue.expected] ?? issue.expected}, gevonden ${describeFound(input)}`;
    case 'invalid_union':
      return `verwacht ${unionExpectation(issue)}, gevonden ${describeFound(input)}`;
    case 'invalid_value':
      return `verwacht ${issue.values.map((v) => JSON.stringify(v)).join(' of ')}, gevonden ${describeFound(input)}`;
    case 'too_small':
      if (issue.origin === 'array')
        return `verwacht minstens ${issue.minimum} ${Number(issue.minimum) === 1 ? 'element' : 'elementen'}`;
      if (issue.origin === 'string') return 'verwacht een tekst die niet leeg is';
      return `verwacht ${issue.inclusive ? 'minstens' : 'meer dan'} ${issue.minimum}, gevonden ${describeFound(input)}`;
    case 'too_big':
      return `verwacht ${issue.inclusive ? 'ten hoogste' : 'minder dan'} ${issue.maximum}, gevonden ${describeFound(input)}`;
    case 'invalid_format':
      if (issue.format === 'date')
        return `verwacht een datum als 2025-01-31, gevonden ${describeFound(input)}`;
      return `verwacht ${issue.message}, gevonden ${describeFound(input)}`;
    case 'unrecognized_keys':
      return `onbekend veld`;
    default:
      return issue.message;
  }
}

function unionExpectation(issue: z.core.$ZodIssueInvalidUnion): string {
  const options = issue.errors
    .map((branch) => branch[0])
    .map((first) => {
      if (!first) return undefined;
      if (first.code === 'invalid_type') return TYPE_NL[first.expected] ?? first.expected;
      if (first.code === 'invalid_value')
        return first.values.map((v) => JSON.stringify(v)).join(' of ');
      return undefined;
    })
    .filter((s): s is string => Boolean(s));
  const unique = [...new Set(options)];
  if (unique.length === 0) return 'een andere waarde';
  if (unique.length === 1) return unique[0] ?? '';
  return `${unique.slice(0, -1).join(', ')} of ${unique.at(-1)}`;
}
