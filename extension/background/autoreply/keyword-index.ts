// Every keyword of every rule (one index per case mode), found in a message in one pass. Asking
// each rule "does the text contain any of your keywords?" costs a substring search per keyword
// per rule: 500 rules of 5 keywords are 2,500 searches a message. The index groups the keywords
// by their first code unit; one walk over the text visits only the groups whose first code unit
// occurs in it, and searches those keywords from that first occurrence on. The answer is exactly
// `haystack.includes(keyword)` for each keyword: a keyword can only start where its first code
// unit is, and never before that unit's first occurrence.
import type { TextView } from './text-view.ts';

export class KeywordIndex {
  private readonly needles: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly byFirstUnit = new Map<number, number[]>();
  /** The empty needle is in every text (it cannot come from a validated rule; kept for exactness). */
  private readonly empty: number[] = [];
  /** The text of the last answer: every keyword rule of one decision asks about the same text. */
  private lastText: TextView | undefined;
  /** The last answer; its buffer is reused for the next text (decisions run one at a time). */
  private answer = new Uint8Array(0);
  private readonly visited = new Set<number>();

  constructor(readonly caseSensitive: boolean) {}

  /** The id of a normalised needle (the same needle from two rules gets one id). */
  add(needle: string): number {
    const known = this.ids.get(needle);
    if (known !== undefined) return known;
    const id = this.needles.length;
    this.needles.push(needle);
    this.ids.set(needle, id);
    this.lastText = undefined;
    if (needle === '') {
      this.empty.push(id);
      return id;
    }
    const first = needle.charCodeAt(0);
    const group = this.byFirstUnit.get(first);
    if (group) group.push(id);
    else this.byFirstUnit.set(first, [id]);
    return id;
  }

  /** found[id] === 1 when the needle occurs in the text, folded for this index's case mode. Valid until the next text. */
  found(text: TextView): Uint8Array {
    if (this.lastText === text) return this.answer;
    const haystack = text.folded(this.caseSensitive);
    if (this.answer.length !== this.needles.length) this.answer = new Uint8Array(this.needles.length);
    const found = this.answer;
    found.fill(0);
    for (const id of this.empty) found[id] = 1;
    const { visited } = this;
    visited.clear();
    for (let at = 0; at < haystack.length; at += 1) {
      const unit = haystack.charCodeAt(at);
      const group = this.byFirstUnit.get(unit);
      if (!group || visited.has(unit)) continue;
      visited.add(unit);
      for (const id of group) if (haystack.includes(this.needles[id] as string, at)) found[id] = 1;
    }
    this.lastText = text;
    return found;
  }
}
