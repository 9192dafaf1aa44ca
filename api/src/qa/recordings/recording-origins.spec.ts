import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.js';
import { formatRange, parseRange, resolveRange, startsPlayback } from './byte-range.js';
import { recordingSource } from './recording-origins.js';

const ALLOWED = loadConfig({
  CALLBOARD_RECORDING_ORIGINS: 'https://rec.example.com, http://10.0.0.5:8080,https://bücher.example:443/',
}).CALLBOARD_RECORDING_ORIGINS!;

const kind = (url: string) => recordingSource(url, ALLOWED).kind;

describe('CALLBOARD_RECORDING_ORIGINS', () => {
  it('keeps each origin as the URL parser writes it: punycode host, default port dropped', () => {
    expect(ALLOWED).toEqual(['https://rec.example.com', 'http://10.0.0.5:8080', 'https://xn--bcher-kva.example']);
  });

  it.each([
    ['https://rec.example.com/calls', 'path'],
    ['https://user:pw@rec.example.com', 'user'],
    ['ftp://rec.example.com', 'scheme'],
    ['rec.example.com', 'no scheme'],
    ['https://rec.example.com/?token=1', 'query'],
  ])('refuses %s (%s), naming the variable', (value) => {
    expect(() => loadConfig({ CALLBOARD_RECORDING_ORIGINS: value })).toThrow(/^CALLBOARD_RECORDING_ORIGINS must list origins/);
  });

  it('is empty when unset: only simulated recordings play', () => {
    expect(loadConfig({}).CALLBOARD_RECORDING_ORIGINS).toBeUndefined();
    expect(recordingSource('https://rec.example.com/a.wav', []).kind).toBe('refused');
    expect(recordingSource('https://recordings.callboard.invalid/c-1.wav', []).kind).toBe('simulated');
  });
});

describe('recordingSource', () => {
  it('fetches an allowlisted origin, whatever the path and query', () => {
    expect(kind('https://rec.example.com/2026/03/c-1.wav?sig=abc')).toBe('remote');
    expect(kind('https://REC.example.com:443/c-1.wav')).toBe('remote');
    expect(kind('http://10.0.0.5:8080/c-1.wav')).toBe('remote');
    expect(kind('https://xn--bcher-kva.example/c.wav')).toBe('remote');
    expect(kind('https://bücher.example/c.wav')).toBe('remote');
    // The allowed address written in hex parses to that address: the same origin.
    expect(kind('http://0x0a.0.0.5:8080/c.wav')).toBe('remote');
  });

  it.each([
    ['https://allowed@evil.example/c.wav', 'userinfo naming the allowed host, the host is evil'],
    ['https://rec.example.com@evil.example/c.wav', 'the allowed origin as a user name'],
    ['https://user:pw@rec.example.com/c.wav', 'credentials for an allowed host'],
    ['https://rec.example.com:8443/c.wav', 'another port'],
    ['http://rec.example.com/c.wav', 'http where https is allowed'],
    ['https://10.0.0.5:8080/c.wav', 'https where http is allowed'],
    ['https://rec.example.com.evil.example/c.wav', 'the allowed host as a prefix'],
    ['https://evilrec.example.com/c.wav', 'a suffix match'],
    ['https://rec.example.com./c.wav', 'a trailing dot'],
    ['https://bucher.example/c.wav', 'the IDN without its diacritic'],
    ['https://xn--bcher-kva.example.evil/c.wav', 'the punycode as a prefix'],
    ['http://10.0.0.5:80/c.wav', 'the allowed address on another port'],
    ['file:///etc/passwd', 'a file'],
    ['javascript:alert(1)', 'script'],
    ['not a url', 'not a URL'],
  ])('refuses %s (%s)', (url, why) => {
    expect(kind(url), why).toBe('refused');
  });

  it('reads a backslash as a slash, as fetch would: the host stays the allowed one', () => {
    const r = recordingSource('https://rec.example.com\\@evil.example/c.wav', ALLOWED);
    expect(r.kind).toBe('remote');
    expect(r.kind === 'remote' && r.url.host).toBe('rec.example.com');
  });

  it('says why it refuses, without the address', () => {
    const r = recordingSource('https://evil.example/secret-token/c.wav', ALLOWED);
    expect(r).toEqual({ kind: 'refused', reason: 'the recording origin is not on CALLBOARD_RECORDING_ORIGINS' });
    expect(recordingSource('https://u:p@rec.example.com/c.wav', ALLOWED)).toEqual({
      kind: 'refused',
      reason: 'the recording address carries a user name or password',
    });
  });
});

describe('byte ranges', () => {
  it('reads one range in each of its three forms', () => {
    expect(parseRange(undefined)).toBeUndefined();
    expect(parseRange('bytes=0-1023')).toEqual({ first: 0, last: 1023 });
    expect(parseRange('bytes=500-')).toEqual({ first: 500 });
    expect(parseRange('bytes=-200')).toEqual({ suffix: 200 });
  });

  it.each(['bytes=0-1,5-9', 'bytes=9-1', 'items=0-1', 'bytes=-', 'bytes=-0', 'bytes=a-b', 'bytes=0-1x', 'bytes=1234567890123456-'])(
    'refuses %s',
    (h) => expect(parseRange(h)).toBe('invalid'),
  );

  it('resolves a range against the size: cut at the end, outside → none', () => {
    expect(resolveRange({ first: 0, last: 99 }, 1000)).toEqual({ start: 0, end: 99 });
    expect(resolveRange({ first: 900, last: 5000 }, 1000)).toEqual({ start: 900, end: 999 });
    expect(resolveRange({ first: 1000 }, 1000)).toBeUndefined();
    expect(resolveRange({ suffix: 100 }, 1000)).toEqual({ start: 900, end: 999 });
    expect(resolveRange({ suffix: 5000 }, 1000)).toEqual({ start: 0, end: 999 });
    expect(resolveRange({ suffix: 1 }, 0)).toBeUndefined();
  });

  it('writes the range back as a header, and counts a play only from byte 0', () => {
    expect(formatRange({ first: 5 })).toBe('bytes=5-');
    expect(formatRange({ first: 5, last: 9 })).toBe('bytes=5-9');
    expect(formatRange({ suffix: 7 })).toBe('bytes=-7');
    expect(startsPlayback(undefined)).toBe(true);
    expect(startsPlayback({ first: 0, last: 1 })).toBe(true);
    expect(startsPlayback({ first: 1 })).toBe(false);
    expect(startsPlayback({ suffix: 10 })).toBe(false);
  });
});
