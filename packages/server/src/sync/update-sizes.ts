import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * Byte sizes of pieces of a Yjs v1 update, so that the chunker can decide where to cut a struct
 * without encoding it over and over.
 */

/** Bytes lib0's `writeVarUint` takes for `n`. */
export function varUintLength(n: number): number {
  let bytes = 1;
  while (n > 0x7f) {
    n = Math.floor(n / 0x80);
    bytes++;
  }
  return bytes;
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** UTF-16 units of the smallest piece of `str` starting at `from` that a cut may produce. */
export function minStringUnits(str: string, from: number): number {
  return isHigh(str.charCodeAt(from)) && isLow(str.charCodeAt(from + 1)) ? 2 : 1;
}

/**
 * The most UTF-16 units of `str` from `from` whose `writeVarString` encoding fits in `maxBytes`.
 * Never ends between the two halves of a surrogate pair: Yjs would replace both with U+FFFD.
 */
export function fitString(str: string, from: number, maxBytes: number): number {
  let bytes = 0;
  let i = from;
  const end = str.length;
  // Long runs first, measured natively: a unit never takes more than 3 bytes, so a run of a third
  // of the room (less the count's varUint, at most 5 bytes) surely fits.
  for (;;) {
    const run = Math.floor((maxBytes - bytes - 5) / 3);
    if (run < 64 || i >= end) break;
    let stop = Math.min(i + run, end);
    if (stop < end && isHigh(str.charCodeAt(stop - 1)) && isLow(str.charCodeAt(stop))) stop--;
    bytes += Buffer.byteLength(str.slice(i, stop), 'utf8');
    i = stop;
  }
  // Then unit by unit up to the exact limit.
  while (i < end) {
    const code = str.charCodeAt(i);
    let units = 1;
    let size: number;
    if (code < 0x80) size = 1;
    else if (code < 0x800) size = 2;
    else if (isHigh(code) && i + 1 < end && isLow(str.charCodeAt(i + 1))) {
      size = 4;
      units = 2;
    } else size = 3; // includes a lone surrogate, which TextEncoder writes as U+FFFD
    const next = bytes + size;
    if (next + varUintLength(next) > maxBytes) break;
    bytes = next;
    i += units;
  }
  return i - from;
}

/**
 * The most elements of `content` (ContentAny or ContentJSON) from `from` whose encoding — the count,
 * then each element — fits in `maxBytes`. `measure` is scratch space, reused by callers that measure
 * many items.
 */
export function fitElements(
  content: Y.ContentAny | Y.ContentJSON,
  from: number,
  maxBytes: number,
  measure: encoding.Encoder = encoding.createEncoder(),
): number {
  const json = content instanceof Y.ContentJSON;
  measure.cpos = 0;
  measure.bufs = [];
  let bytes = 0;
  let n = 0;
  for (let i = from; i < content.arr.length; i++) {
    const before = encoding.length(measure);
    const element: unknown = content.arr[i];
    if (json) encoding.writeVarString(measure, element === undefined ? 'undefined' : JSON.stringify(element));
    else encoding.writeAny(measure, element as Parameters<typeof encoding.writeAny>[1]);
    const next = bytes + encoding.length(measure) - before;
    if (next + varUintLength(n + 1) > maxBytes) break;
    bytes = next;
    n++;
  }
  return n;
}
