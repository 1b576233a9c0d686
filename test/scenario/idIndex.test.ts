import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdIndex } from '../../src/scenario/idIndex.js';
import { propertyParameters } from '../arbitraries/relationshipEvent.js';

describe('IdIndex', () => {
  it('should answer as a Map that keeps the first place of each id, for any strings', () => {
    // Few distinct strings, so ids come back often; any code units, empty and long ones too.
    const id = fc.oneof(
      fc.constantFrom('', 'a', 'b', 'pelosi-visit', 'x'.repeat(5000)),
      fc.string({ unit: fc.nat(0xffff).map((code) => String.fromCharCode(code)), maxLength: 12 }),
      fc.string({ unit: fc.constantFrom('a', 'b', '\u0000', '\uffff'), maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(id, fc.nat()), { maxLength: 60 }), fc.array(id, { maxLength: 10 }), (added, asked) => {
        const index = new IdIndex();
        const map = new Map<string, number>();
        for (const [key, place] of added) {
          index.add(key, place);
          if (!map.has(key)) map.set(key, place);
        }
        const keys = index.keys();
        const expected = [...map.keys()];
        if (index.size !== map.size || keys.some((key, at) => key !== expected[at]))
          expect({ size: index.size, keys }).toEqual({ size: map.size, keys: expected });
        for (const key of [...asked, ...expected]) if (index.get(key) !== map.get(key)) expect(index.get(key), JSON.stringify(key)).toBe(map.get(key));
      }),
      propertyParameters,
    );
  });

  it('should keep every id and its first place as it grows past its first sizes', () => {
    const index = new IdIndex();
    const count = 20_000;
    for (let at = 0; at < count; at += 1) index.add(`event-${at}`, at);
    for (let at = 0; at < count; at += 1) index.add(`event-${at}`, -1);
    expect(index.size).toBe(count);
    expect(Array.from({ length: count }, (_, at) => index.get(`event-${at}`)).every((place, at) => place === at)).toBe(true);
    expect(index.get('event-20000')).toBeUndefined();
    expect(index.keys().slice(-2)).toEqual(['event-19998', 'event-19999']);
  });
});
