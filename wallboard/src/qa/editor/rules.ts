/** The auto-check rules the transcript checker knows, offered for an item's `autoCheck`. */
import type { TranscriptRuleId } from '@callboard/qa';

export const AUTO_CHECK_RULES = [
  'greeting',
  'identity_question',
  'forbidden_phrase',
  'farewell',
  'please_count',
  'honorific_count',
  'apology',
] as const satisfies readonly TranscriptRuleId[];

// A rule the checker gains and this list lacks is a type error here, not a rule missing from the editor.
type Unlisted = Exclude<TranscriptRuleId, (typeof AUTO_CHECK_RULES)[number]>;
export const EVERY_RULE_LISTED: [Unlisted] extends [never] ? true : never = true;

/** The rules to offer for an item: every known one, and the item's own when the checker does not know it (an older form). */
export function ruleOptions(current: string | undefined): string[] {
  const known: string[] = [...AUTO_CHECK_RULES];
  return current && !known.includes(current) ? [...known, current] : known;
}
