import { describe, expect, it } from 'vitest';
import { NO_VALUE, formatClock, formatDateTime, formatDuration, formatNumber, formatPercent, formatSeconds, formatSigned } from './format';

describe('formatPercent', () => {
  it('shows a fraction as a percentage with one decimal', () => {
    expect(formatPercent(0.7123, 'en')).toBe('71.2%');
    expect(formatPercent(0.7123, 'zh-CN')).toBe('71.2%');
  });

  it('keeps the decimal on whole percentages so columns line up', () => {
    expect(formatPercent(1, 'en')).toBe('100.0%');
    expect(formatPercent(0, 'en')).toBe('0.0%');
    expect(formatPercent(0.5, 'en')).toBe('50.0%');
  });

  it('rounds to the nearest tenth of a point', () => {
    expect(formatPercent(80 / 112, 'en')).toBe('71.4%'); // 71.428…
    expect(formatPercent(0.99951, 'en')).toBe('100.0%'); // 99.951 rounds up
    expect(formatPercent(0.00949, 'en')).toBe('0.9%');
  });

  it('shows a dash for a rate without denominator', () => {
    expect(formatPercent(null, 'en')).toBe(NO_VALUE);
    expect(formatPercent(Number.NaN, 'en')).toBe('—');
  });
});

describe('formatSeconds', () => {
  it('shows seconds with at most one decimal and the unit of the locale', () => {
    expect(formatSeconds(8.44, 'en')).toBe('8.4s');
    expect(formatSeconds(8.44, 'zh-CN')).toBe('8.4秒');
    expect(formatSeconds(12.96, 'en')).toBe('13s');
    expect(formatSeconds(75, 'en')).toBe('75s');
  });

  it('shows a dash when no call was answered', () => {
    expect(formatSeconds(null, 'en')).toBe('—');
    expect(formatSeconds(Number.POSITIVE_INFINITY, 'en')).toBe('—');
  });
});

describe('formatNumber', () => {
  it('groups thousands in the locale', () => {
    expect(formatNumber(12345, 'en')).toBe('12,345');
    expect(formatNumber(1500, 'zh-CN')).toBe('1,500');
    expect(formatNumber(0, 'en')).toBe('0');
  });

  it('shows counts as whole numbers', () => {
    expect(formatNumber(2.6, 'en')).toBe('3');
  });

  it('shows a dash for a missing count', () => {
    expect(formatNumber(null, 'en')).toBe('—');
    expect(formatNumber(undefined, 'en')).toBe('—');
  });
});

describe('formatSigned', () => {
  it('signs a difference with a true minus and leaves zero bare', () => {
    expect(formatSigned(2, 'en')).toBe('+2');
    expect(formatSigned(-3, 'en')).toBe('−3');
    expect(formatSigned(0, 'en')).toBe('0');
    expect(formatSigned(-1234, 'en')).toBe('−1,234');
    expect(formatSigned(null, 'en')).toBe('—');
  });
});

describe('formatClock', () => {
  it('shows the time in the center’s zone, not the browser’s', () => {
    expect(formatClock('2025-03-04T02:05:09.000Z', 'Asia/Shanghai', 'en')).toBe('10:05:09');
    expect(formatClock('2025-03-04T02:05:09.000Z', 'UTC', 'en')).toBe('02:05:09');
    expect(formatClock('2025-03-04T02:05:09.000Z', 'America/New_York', 'en')).toBe('21:05:09'); // EST, UTC−5
  });

  it('uses a 24-hour clock in both languages', () => {
    expect(formatClock('2025-03-04T16:30:00+08:00', 'Asia/Shanghai', 'en')).toBe('16:30:00');
    expect(formatClock('2025-03-04T16:30:00+08:00', 'Asia/Shanghai', 'zh-CN')).toBe('16:30:00');
  });

  it('shows a dash for an unreadable instant or an unknown zone', () => {
    expect(formatClock('not a date', 'Asia/Shanghai', 'en')).toBe('—');
    expect(formatClock('2025-03-04T02:05:09.000Z', 'Mars/Olympus_Mons', 'en')).toBe('—');
  });
});

describe('formatDateTime', () => {
  it('shows date and time in the given zone, in the reader’s locale, 24-hour', () => {
    expect(formatDateTime('2025-03-04T16:05:09.000Z', 'Asia/Shanghai', 'en')).toBe('03/05/2025, 00:05'); // next day in Shanghai
    expect(formatDateTime('2025-03-04T16:05:09.000Z', 'Asia/Shanghai', 'zh-CN')).toBe('2025/03/05 00:05');
    expect(formatDateTime('2025-03-04T16:05:09.000Z', 'UTC', 'en')).toBe('03/04/2025, 16:05');
  });

  it('shows seconds when asked', () => {
    expect(formatDateTime('2025-03-04T02:05:09.000Z', 'Asia/Shanghai', 'en', { seconds: true })).toBe('03/04/2025, 10:05:09');
  });

  it('shows a dash for no instant, an unreadable one or an unknown zone', () => {
    expect(formatDateTime(null, 'UTC', 'en')).toBe(NO_VALUE);
    expect(formatDateTime('yesterday', 'UTC', 'en')).toBe(NO_VALUE);
    expect(formatDateTime('2025-03-04T02:05:09.000Z', 'Mars/Olympus_Mons', 'en')).toBe(NO_VALUE);
  });
});

describe('formatDuration', () => {
  it('reads like a clock: minutes and seconds, hours when there are any', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(125)).toBe('2:05');
    expect(formatDuration(3725)).toBe('1:02:05'); // 1 h 2 min 5 s
  });

  it('rounds down, so a wait shows 0:14 until it has reached 15 s', () => {
    expect(formatDuration(14.9)).toBe('0:14');
  });

  it('shows a dash without a value', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
  });
});
