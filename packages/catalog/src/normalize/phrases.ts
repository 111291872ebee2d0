import { words } from './text.js';

/** Light stemming so that `stands`/`stand`, `cables`/`cable` meet; short words are left alone. */
export function stem(token: string): string {
  if (token.length > 4 && token.endsWith('ies')) return `${token.slice(0, -3)}y`;
  if (token.length > 3 && token.endsWith('s') && !token.endsWith('ss')) return token.slice(0, -1);
  return token;
}

/** Folded, stemmed tokens of a text. */
export function stems(text: string): string[] {
  return words(text).map(stem);
}

/**
 * Finds whole-word phrases in texts: `power supply` matches "Power Supplies" and "PSU power-supply",
 * never "superpower supplying". Phrases are indexed by their first stem, so matching costs one map
 * lookup per token.
 */
export class PhraseMatcher<T> {
  readonly #byFirst = new Map<string, { stems: string[]; value: T }[]>();

  add(phrase: string, value: T): void {
    const s = stems(phrase);
    if (s.length === 0) return;
    const list = this.#byFirst.get(s[0]!);
    if (list) list.push({ stems: s, value });
    else this.#byFirst.set(s[0]!, [{ stems: s, value }]);
  }

  /** Values of all phrases found in the stems, in order of first occurrence (duplicates removed). */
  find(tokens: readonly string[]): T[] {
    const out: T[] = [];
    const seen = new Set<T>();
    for (let i = 0; i < tokens.length; i++) {
      const list = this.#byFirst.get(tokens[i]!);
      if (!list) continue;
      for (const { stems: ps, value } of list) {
        let ok = true;
        for (let k = 1; k < ps.length; k++) {
          if (tokens[i + k] !== ps[k]) {
            ok = false;
            break;
          }
        }
        if (ok && !seen.has(value)) {
          seen.add(value);
          out.push(value);
        }
      }
    }
    return out;
  }
}
