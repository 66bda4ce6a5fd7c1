// One message text as the rules compare it: folded (NFKC, optionally lower-cased), squashed for
// exact matching, capped for regexes. Each form is computed at most once per decision, on first
// use, however many rules read it.
import { capRegexInput } from '../../shared/rules-regex.ts';

/**
 * NFKC folds full-width Latin letters and digits to ASCII (ＡＢＣ１ = ABC1) and compatibility
 * forms of CJK punctuation; lower-casing leaves Chinese untouched.
 */
export function normalizeText(text: string, caseSensitive: boolean): string {
  const folded = text.normalize('NFKC');
  return caseSensitive ? folded : folded.toLowerCase();
}

/** Surrounding whitespace dropped, inner runs of whitespace made one space. */
export const squash = (text: string): string => text.trim().replace(/\s+/g, ' ');

export class TextView {
  private nfkc: string | undefined;
  private lower: string | undefined;
  private squashedExact: string | undefined;
  private squashedLower: string | undefined;
  private capped: string | undefined;

  constructor(readonly raw: string) {}

  /** normalizeText(raw, caseSensitive), memoised. */
  folded(caseSensitive: boolean): string {
    this.nfkc ??= this.raw.normalize('NFKC');
    if (caseSensitive) return this.nfkc;
    this.lower ??= this.nfkc.toLowerCase();
    return this.lower;
  }

  /** squash(normalizeText(raw, caseSensitive)), memoised. */
  squashed(caseSensitive: boolean): string {
    if (caseSensitive) return (this.squashedExact ??= squash(this.folded(true)));
    return (this.squashedLower ??= squash(this.folded(false)));
  }

  /** What a regex sees: the raw text up to REGEX_INPUT_CAP code units. */
  forRegex(): string {
    return (this.capped ??= capRegexInput(this.raw));
  }

  /** True when the regex sees less than the whole text (the tester says so). */
  regexCapped(): boolean {
    return this.forRegex().length < this.raw.length;
  }
}
