import { describe, expect, it } from 'vitest';
import { evaluationMode, type Viewer } from './mode';
import { evaluationSummaryFixture as ev } from './evaluationFixture';

const reviewer: Viewer = { userId: 'u-qa_reviewer', role: 'qa_reviewer', canManage: false };
const otherReviewer: Viewer = { userId: 'u-other', role: 'qa_reviewer', canManage: false };
const agent: Viewer = { userId: 'u-agent', role: 'agent', canManage: false };
const lead: Viewer = { userId: 'u-qa_lead', role: 'qa_lead', canManage: true };

describe('evaluationMode', () => {
  it('lets the assigned reviewer score an open evaluation, and nobody else', () => {
    expect(evaluationMode(ev({ status: 'assigned' }), reviewer)).toBe('score');
    expect(evaluationMode(ev({ status: 'draft' }), reviewer)).toBe('score');
    expect(evaluationMode(ev({ status: 'draft' }), otherReviewer)).toBe('read');
    expect(evaluationMode(ev({ status: 'draft' }), lead)).toBe('read');
  });

  it('lets the reviewer only read once submitted', () => {
    expect(evaluationMode(ev({ status: 'submitted' }), reviewer)).toBe('read');
  });

  it('lets an agent respond to a submitted score, then only read', () => {
    expect(evaluationMode(ev({ status: 'submitted' }), agent)).toBe('respond');
    expect(evaluationMode(ev({ status: 'acknowledged' }), agent)).toBe('read');
  });

  it('lets a lead resolve a dispute', () => {
    expect(evaluationMode(ev({ status: 'disputed' }), lead)).toBe('resolve');
    expect(evaluationMode(ev({ status: 'disputed' }), reviewer)).toBe('read');
  });
});
