import { LineCounter, isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node } from 'yaml';
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

/** Parses YAML text keeping positions, so later problems can point at a line and column. Pure. */
export function parseYaml(text: string, file: string): LocatedDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });

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

  // A "__proto__" key would set the prototype of the object built from it: the schema would never
  // see it, and an expectation written under it would be silently ignored. No field has that name.
  if (syntaxProblems.length === 0) {
    for (const { path, offset } of protoKeys(doc.contents as Node | null, [])) {
      syntaxProblems.push({ file, ...position(offset), path: formatPath([...path, '__proto__']), message: 'unknown field "__proto__" (no field has this name)' });
    }
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

// Every "__proto__" key in the tree, with the path of the mapping that holds it.
function protoKeys(node: Node | null | undefined, path: PropertyKey[]): Array<{ path: PropertyKey[]; offset: number }> {
  if (isMap(node)) {
    return node.items.flatMap((pair) => {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      const here = key === '__proto__' ? [{ path, offset: (pair.key as Node).range?.[0] ?? 0 }] : [];
      return [...here, ...protoKeys(pair.value as Node | null, key === undefined ? path : [...path, key])];
    });
  }
  if (isSeq(node)) return node.items.flatMap((item, index) => protoKeys(item as Node | null, [...path, index]));
  return [];
}

// Where the deepest node on the path that exists starts: the path as far as it goes (a problem
// may name a field that is missing); a trailing key is located at the key itself, not its value.
function startOf(doc: Document, path: ReadonlyArray<PropertyKey>, atKey: boolean): number {
  for (let length = path.length; length > 0; length -= 1) {
    const prefix = path.slice(0, length) as unknown[];
    const parent = length === 1 ? doc.contents : doc.getIn(prefix.slice(0, -1), true);
    const last = prefix[length - 1];
    // Keys are compared as text: a path says "1" for the YAML key 1.
    const pair = isMap(parent) ? parent.items.find((item) => isScalar(item.key) && String(item.key.value) === String(last)) : undefined;
    const node = pair ? (pair.value as Node | null) : isSeq(parent) && typeof last === 'number' ? (parent.items[last] as Node | undefined) : undefined;
    const keyStart = (pair?.key as Node | undefined)?.range?.[0];
    if (atKey && length === path.length && keyStart !== undefined) return keyStart;
    if (node?.range) return node.range[0];
    if (keyStart !== undefined) return keyStart;
  }
  return (doc.contents as Node | null)?.range?.[0] ?? 0;
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
