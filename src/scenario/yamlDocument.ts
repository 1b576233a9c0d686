import { FAILSAFE_SCHEMA, load, Type } from 'js-yaml';
import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, type Pair, parseDocument, visit, type YAMLMap } from 'yaml';
import { formatPath, type Problem } from './problems.js';

/** A parsed YAML text that can say where any path in it starts. */
export interface LocatedDocument {
  /** The plain data, or undefined when the YAML did not parse. */
  data: unknown;
  /** YAML syntax problems; when there are any, `data` is undefined. */
  syntaxProblems: Problem[];
  /** A problem at `path`: at the key `key` inside it when given, else at the deepest node that exists. */
  problemAt(path: ReadonlyArray<PropertyKey>, message: string, key?: string): Problem;
  /** The 1-based line where `path` starts, for cross-references in messages. */
  lineOf(path: ReadonlyArray<PropertyKey>): number;
}

/**
 * Parses YAML text so that later problems can point at a line and column. A document the fast
 * reader (js-yaml) takes as it is gives its data at once, and is read again keeping positions
 * (the yaml library, ten times slower on a long file) only when a problem is to be located;
 * anything else (an alias, a key written twice, a `__proto__` key, a syntax error) is read with
 * positions from the start, whose reader says what is wrong and where. Pure.
 */
export function parseYaml(source: string, file: string): LocatedDocument {
  // A byte-order mark is no part of the text (the yaml library misreads a list after one).
  const text = source.startsWith('\ufeff') ? source.slice(1) : source;
  const quick = quickData(text);
  if (quick === undefined) return locatedDocument(text, file);
  let located: LocatedDocument | undefined;
  const locate = () => (located ??= locatedDocument(text, file));
  return {
    data: quick.data,
    syntaxProblems: [],
    problemAt: (path, message, key) => locate().problemAt(path, message, key),
    lineOf: (path) => locate().lineOf(path),
  };
}

// Plain scalars read as the yaml library's core schema reads them (its own patterns, in its order),
// not as js-yaml's: YAML 1.2 makes `1e3` a number, which js-yaml reads as text.
const scalar = (tag: string, test: RegExp, construct: (text: string) => unknown) =>
  new Type(`tag:yaml.org,2002:${tag}`, {
    kind: 'scalar',
    resolve: (text: string | null) => test.test(text ?? ''),
    construct: (text: string | null) => construct(text ?? ''),
  });
const YAML_CORE = FAILSAFE_SCHEMA.extend({
  implicit: [
    scalar('null', /^(?:~|[Nn]ull|NULL)?$/, () => null),
    scalar('bool', /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (text) => text[0] === 't' || text[0] === 'T'),
    scalar('int', /^(?:0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+)$/, (text) =>
      text.startsWith('0o') ? Number.parseInt(text.slice(2), 8) : text.startsWith('0x') ? Number.parseInt(text.slice(2), 16) : Number.parseInt(text, 10),
    ),
    scalar(
      'float',
      /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/,
      (text) =>
        /nan$/i.test(text)
          ? Number.NaN
          : /inf$/i.test(text)
            ? text[0] === '-'
              ? Number.NEGATIVE_INFINITY
              : Number.POSITIVE_INFINITY
            : Number.parseFloat(text),
    ),
  ],
});

// Keys the two readers turn into the same text: names, as every field and id of a scenario is.
// Any other (`~`, `1e3`, a quoted "null", a list as a key) the yaml library reads on its own.
const PLAIN_KEY = /^(?!(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$)[A-Za-z_][A-Za-z0-9_.-]*$/;
function plainKeys(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const item of value) if (item !== null && typeof item === 'object') stack.push(item);
      continue;
    }
    for (const key in value) {
      // A name no longer than a YAML key may be, and not __proto__ (written with an escape, say).
      if (!PLAIN_KEY.test(key) || key.length > 1024 || key === '__proto__') return false;
      const field = (value as Record<string, unknown>)[key];
      if (field !== null && typeof field === 'object') stack.push(field);
    }
  }
  return true;
}

