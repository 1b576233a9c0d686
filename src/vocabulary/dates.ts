import { z } from 'zod';

/** A date known to the day or to the month, as the articles give them. */
export interface PartialDate {
  readonly text: string;
  readonly precision: 'day' | 'month';
  /** First day it could be, ISO `YYYY-MM-DD`. */
  readonly start: string;
  /** Last day it could be, ISO `YYYY-MM-DD`. */
  readonly end: string;
}

/** `YYYY-MM` or `YYYY-MM-DD`; the calendar check (no 2023-02-30) is parsePartialDate's. */
export const DATE_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?$/;

// The proleptic Gregorian calendar, as ISO 8601 and JavaScript's Date count it, for every year 0000–9999.
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysIn = (year: number, month: number) => (month === 2 && isLeap(year) ? 29 : (DAYS[month - 1] as number));
const pad = (n: number) => String(n).padStart(2, '0');

// The last date parsed: the schema and the event checks each read an event's date, one after the other.
let lastParsed: { text: string; date: PartialDate | undefined } = { text: '', date: undefined };

/** Parses `YYYY-MM` or `YYYY-MM-DD`; undefined when the text is not a real date. Pure. */
export function parsePartialDate(text: string): PartialDate | undefined {
  if (text !== lastParsed.text) lastParsed = { text, date: readPartialDate(text) };
  return lastParsed.date;
}

// The same object is given to every caller that asks about this text in a row: its fields are readonly.
function readPartialDate(text: string): PartialDate | undefined {
  // A day, the common case, read digit by digit; a month, or anything else, by the pattern.
  if (text.length === 10 && text.charCodeAt(4) === DASH && text.charCodeAt(7) === DASH) {
    const year = digitsAt(text, 0, 4);
    const month = digitsAt(text, 5, 2);
    const day = digitsAt(text, 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
    return { text, precision: 'day', start: text, end: text };
  }
  const match = DATE_PATTERN.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const last = daysIn(year, month);
  if (match[3] === undefined) return { text, precision: 'month', start: `${match[1]}-${pad(month)}-01`, end: `${match[1]}-${pad(month)}-${pad(last)}` };
  if (Number(match[3]) > last) return undefined;
  return { text, precision: 'day', start: text, end: text };
}

const DASH = 0x2d;

// The number written by `count` ASCII digits from `at`, or -1 if any is not a digit.
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let index = at; index < at + count; index += 1) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Thrown when text that should have been validated as a date is not one: a bug in the caller. */
export class InvalidDateError extends TypeError {
  override name = 'InvalidDateError';

  constructor(readonly text: string) {
    super(`not a date: ${JSON.stringify(text)} (expected YYYY-MM-DD or YYYY-MM)`);
  }
}

/** Like parsePartialDate, for text already validated by the schema. */
export function partialDate(text: string): PartialDate {
  const date = parsePartialDate(text);
  if (!date) throw new InvalidDateError(text);
  return date;
}

/**
 * True when something dated `date` certainly happened after the last day `limit` can mean. Both
 * must be valid dates. The machine asks this on every event, so it compares characters rather
 * than parse: a later month is later; within one month, only two days can be told apart. Pure.
 */
export function certainlyAfter(date: string, limit: string): boolean {
  for (let index = 0; index < 7; index += 1) {
    const difference = date.charCodeAt(index) - limit.charCodeAt(index);
    if (difference !== 0) return difference > 0;
  }
  return date.length === 10 && limit.length === 10 && date > limit;
}

/** Whole calendar months from one date to another (days ignored): 2022-11 to 2024-04 is 17. Pure. */
export function monthsBetween(from: string, to: string): number {
  return monthIndex(to) - monthIndex(from);
}

// Months since year 0 of a validated date, read digit by digit: timelines ask this per channel per step.
function monthIndex(date: string): number {
  const digit = (index: number) => date.charCodeAt(index) - 48;
  const year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  return year * 12 + digit(5) * 10 + digit(6);
}

/** True when `actual` falls within `expected`: equal, or a day inside an expected month. Pure. */
export function dateWithin(actual: string, expected: string): boolean {
  const wanted = partialDate(expected);
  const got = parsePartialDate(actual);
  return got !== undefined && got.start >= wanted.start && got.end <= wanted.end;
}

/** The message for a date the schema refuses; the CLI's --at option uses it too. */
export const DATE_FORMAT = 'expected a date as YYYY-MM-DD or YYYY-MM';

/**
 * A date to the day or the month: `2023-11-15` or `2023-11`. The articles date events no more
 * loosely than that; a plain year is refused so that order and `--at` stay meaningful.
 */
export const DateText = z
  // The schema's own message: validateDocument adds what it got.
  .string({ error: (issue) => (issue.code === 'invalid_type' ? DATE_FORMAT : undefined) })
  .regex(DATE_PATTERN, DATE_FORMAT)
  .refine((text) => !DATE_PATTERN.test(text) || parsePartialDate(text) !== undefined, 'no such day in that month');
