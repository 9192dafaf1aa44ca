import { beforeEach, describe, expect, it } from 'vitest';
import { defaultForm } from '@callboard/qa';
import type { Principal } from '../auth/access/principal.js';
import { AuditService } from '../auth/audit/audit.service.js';
import { UsersService } from '../auth/users/users.service.js';
import type { AppConfig } from '../config/config.js';
import { type Mocked, automock } from '../testing/automock.js';
import { demoAnswers } from './qa.demo.js';
import { type EvaluationRow, QaRepository } from './qa.repository.js';
import { QaService, assignReviewers, checkAnswers } from './qa.service.js';

const config = { CALLBOARD_TZ: 'Asia/Shanghai' } as AppConfig;
const BY = { actor: { kind: 'system' as const, name: 'test' }, ip: null };

const principal = (role: Principal['role'], extra: Partial<Principal> = {}): Principal => ({
  kind: 'user',
  id: `${role}-1`,
  name: role,
  role,
  scope: { queues: null, teams: null },
  ...extra,
});

const row = (over: Partial<EvaluationRow>): EvaluationRow => ({
  id: 'e1',
  run_id: 'r1',
  call_id: 'c1',
  queue: 'general',
  agent_id: 'agent-001',
  team: 'team-a',
  offered_at: new Date('2026-03-02T02:00:00Z'),
  reviewer_id: 'qa_reviewer-1',
  reason: 'random',
  fills_for: null,
  form_id: 'etiquette',
  form_version: 1,
  status: 'assigned',
  answers: [],
  version: 0,
  score: null,
  raw_score: null,
  auto_failed: null,
  submitted_at: null,
  acknowledged_at: null,
  disputed_at: null,
  dispute_reason: null,
  resolved_at: null,
  resolved_by: null,
  outcome: null,
  created_at: new Date(),
  updated_at: new Date(),
  ...over,
});

let repo: Mocked<QaRepository>;
let users: Mocked<UsersService>;
let audit: Mocked<AuditService>;
let service: QaService;

beforeEach(() => {
  repo = automock(QaRepository);
  repo.transaction.mockImplementation(async (fn) => fn({ query: async () => ({ rows: [], affectedRows: 0 }), exec: async () => {} }));
  users = automock(UsersService);
  audit = automock(AuditService);
  service = new QaService(repo, audit, users, config);
});

describe('assignReviewers', () => {
  it('gives each pick to the least loaded reviewer, first listed on a tie, never to the agent themself', () => {
    const reviewers = [
      { id: 'r1', agentId: null },
      { id: 'r2', agentId: 'a2' },
      { id: 'r3', agentId: null },
    ];
    // a1 → r1, a1 → r2, a2 → r3 (r2 is a2), a2 → r1 (r1 1, r3 1: first listed), a1 → r2 (0 + 1 < 2).
    expect(
      assignReviewers([{ agentId: 'a1' }, { agentId: 'a1' }, { agentId: 'a2' }, { agentId: 'a2' }, { agentId: 'a1' }], reviewers),
    ).toEqual(['r1', 'r2', 'r3', 'r1', 'r2']);
  });

  it('leaves a pick unassigned when its agent is the only reviewer', () => {
    expect(assignReviewers([{ agentId: 'a1' }], [{ id: 'r1', agentId: 'a1' }])).toEqual([null]);
  });
});

describe('checkAnswers', () => {
  const form = defaultForm();
  it('names the answer whose item is unknown, out of range or not N/A-able', () => {
    expect(() => checkAnswers(form, [{ itemId: 'nope', value: true }])).toThrow('answers.0.itemId: form etiquette v1 has no item nope');
    expect(() =>
      checkAnswers(form, [
        { itemId: 'greeting', value: true },
        { itemId: 'patience', value: 3 },
      ]),
    ).toThrow('answers.1.value: item patience takes 0 to 2 points');
    expect(() => checkAnswers(form, [{ itemId: 'greeting', value: 'na' }])).toThrow('answers.0.value: item greeting does not allow N/A');
    expect(() => checkAnswers(form, [{ itemId: 'greeting', value: 1 }])).toThrow('answered true or false');
    expect(() =>
      checkAnswers(form, [
        { itemId: 'apology', value: 'na' },
        { itemId: 'patience', value: 0 },
      ]),
    ).not.toThrow();
  });
});

describe('who sees an evaluation', () => {
  it('follows the roles: reviewer assigned, agent own scored, supervisor scope, manager results, lead all', () => {
    const open = row({});
    const scored = row({ status: 'submitted' });
    const reviewer = principal('qa_reviewer');
    expect(service.canSee(reviewer, open)).toBe(true);
    expect(service.canSee(principal('qa_reviewer', { id: 'other' }), open)).toBe(false);
    const agent = principal('agent', { agentId: 'agent-001' });
    expect(service.canSee(agent, open)).toBe(false);
    expect(service.canSee(agent, scored)).toBe(true);
    expect(service.canSee(principal('agent', { agentId: 'agent-002' }), scored)).toBe(false);
    const supervisor = (queues: string[], teams: string[]) => principal('supervisor', { scope: { queues, teams } });
    expect(service.canSee(supervisor(['general'], []), scored)).toBe(true);
    expect(service.canSee(supervisor([], ['team-a']), scored)).toBe(true);
    expect(service.canSee(supervisor(['billing'], ['team-b']), scored)).toBe(false);
    expect(service.canSee(supervisor(['general'], []), open)).toBe(false);
    expect(service.canSee(principal('manager'), open)).toBe(false);
    expect(service.canSee(principal('manager'), scored)).toBe(true);
    expect(service.canSee(principal('qa_lead'), open)).toBe(true);
    expect(service.canSee(principal('kiosk'), scored)).toBe(false);
  });
});

