import type { z } from 'zod';

/**
 * What was wrong with a setting's value, in words that name the value as given: the schema coerces numbers, so its
 * own message speaks of the coerced value ("expected number, received NaN") rather than what the user typed.
 *
 * @param issue the schema's issue for this setting
 * @param given the raw value (flag or environment variable), when it is a string
 * @example settingIssueText({ code: 'invalid_type', expected: 'number', ... }, 'abc'); // '"abc" is not a number'
 */
export function settingIssueText(issue: z.core.$ZodIssue, given: unknown): string {
  if (typeof given !== 'string') return issue.message;
  const quoted = JSON.stringify(given);
  if (issue.code === 'invalid_type' && issue.expected === 'number') return `${quoted} is not a number`;
  if (issue.code === 'invalid_type' && issue.expected === 'int') return `${quoted} is not a whole number`;
  if (issue.code === 'too_big' || issue.code === 'too_small') return `${quoted}: ${issue.message.toLowerCase()}`;
  return issue.message;
}

/** True for a number setting's raw value that is blank: the schema would coerce it to 0 instead of refusing it. */
export function isBlankNumber(kind: string, given: unknown): boolean {
  return kind === 'number' && typeof given === 'string' && given.trim() === '';
}
