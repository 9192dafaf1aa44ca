/**
 * The player's keyboard shortcuts. They act wherever focus is on the page,
 * except while someone types (a text field, a select, an editable area) or
 * holds a modifier (the browser's and the system's own shortcuts).
 */

export type PlayerAction =
  { kind: 'toggle' } | { kind: 'skip'; seconds: number } | { kind: 'speed'; direction: 1 | -1 } | { kind: 'line'; direction: 1 | -1 };

/** What the handler needs of a `KeyboardEvent`. */
export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  target?: EventTarget | null;
}

/** ← / → move this far; J / L twice as far. */
export const SKIP_S = 5;

const ACTIONS: Record<string, PlayerAction> = {
  ' ': { kind: 'toggle' },
  k: { kind: 'toggle' },
  ArrowLeft: { kind: 'skip', seconds: -SKIP_S },
  ArrowRight: { kind: 'skip', seconds: SKIP_S },
  j: { kind: 'skip', seconds: -2 * SKIP_S },
  l: { kind: 'skip', seconds: 2 * SKIP_S },
  '[': { kind: 'speed', direction: -1 },
  ']': { kind: 'speed', direction: 1 },
  p: { kind: 'line', direction: -1 },
  n: { kind: 'line', direction: 1 },
};

/** Shortcuts as the help lists them: the keys, and the message key saying what they do. */
export const SHORTCUTS = [
  { keys: ['Space', 'K'], action: 'toggle' },
  { keys: ['←', '→'], action: 'skip5' },
  { keys: ['J', 'L'], action: 'skip10' },
  { keys: ['P', 'N'], action: 'line' },
  { keys: ['[', ']'], action: 'speed' },
] as const;

interface TargetLike {
  tagName?: string;
  isContentEditable?: boolean;
  getAttribute?: (name: string) => string | null;
}

/** Whether keys typed at `target` are text (or a choice) being entered. */
export function isTyping(target: EventTarget | null | undefined): boolean {
  const el = target as TargetLike | null | undefined;
  if (!el || typeof el.tagName !== 'string') return false;
  const tag = el.tagName.toUpperCase();
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable === true;
}

/** Whether `target` is a control that space presses itself (pressing it must not also toggle playback). */
function pressesOnSpace(target: EventTarget | null | undefined): boolean {
  const el = target as TargetLike | null | undefined;
  if (!el || typeof el.tagName !== 'string') return false;
  const tag = el.tagName.toUpperCase();
  return tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY' || el.getAttribute?.('role') === 'button';
}

/** The player's action for a key press, or null when the key is not the player's. */
export function keyAction(input: KeyInput): PlayerAction | null {
  if (input.ctrlKey || input.metaKey || input.altKey) return null;
  if (isTyping(input.target)) return null;
  if (input.key === ' ' && pressesOnSpace(input.target)) return null;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  return ACTIONS[key] ?? null;
}
