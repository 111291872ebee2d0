import { EnsembleError, ErrorCode } from '@ensemble/protocol';
import { detect } from 'chardet';
import iconv from 'iconv-lite';

export interface DecodedText {
  text: string;
  /** The encoding used, lower-case (`utf-8`, `iso-8859-1`, `windows-1252`, …). */
  encoding: string;
  /** 1-based line numbers that contained bytes invalid in the encoding (UTF-8 only), in order. */
  badLines: number[];
}

const REPLACEMENT = '\uFFFD';

/**
 * Decodes a file's bytes. With `encoding` given it is used as is; otherwise UTF-8 is tried first and,
 * when the bytes are not valid UTF-8, chardet picks the encoding (ISO-8859-1 / Windows-1252 for the
 * usual legacy feeds). In UTF-8 mode, lines holding invalid byte sequences are reported in `badLines`
 * so importers can reject exactly those rows instead of the whole file.
 */
export function decodeBuffer(bytes: Uint8Array, encoding?: string): DecodedText {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let chosen = encoding?.toLowerCase();
  if (chosen === undefined) {
    const utf8 = buffer.toString('utf8');
    if (!utf8.includes(REPLACEMENT) || looksMostlyUtf8(buffer)) {
      chosen = 'utf-8';
    } else {
      chosen = (detect(buffer) ?? 'utf-8').toLowerCase();
    }
  }
  if (chosen === 'utf8') chosen = 'utf-8';
  if (!iconv.encodingExists(chosen)) {
    throw new EnsembleError(ErrorCode.BadRequest, `unknown encoding "${chosen}"`);
  }
  let text = iconv.decode(buffer, chosen);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const badLines: number[] = [];
  if (chosen === 'utf-8' && text.includes(REPLACEMENT)) {
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) if (lines[i]!.includes(REPLACEMENT)) badLines.push(i + 1);
  }
  return { text, encoding: chosen, badLines };
}

/**
 * A file that is UTF-8 except for a few broken lines should stay UTF-8 (and reject those lines) rather
 * than be reinterpreted as Latin-1 as a whole: true when valid multi-byte sequences outnumber broken ones.
 */
function looksMostlyUtf8(buffer: Buffer): boolean {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < buffer.length; i++) {
    const b = buffer[i]!;
    if (b < 0x80) continue;
    const need = b >= 0xf0 && b < 0xf8 ? 3 : b >= 0xe0 ? 2 : b >= 0xc2 && b < 0xe0 ? 1 : -1;
    if (need < 0) {
      invalid++;
      continue;
    }
    let ok = true;
    for (let k = 1; k <= need; k++) {
      const c = buffer[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) ok = false;
    }
    if (ok) {
      valid++;
      i += need;
    } else invalid++;
  }
  return valid > invalid * 4;
}
