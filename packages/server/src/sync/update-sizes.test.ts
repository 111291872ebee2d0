import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fitElements, fitString, varUintLength } from './update-sizes.js';

const SEED = Number(process.env.FC_SEED ?? 77_001);

const encodedString = (s: string) => encoding.encode((e) => encoding.writeVarString(e, s)).byteLength;
const splitsPair = (s: string, at: number) =>
  at > 0 && at < s.length && /[\uD800-\uDBFF]/.test(s[at - 1]!) && /[\uDC00-\uDFFF]/.test(s[at]!);

describe(`byte sizes of update pieces (seed ${SEED})`, () => {
  it('varUintLength matches lib0', () => {
    for (const n of [0, 1, 127, 128, 16_383, 16_384, 2 ** 21, 2 ** 28, 2 ** 35, Number.MAX_SAFE_INTEGER]) {
      expect(varUintLength(n)).toBe(encoding.encode((e) => encoding.writeVarUint(e, n)).byteLength);
    }
  });

  it('fitString takes the most units that fit, never half a surrogate pair', () => {
    const text = fc
      .array(
        fc.oneof(fc.constantFrom('a', 'é', '中', '😀', '𝄞'), fc.string({ unit: 'binary', maxLength: 3 })),
        {
          minLength: 50,
          maxLength: 800,
        },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.nat(), fc.integer({ min: 1, max: 1_500 }), (str, start, maxBytes) => {
        const from = str.length === 0 ? 0 : start % str.length;
        if (splitsPair(str, from)) return;
        const n = fitString(str, from, maxBytes);
        expect(splitsPair(str, from + n)).toBe(false);
        if (n > 0) expect(encodedString(str.slice(from, from + n))).toBeLessThanOrEqual(maxBytes);
        if (from + n < str.length) {
          // One more code point would not fit.
          const next = str.codePointAt(from + n)! > 0xffff ? 2 : 1;
          expect(encodedString(str.slice(from, from + n + next))).toBeGreaterThan(maxBytes);
        }
      }),
      { seed: SEED, numRuns: 1_000 },
    );
  });

  it('fitString counts a pair at the end of a natively measured run exactly', () => {
    // 302 bytes hold 75 emoji (300 bytes + a 2-byte count); a run boundary falls inside a pair.
    expect(fitString('😀'.repeat(1_000), 0, 302)).toBe(150);
    expect(fitString(`a${'😀'.repeat(1_000)}`, 0, 303)).toBe(151);
  });

  it('fitElements takes the most array elements that fit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 30 }), fc.double(), fc.constant(null)), {
          minLength: 1,
          maxLength: 60,
        }),
        fc.integer({ min: 1, max: 800 }),
        fc.boolean(),
        (arr, maxBytes, json) => {
          const content = json ? new Y.ContentJSON(arr) : new Y.ContentAny(arr);
          const n = fitElements(content, 0, maxBytes);
          const size = (k: number) => {
            const e = new Y.UpdateEncoderV1();
            (json ? new Y.ContentJSON(arr.slice(0, k)) : new Y.ContentAny(arr.slice(0, k))).write(e, 0);
            return e.toUint8Array().byteLength;
          };
          if (n > 0) expect(size(n)).toBeLessThanOrEqual(maxBytes);
          if (n < arr.length) expect(size(n + 1)).toBeGreaterThan(maxBytes);
        },
      ),
      { seed: SEED, numRuns: 1_000 },
    );
  });
});
