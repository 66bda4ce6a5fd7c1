// What every rule asks about one incoming message, worked out once per decision instead of once
// per rule: is it a group message, the text in its compared forms, the names a "chosen contacts"
// rule looks for, and the local time (Intl is slow; it is read only if a schedule or a reply
// needs it).
import { isGroupMessage } from './fixed-rules.ts';
import { localTime, type LocalTime } from './local-time.ts';
import { normalizeText, TextView } from './text-view.ts';
import type { DecideInput } from './types.ts';

/** Where the message was written, as far as a rule's `groups` setting is concerned. */
export type Place = 'private' | 'group' | 'group-mentioned';

export class DecisionContext {
  readonly group: boolean;
  readonly place: Place;
  readonly text: TextView;
  private names: readonly string[] | undefined;
  private clock: LocalTime | undefined;

  constructor(
    readonly input: DecideInput,
    local?: LocalTime,
  ) {
    this.group = isGroupMessage(input);
    this.place = !this.group ? 'private' : input.message.mentionsMe ? 'group-mentioned' : 'group';
    this.text = new TextView(input.message.text);
    this.clock = local;
  }

  get local(): LocalTime {
    return (this.clock ??= localTime(this.input.clock.now, this.input.clock.timeZone));
  }

  /**
   * Names, not ids: a WeChat UserName changes at every login. In a group, the group's own name and
   * the member who wrote both count, so "answer my family group" and "answer 妈妈 anywhere" work.
   * Trimmed and normalised like the rules' names (compiled-rules.ts).
   */
  whoNames(): readonly string[] {
    if (this.names) return this.names;
    const { contact, message } = this.input;
    this.names = [contact?.remark, contact?.name, this.group ? message.senderName : undefined]
      .filter((n): n is string => typeof n === 'string' && n.trim() !== '')
      .map((n) => normalizeText(n.trim(), false));
    return this.names;
  }
}
