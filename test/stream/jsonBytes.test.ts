import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonBytes, type Scalar } from '../../src/stream/jsonBytes.js';
import { propertyParameters } from '../arbitraries/relationshipEvent.js';

// Any UTF-16 text: every code unit, lone surrogates included, as well as printable ASCII.
const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) }),
  fc.string({ unit: 'binary' }),
);
const scalar: fc.Arbitrary<Scalar> = fc.oneof(anyText, fc.double(), fc.integer(), fc.nat(), fc.boolean(), fc.constant(null));

// What a JsonBytes holds, as text.
const written = (write: (bytes: JsonBytes) => void, size?: number): string => {
  // Small, so that the buffer grows while writing.
  const bytes = new JsonBytes(size ?? 1);
  write(bytes);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes.buffer.subarray(0, bytes.used));
};

describe('JsonBytes', () => {
  it('should write strings, numbers, flags and lists of strings as JSON.stringify does', () => {
    fc.assert(
      fc.property(scalar, fc.array(anyText, { maxLength: 5 }), (value, list) => {
        expect(written((bytes) => bytes.scalar(value))).toBe(JSON.stringify(value));
        expect(written((bytes) => bytes.strings(list))).toBe(JSON.stringify(list));
      }),
      propertyParameters,
    );
  });

  it('should write any object as JSON.stringify does: flat ones field by field, others through it', () => {
    const value = fc.oneof(scalar, fc.constant(undefined), fc.array(scalar, { maxLength: 2 }), fc.dictionary(fc.string(), scalar, { maxKeys: 2 }));
    const object = fc.oneof(
      fc.dictionary(anyText, scalar, { maxKeys: 9 }),
      fc.dictionary(anyText, value, { maxKeys: 9 }),
      fc.array(scalar, { maxLength: 3 }),
      // Without a prototype, with a toJSON of its own, and a class instance whose prototype has one.
      fc.dictionary(fc.string(), scalar, { maxKeys: 3 }).map((fields) => Object.assign(Object.create(null) as object, fields)),
      fc.dictionary(fc.string(), scalar, { maxKeys: 3 }).map((fields) => ({ ...fields, toJSON: () => 'mine' })),
      fc.constant(new Date(Date.UTC(2024, 3, 16))),
    );
    fc.assert(
      fc.property(object, (item) => {
        expect(written((bytes) => bytes.object(item))).toBe(JSON.stringify(item));
      }),
      propertyParameters,
    );
  });

  it('should write as JSON.stringify does where an object hides a toJSON or inherits a key', () => {
    const hidden = Object.defineProperty({ a: 1 }, 'toJSON', { value: () => 'hidden', enumerable: false });
    expect(written((bytes) => bytes.object(hidden))).toBe(JSON.stringify(hidden));
    // A key every object inherits (a polluted prototype), which JSON.stringify leaves out.
    Object.defineProperty(Object.prototype, 'polluted', { value: 1, enumerable: true, configurable: true, writable: true });
    try {
      expect(written((bytes) => bytes.object({ x: 1 }))).toBe('{"x":1}');
    } finally {
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
  });

  it('should copy bytes, whole or in part, growing as it goes', () => {
    const source = Buffer.from('{"link":"suspended"}');
    expect(
      written((bytes) => {
        bytes.bytes(source);
        bytes.bytes(source, 1, 7);
      }),
    ).toBe('{"link":"suspended"}"link"');
  });
});