describe('submit', () => {
  it('refuses a second submit with 409 and audits nothing', async () => {
    repo.evaluation.mockResolvedValue(row({ status: 'submitted' }));
    await expect(service.submit(principal('qa_reviewer'), 'e1', BY)).rejects.toMatchObject({ status: 409 });
    expect(repo.addVersion).not.toHaveBeenCalled();
    expect(audit.record).not.toHaveBeenCalled();
  });

  it('scores the draft as version 1 and audits it', async () => {
    const form = defaultForm();
    const answers = form.sections.flatMap((s) => s.items).map((i) => ({ itemId: i.id, value: i.type === 'scale' ? i.max : true }));
    repo.evaluation.mockResolvedValue(row({ status: 'draft', answers }));
    repo.form.mockResolvedValue({ form_id: 'etiquette', version: 1, definition: form, created_at: new Date(), created_by: null });
    await expect(service.submit(principal('qa_reviewer'), 'e1', BY)).resolves.toMatchObject({ score: 100, rawScore: 100, version: 1 });
    expect(repo.addVersion.mock.calls[0]![1]).toMatchObject({ version: 1, kind: 'submitted', score: 100, by_user: 'qa_reviewer-1' });
    expect(audit.record).toHaveBeenCalledWith(expect.objectContaining({ action: 'qa.evaluation.submitted', target: 'e1' }));
  });
});

describe('a sampling run', () => {
  const reviewer = { id: 'u1', username: 'zhao', role: 'qa_reviewer', agentId: null, disabledAt: null } as never;

  it('answers 409 when another run took some of its calls at the same moment', async () => {
    repo.form.mockResolvedValue({ form_id: 'etiquette', version: 1, definition: defaultForm(), created_at: new Date(), created_by: null });
    users.list.mockResolvedValue([reviewer]);
    repo.sampleCalls.mockResolvedValue([]);
    repo.transaction.mockRejectedValue(Object.assign(new Error('duplicate key'), { code: '23505' }));
    await expect(service.createRun({ from: '2026-03-02', to: '2026-03-08' }, BY)).rejects.toMatchObject({ status: 409 });
    expect(audit.record).not.toHaveBeenCalled();
  });

  it('answers 409 without an active reviewer', async () => {
    repo.form.mockResolvedValue({ form_id: 'etiquette', version: 1, definition: defaultForm(), created_at: new Date(), created_by: null });
    users.list.mockResolvedValue([{ ...(reviewer as object), disabledAt: '2026-03-01T00:00:00.000Z' } as never]);
    await expect(service.createRun({ from: '2026-03-02', to: '2026-03-08' }, BY)).rejects.toMatchObject({
      status: 409,
      response: { field: 'reviewers' },
    });
  });

  it('reads the center days as local midnights', async () => {
    repo.form.mockResolvedValue({ form_id: 'etiquette', version: 1, definition: defaultForm(), created_at: new Date(), created_by: null });
    users.list.mockResolvedValue([reviewer]);
    repo.sampleCalls.mockResolvedValue([]);
    repo.transaction.mockResolvedValue(undefined);
    repo.run.mockResolvedValue(undefined);
    await service.createRun({ from: '2026-03-02', to: '2026-03-08' }, BY).catch(() => undefined);
    // Monday 2 March 00:00 in Shanghai is 1 March 16:00 UTC; the day after Sunday 8 March starts 8 March 16:00 UTC.
    expect(repo.sampleCalls).toHaveBeenCalledWith('2026-03-01T16:00:00.000Z', '2026-03-08T16:00:00.000Z');
  });
});

describe('weekly sampling', () => {
  it('samples the previous Monday to Sunday of the center once per plan', async () => {
    repo.plans.mockResolvedValue([
      {
        id: 'p1',
        name: 'weekly',
        period: 'week',
        per_agent: 3,
        quotas: {},
        reviewers: null,
        form_id: 'etiquette',
        active: true,
        created_at: new Date(),
        created_by: null,
      },
      {
        id: 'p2',
        name: 'old',
        period: 'week',
        per_agent: 3,
        quotas: {},
        reviewers: null,
        form_id: 'etiquette',
        active: false,
        created_at: new Date(),
        created_by: null,
      },
    ]);
    repo.weeklyRunExists.mockResolvedValue(false);
    const calls: unknown[] = [];
    service.createRun = async (input, _by, opts) => {
      calls.push({ input, opts });
      return { id: 'run-1' } as never;
    };
    // Sunday 8 March 2026, 23:30 in Shanghai is 15:30 UTC: the week before is 23 Feb – 1 Mar.
    expect(await service.runWeeklyPlans(new Date('2026-03-08T15:30:00Z'))).toEqual({ runs: ['run-1'], failures: [] });
    expect(calls).toEqual([
      {
        input: {
          from: '2026-02-23',
          to: '2026-03-01',
          perAgent: 3,
          quotas: {},
          seed: 'p1:2026-02-23',
          reviewers: undefined,
          formId: 'etiquette',
        },
        opts: { kind: 'weekly', planId: 'p1' },
      },
    ]);
  });
});

describe('demo answers', () => {
  it('answer every item of the form within its range', () => {
    const form = defaultForm();
    for (let i = 0; i < 10; i++) expect(() => checkAnswers(form, demoAnswers(form, i))).not.toThrow();
    const fourth = demoAnswers(form, 4);
    expect(fourth.find((a) => a.itemId === 'no_forbidden_phrase')!.value).toBe(false);
  });
});
