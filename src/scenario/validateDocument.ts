import type { z } from 'zod';
import { defOf } from '../fences/zodInternals.js';
import { formatPath, type Problem } from './problems.js';
import { EventCommonFields } from './schema.js';
import { allowedKeys, schemaAt, unionLeadingKeys, unionMember, valueAt } from './schemaPath.js';
import { didYouMean } from './suggest.js';
import type { LocatedDocument } from './yamlDocument.js';

/**
 * Validates a parsed YAML document against a zod schema; every issue becomes a located problem
 * whose message says how to fix it. Pure.
 */
export function validateDocument<T extends z.ZodType>(
  schema: T,
  doc: LocatedDocument,
): { success: true; data: z.output<T>; problems: [] } | { success: false; problems: Problem[] } {
  const parsed = schema.safeParse(doc.data);
  if (parsed.success) return { success: true, data: parsed.data, problems: [] };
  return { success: false, problems: parsed.error.issues.flatMap((issue) => describeIssue(issue, { schema, doc })) };
}

/** Plain data (not from a file) as a document whose problems name a path but no line. Pure. */
export function unlocatedDocument(data: unknown): LocatedDocument {
  return {
    data,
    syntaxProblems: [],
    problemAt: (path, message, key) => ({ file: '', line: 0, column: 0, path: formatPath(key === undefined ? path : [...path, key]), message }),
    lineOf: () => 0,
  };
}

interface Context {
  schema: z.ZodType;
  doc: LocatedDocument;
}

// JSON.stringify would print Infinity (YAML's 1e400 or .inf) as null; a whole document is cut short.
const show = (value: unknown) => {
  const text = typeof value === 'string' ? `"${value}"` : typeof value === 'number' ? String(value) : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
};

// The message the schema at the issue's path gives itself (zod's per-schema `error`), if it does:
// the schema then says what it expects, and this module adds where and what it got.
function ownMessage(issue: z.core.$ZodIssue, context: Context): string | undefined {
  const schema = schemaAt(context.schema, context.doc.data, issue.path);
  return schema && defOf(schema).error !== undefined ? issue.message : undefined;
}

// With no type to pick a schema by, zod checks nothing else; the fields all events share still can be.
function commonFieldProblems(eventPath: ReadonlyArray<PropertyKey>, context: Context): Problem[] {
  return nestedProblems(EventCommonFields, eventPath, context);
}

// Validates the value at `path` with a sub-schema and places its issues under that path.
function nestedProblems(schema: z.ZodType, path: ReadonlyArray<PropertyKey>, context: Context): Problem[] {
  const result = schema.safeParse(valueAt(context.doc.data, path));
  if (result.success) return [];
  return result.error.issues.flatMap((issue) => describeIssue({ ...issue, path: [...path, ...issue.path] }, context));
}

// Turns one zod issue into located problems with messages that say how to fix them.
function describeIssue(issue: z.core.$ZodIssue, context: Context): Problem[] {
  const { doc } = context;
  const path = issue.path;
  const received = valueAt(doc.data, path);
  switch (issue.code) {
    case 'invalid_union': {
      if ('discriminator' in issue && issue.discriminator) {
        const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
        const typeProblem =
          received === undefined
            ? doc.problemAt(path.slice(0, -1), `missing "type"; the event types are: ${options.join(', ')}`)
            : doc.problemAt(
                path,
                `unknown event type ${show(received)}${typeof received === 'string' ? didYouMean(received, options) : ''} (the event types are: ${options.join(', ')})`,
              );
        return [typeProblem, ...commonFieldProblems(path.slice(0, -1), context)];
      }
      // A plain union of objects told apart by their first field, like the what-if edits.
      const union = schemaAt(context.schema, doc.data, path);
      const member = union && unionMember(union, received);
      if (member) return nestedProblems(member, path, context);
      const own = ownMessage(issue, context);
      if (own) return [doc.problemAt(path, `${own}, got ${show(received)}`)];
      const forms = union ? unionLeadingKeys(union) : [];
      if (forms.length === 0) return [doc.problemAt(path, issue.message)];
      const keys = received !== null && typeof received === 'object' ? Object.keys(received) : [];
      const hint = keys.length > 0 ? (keys.map((key) => didYouMean(key, forms)).find(Boolean) ?? '') : '';
      return [doc.problemAt(path, `expected one of the forms: ${forms.join(', ')}${hint}`)];
    }
    case 'invalid_value': {
      const options = issue.values.map(String);
      if (received === undefined) {
        return [doc.problemAt(path.slice(0, -1), `missing required field "${String(path.at(-1))}" (one of: ${options.join(', ')})`)];
      }
      const hint = typeof received === 'string' ? didYouMean(received, options) : '';
      return [doc.problemAt(path, `${ownMessage(issue, context) ?? 'not allowed'}: ${show(received)}${hint} (expected one of: ${options.join(', ')})`)];
    }
    case 'unrecognized_keys': {
      const own = ownMessage(issue, context);
      const allowed = allowedKeys(context.schema, doc.data, path) ?? [];
      return issue.keys.map((key) => {
        const listed = allowed.length > 0 ? ` (${own ? 'expected one of' : 'allowed here'}: ${allowed.join(', ')})` : '';
        return doc.problemAt(path, `${own ?? 'unknown field'} "${key}"${didYouMean(key, allowed)}${listed}`, key);
      });
    }
    case 'invalid_key': {
      // A record key that breaks the key schema, e.g. an article id in `sources`: point at the key.
      const key = String(path.at(-1));
      const reasons = issue.issues.map((inner) => inner.message).join('; ');
      return [doc.problemAt(path.slice(0, -1), `bad id "${key}": ${reasons}`, key)];
    }
    case 'invalid_type':
      if (received === undefined) {
        return [doc.problemAt(path.slice(0, -1), `missing required field "${String(path[path.length - 1])}" (${issue.expected})`)];
      }
      return [doc.problemAt(path, `${ownMessage(issue, context) ?? `expected ${issue.expected}`}, got ${show(received)}`)];
    default:
      return [doc.problemAt(path, issue.message)];
  }
}
