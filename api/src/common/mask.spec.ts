import { describe, expect, it } from 'vitest';
import { callerFor, maskCaller } from './mask.js';

describe('caller numbers', () => {
  it('keep the last four digits for everyone but admins', () => {
    expect(maskCaller('+86 138-1234-5678')).toBe('*********5678');
    expect(callerFor('supervisor', '13812345678')).toBe('*******5678');
    expect(callerFor('manager', '13812345678')).toBe('*******5678');
    expect(callerFor('kiosk', '13812345678')).toBe('*******5678');
    expect(callerFor('admin', '13812345678')).toBe('13812345678');
  });

  it('leave short and missing numbers unrevealing', () => {
    expect(maskCaller('1234')).toBe('***4');
    expect(callerFor('qa_reviewer', '')).toBeNull();
    expect(callerFor('admin', null)).toBeNull();
  });
});
