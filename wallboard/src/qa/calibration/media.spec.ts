import { describe, expect, it } from 'vitest';
import { openCalibration } from './calibration.fixture';
import { callMediaOf } from './media';

describe('callMediaOf', () => {
  it('takes the call, recording, transcript and findings the session carries', () => {
    const detail = {
      ...openCalibration([]),
      recording: '/api/v1/qa/calls/C-1001/recording',
      transcript: [{ speaker: 'agent', startS: 0.5, endS: 2, text: '您好' }],
    };
    expect(callMediaOf(detail)).toEqual({
      call: null,
      recording: '/api/v1/qa/calls/C-1001/recording',
      transcript: [{ speaker: 'agent', startS: 0.5, endS: 2, text: '您好' }],
      findings: [],
    });
  });

  it('is null when the server sent no call at all', () => {
    const { call: _call, recording: _recording, transcript: _transcript, findings: _findings, ...bare } = openCalibration([]);
    expect(callMediaOf(bare)).toBeNull();
  });
});
