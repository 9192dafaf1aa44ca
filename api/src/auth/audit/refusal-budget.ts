/**
 * Keeps a flood of refusals from flooding the audit log. Refused requests and
 * sockets and failed sign-ins cost the sender nothing, so each sender (a
 * principal, or an address when nobody is signed in) gets at most
 * REFUSALS_PER_MINUTE entries per action and route in a minute; the rest are
 * counted into one summary entry per sender, action and route, written when
 * the minute is over (or when an admin reads the log). The summary keeps the
 * count, the first and last time, and the sender, so nothing is lost but the
 * copies. Senders are tracked per minute up to MAX_SENDERS; refusals beyond
 * that are counted into a single `audit.suppressed` entry, so memory and rows
 * stay bounded whatever the number of addresses.
 */
import type { AuditRow } from './audit.repository.js';

export const REFUSALS_PER_MINUTE = 10;
export const MAX_SENDERS = 1000;
export const WINDOW_MS = 60_000;

/** What a refusal is counted under: who, what, and on which route. */
export function refusalKey(row: AuditRow): string {
  const who = row.actor_id !== null ? `${row.actor_kind}:${row.actor_id}` : `ip:${row.ip ?? '-'}`;
  // A sign-in's target is whatever the client typed (a username, a token id): one sign-in route whatever it says.
  const route = row.action === 'auth.login' || row.action === 'auth.kiosk' ? '' : (row.target ?? '');
  return `${who}\n${row.action}\n${row.outcome}\n${route}`;
}

interface Suppressed {
  /** The last refusal of the key, whose sender the summary names. */
  last: AuditRow;
  first: Date;
  count: number;
}

/** The refusal's code and reason, which the summary keeps (the message may differ from one to the next). */
function why(detail: AuditRow['detail']): Record<string, unknown> {
  if (typeof detail !== 'object') return {};
  const out: Record<string, unknown> = {};
  if (typeof detail.code === 'string') out.code = detail.code;
  if (typeof detail.reason === 'string') out.reason = detail.reason;
  return out;
}

export class RefusalBudget {
  private window = Number.NaN;
  private readonly kept = new Map<string, number>();
  private readonly suppressed = new Map<string, Suppressed>();
  private overflow: { first: Date; last: Date; count: number } | undefined;

  constructor(
    readonly perMinute = REFUSALS_PER_MINUTE,
    readonly maxSenders = MAX_SENDERS,
  ) {}

  /**
   * Whether this refusal gets an entry of its own; when not, it is counted.
   * `rolled` holds the summaries of a minute that ended before this refusal came.
   */
  admit(row: AuditRow): { write: boolean; rolled: AuditRow[] } {
    const window = Math.floor(row.ts.getTime() / WINDOW_MS);
    const rolled = window === this.window ? [] : this.roll(window, row.ts);
    const key = refusalKey(row);
    const kept = this.kept.get(key);
    if (kept === undefined && this.kept.size >= this.maxSenders) {
      if (this.overflow) {
        this.overflow.count += 1;
        this.overflow.last = row.ts;
      } else this.overflow = { first: row.ts, last: row.ts, count: 1 };
      return { write: false, rolled };
    }
    if ((kept ?? 0) < this.perMinute) {
      this.kept.set(key, (kept ?? 0) + 1);
      return { write: true, rolled };
    }
    const s = this.suppressed.get(key);
    if (s) {
      s.count += 1;
      s.last = row;
    } else this.suppressed.set(key, { last: row, first: row.ts, count: 1 });
    return { write: false, rolled };
  }

  /** Whether refusals are being counted that no summary holds yet. */
  get pending(): boolean {
    return this.suppressed.size > 0 || this.overflow !== undefined;
  }

  /** When the current minute ends (ms since the epoch). */
  get windowEnd(): number {
    return (this.window + 1) * WINDOW_MS;
  }

  /**
   * Summaries of what was counted so far, at `now`. Within the minute the
   * senders stay over their budget (later refusals are counted again); after
   * it, every budget starts afresh.
   */
  drain(now: Date): AuditRow[] {
    const window = Math.floor(now.getTime() / WINDOW_MS);
    if (window !== this.window) return this.roll(window, now);
    return this.summaries(now);
  }

  private roll(window: number, now: Date): AuditRow[] {
    const rows = this.summaries(now);
    this.window = window;
    this.kept.clear();
    return rows;
  }

  private summaries(now: Date): AuditRow[] {
    const rows: AuditRow[] = [];
    // Oldest first, so the log reads in the order the floods began.
    const sorted = [...this.suppressed.values()].sort((a, b) => a.first.getTime() - b.first.getTime());
    for (const s of sorted) {
      const signIn = s.last.action === 'auth.login' || s.last.action === 'auth.kiosk';
      rows.push({
        ts: now,
        action: s.last.action,
        outcome: s.last.outcome,
        actor_kind: s.last.actor_kind,
        actor_id: s.last.actor_id,
        // A flood of sign-ins may name many users: the summary names none of them.
        actor_name: signIn && s.last.actor_id === null ? null : s.last.actor_name,
        target: signIn ? null : s.last.target,
        ip: s.last.ip,
        detail: {
          ...why(s.last.detail),
          suppressed: s.count,
          from: s.first.toISOString(),
          to: s.last.ts.toISOString(),
          note: `${s.count} more like this, beyond ${this.perMinute} a minute, counted here instead of written one by one`,
        },
      });
    }
    this.suppressed.clear();
    if (this.overflow) {
      rows.push({
        ts: now,
        action: 'audit.suppressed',
        outcome: 'denied',
        actor_kind: 'system',
        actor_id: null,
        actor_name: null,
        target: null,
        ip: null,
        detail: {
          suppressed: this.overflow.count,
          from: this.overflow.first.toISOString(),
          to: this.overflow.last.toISOString(),
          note: `refusals from more than ${this.maxSenders} senders in a minute, counted here without their senders`,
        },
      });
      this.overflow = undefined;
    }
    return rows;
  }
}
