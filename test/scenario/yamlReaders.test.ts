// The fast reader (js-yaml, no positions) and the located one (the yaml library) must read every
// document alike: the data a scenario is checked on cannot depend on which of them read it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { parseYaml } from '../../src/scenario/yamlDocument.js';

// Plain scalars at the edges of YAML 1.2's core schema, and text that only looks like them.
const plain = fc.constantFrom(
  '1',
  '-0',
  '+12',
  '007',
  '0o17',
  '0o8',
  '0x1F',
  '0xG',
  '1_000',
  '1e3',
  '1E-2',
  '1e400',
  '.5',
  '5.',
  '-.5e+2',
  '.inf',
  '-.Inf',
  '+.INF',
  '.nan',
  '.NaN',
  'null',
  'Null',
  'NULL',
  '~',
  'nULL',
  'true',
  'True',
  'TRUE',
  'tRUE',
  'yes',
  'no',
  'on',
  'off',
  'y',
  '2022-08-02',
  '2022-08',
  '12:30',
  '0b101',
  'Li Shangfu',
  'A & B',
  'a #b',
  'x: y',
  '- a',
  'é',
  '=cmd',
  '@x',
  '`x`',
  '%x',
);
const quoted = fc.string({ maxLength: 6 }).map((text) => JSON.stringify(text));
const single = fc.string({ maxLength: 6 }).map((text) => `'${text.replace(/'/g, "''")}'`);
const key = fc.oneof(fc.constantFrom('a', 'b', 'id', '1', 'null', 'true', '~', '"q"', "'s'", '0x1', '1e3', 'x y'), fc.stringMatching(/^[a-z]{1,4}$/));

// A block mapping or sequence, `depth` levels deep, as text.
const block = (depth: number): fc.Arbitrary<string> => {
  const scalar = fc.oneof(plain, quoted, single);
  const flow = fc.array(fc.oneof(plain, quoted), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`);
  const value =
    depth === 0
      ? fc.oneof(scalar, flow)
      : fc.oneof(
          scalar,
          flow,
          block(depth - 1).map((text) => `\n${text.replace(/^/gm, '  ')}`),
        );
  const literal = fc.constantFrom('|\n  line one\n  line two', '>\n  folded\n  text', '|-\n  kept');
  return fc.oneof(
    fc
      .array(fc.tuple(key, fc.oneof(value, literal)), { minLength: 1, maxLength: 4 })
      .map((pairs) => pairs.map(([name, text]) => `${name}: ${text}`).join('\n')),
    fc.array(value, { minLength: 1, maxLength: 4 }).map((items) => items.map((text) => `- ${text}`).join('\n')),
  );
};

describe('the two YAML readers', () => {
  it('should agree on every document: both read it, to the same data, or the file has a problem', () => {
    fc.assert(
      fc.property(block(2), fc.constantFrom('', '# a comment\n', '---\n', '\ufeff'), (body, prefix) => {
        const source = `${prefix}${body}\n`;
        const text = source.replace(/^\ufeff/, '');
        // A byte-order mark is dropped before either reader sees the text.
        const located = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
        const read = parseYaml(source, 'f.yaml');
        if (located.errors.length > 0) {
          expect(read.syntaxProblems.length, source).toBeGreaterThan(0);
          return;
        }
        expect(read.syntaxProblems, source).toEqual([]);
        expect(read.data, source).toEqual(located.toJS());
      }),
      { numRuns: 400 },
    );
  });

  it('should agree on the documents a review found them reading apart', () => {
    const cases = [
      '? [title]\n: X\n',
      '[a]: 1\n',
      '{a: 1}: 2\n',
      'a: 1\rb: 2\r',
      'a: "x"#c\n',
      `${'k'.repeat(1100)}: 1\n`,
      'a: [b\n,c]\n',
      '%YAML 1.1\n---\na: yes\nb: 010\n',
      '"__pro\\u0074o__": 1\n',
      '- ? a\n  : b\n',
    ];
    for (const text of cases) {
      const located = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
      const read = parseYaml(text, 'f.yaml');
      if (located.errors.length > 0) expect(read.syntaxProblems.length, JSON.stringify(text)).toBeGreaterThan(0);
      else if (read.syntaxProblems.length === 0) expect(read.data, JSON.stringify(text)).toEqual(located.toJS());
    }
  });

  it('should read the numbers YAML 1.2 reads, not js-yaml own', () => {
    expect(parseYaml('a: 1e3\nb: 0o17\nc: 0x1F\nd: 1_000\ne: .inf\nf: 007\n', 'f.yaml').data).toEqual({
      a: 1000,
      b: 15,
      c: 31,
      d: '1_000',
      e: Number.POSITIVE_INFINITY,
      f: 7,
    });
  });
});
