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

// Walks the path as far as it exists; a trailing key is located at the key itself, not its value.
function startOf(doc: Document, path: ReadonlyArray<PropertyKey>, atKey: boolean): number {
  let node: Node | null | undefined = doc.contents as Node | null;
  let offset = node?.range?.[0] ?? 0;
  for (const [index, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      const keyNode = pair.key as Node;
      const last = index === path.length - 1;
      const valueNode = pair.value as Node | null;
      offset = (last && atKey) || !valueNode?.range ? (keyNode.range?.[0] ?? offset) : valueNode.range[0];
      node = valueNode;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item?.range) break;
      offset = item.range[0];
      node = item;
    } else {
      break;
    }
  }
  return offset;
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