// The data of a document the fast reader takes without a doubt, else undefined: no anchor (so no
// alias, whose expansion the located reader bounds), no repeated key (js-yaml refuses one), no key
// that could be `__proto__` and none but names; scalars as the yaml library's core schema reads them.
// Text the two readers are known to read apart: directives (`%YAML 1.1` changes what a scalar is),
// lines ended by a carriage return alone, explicit (`? `) and collection keys, a comment against a
// quoted scalar, and a flow collection continued on a line that starts with a comma.
const READ_APART = /^%|\r(?!\n)|^[\t -]*\?(?:[\t ]|$)|[\]}][\t ]*:(?:[\t ]|$)|["']#|\n[\t ]*,/m;

function quickData(text: string): { data: unknown } | undefined {
  if (text.includes('__proto__') || READ_APART.test(text)) return undefined;
  let anchored = false;
  try {
    const data = load(text, {
      schema: YAML_CORE,
      listener: (event, state) => {
        if (event === 'close' && (state as unknown as { anchor: unknown }).anchor != null) anchored = true;
      },
    });
    return data === undefined || anchored || !plainKeys(data) ? undefined : { data };
  } catch {
    return undefined;
  }
}

/** Parses YAML text keeping positions, so later problems can point at a line and column. Pure. */
function locatedDocument(text: string, file: string): LocatedDocument {
  const lineCounter = new LineCounter();
  // The library's own check of unique keys compares each key with every other (20,000 keys took
  // 3 s): keys are checked here instead, with a set per mapping.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });

  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  const syntaxProblems: Problem[] = doc.errors.map((error) => ({
    file,
    ...position(error.pos[0]),
    path: '',
    message: `YAML syntax: ${error.message.split('\n')[0]}`,
  }));

  if (syntaxProblems.length === 0) {
    for (const { path, offset, message } of keyProblems(doc.contents as Node | null))
      syntaxProblems.push({ file, ...position(offset), path: formatPath(path), message });
  }

  // Aliases resolve only when the data is built; an unknown or runaway alias fails there.
  let data: unknown;
  if (syntaxProblems.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 1000 });
    } catch (error) {
      syntaxProblems.push({ file, ...position(brokenAliasOffset(doc)), path: '', message: `YAML: ${(error as Error).message}` });
    }
  }

  const offsetOf = (path: ReadonlyArray<PropertyKey>, key?: string): number => {
    const target = key === undefined ? path : [...path, key];
    return startOf(doc, target, key !== undefined);
  };

  return {
    data: syntaxProblems.length > 0 ? undefined : data,
    syntaxProblems,
    problemAt: (path, message, key) => ({
      file,
      ...position(offsetOf(path, key)),
      path: formatPath(key === undefined ? path : [...path, key]),
      message,
    }),
    lineOf: (path) => position(offsetOf(path)).line,
  };
}

/**
 * Keys the data must not be built from, in one pass over the tree (a stack, not recursion, for
 * deep documents): a key written twice in a mapping (the data would keep only the last), and a
 * "__proto__" key, which would set the prototype of the object built from it, so the schema would
 * never see it and an expectation written under it would be silently ignored. No field has that name.
 */
function keyProblems(root: Node | null | undefined): Array<{ path: PropertyKey[]; offset: number; message: string }> {
  const found: Array<{ path: PropertyKey[]; offset: number; message: string }> = [];
  const stack: Array<{ node: Node | null | undefined; path: PropertyKey[] }> = [{ node: root, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop() as { node: Node | null | undefined; path: PropertyKey[] };
    if (isMap(node)) {
      // 1 and "1" are different keys, as the yaml library counts them.
      const seen = new Set<string>();
      for (const pair of node.items) {
        const value = isScalar(pair.key) ? pair.key.value : undefined;
        const key = isScalar(pair.key) ? String(value) : undefined;
        const offset = (pair.key as Node | null)?.range?.[0] ?? 0;
        if (isScalar(pair.key)) {
          const identity = `${typeof value}:${key}`;
          // Said at the key written again, as a syntax problem of the whole file, as the library did.
          if (seen.has(identity)) found.push({ path: [], offset, message: 'YAML syntax: Map keys must be unique' });
          seen.add(identity);
        }
        if (key === '__proto__') found.push({ path: [...path, '__proto__'], offset, message: 'unknown field "__proto__" (no field has this name)' });
        stack.push({ node: pair.value as Node | null, path: key === undefined ? path : [...path, key] });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => stack.push({ node: item as Node | null, path: [...path, index] }));
    }
  }
  return found.sort((a, b) => a.offset - b.offset);
}

// The pairs of a mapping by key, built once per mapping: a file with thousands of keys has as
// many problems to place, and a search of the mapping for each took time quadratic in the keys.
const pairIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();
function pairOf(map: YAMLMap, key: unknown): Pair | undefined {
  let index = pairIndexes.get(map);
  if (!index) {
    index = new Map();
    // Keys are compared as text: a path says "1" for the YAML key 1. The first of a repeated key, as a search would find.
    for (const pair of map.items) if (isScalar(pair.key) && !index.has(String(pair.key.value))) index.set(String(pair.key.value), pair);
    pairIndexes.set(map, index);
  }
  return index.get(String(key));
}

// Where the deepest node on the path that exists starts: the path as far as it goes (a problem
// may name a field that is missing); a trailing key is located at the key itself, not its value.
function startOf(doc: Document, path: ReadonlyArray<PropertyKey>, atKey: boolean): number {
  let parent = doc.contents as Node | null | undefined;
  let start = parent?.range?.[0] ?? 0;
  for (const [depth, segment] of path.entries()) {
    const pair = isMap(parent) ? pairOf(parent, segment) : undefined;
    const node = pair ? (pair.value as Node | null) : isSeq(parent) && typeof segment === 'number' ? (parent.items[segment] as Node | undefined) : undefined;
    const keyStart = (pair?.key as Node | undefined)?.range?.[0];
    if (atKey && depth === path.length - 1 && keyStart !== undefined) return keyStart;
    if (node?.range) start = node.range[0];
    else if (keyStart !== undefined) start = keyStart;
    else return start;
    parent = node;
  }
  return start;
}

// Where the first alias without an anchor before it is; else the document start.
function brokenAliasOffset(doc: Document): number {
  let offset = 0;
  visit(doc, {
    Alias(_key, node) {
      if (node.resolve(doc) === undefined) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return offset;
}
