import { describe, expect, it } from 'vitest';
import { describeEvent, namesFromEvents, shortId, type AuditEvent, type NameBook } from './activity-describe';

const TOKEN = 'aaaaaaaa-1111-4111-8111-111111111111';
const GONE = 'bbbbbbbb-2222-4222-8222-222222222222';
const APP = 'cccccccc-3333-4333-8333-333333333333';
const USER = 'dddddddd-4444-4444-8444-444444444444';

const names: NameBook = {
  token: (id) => (id === TOKEN ? 'ci' : null),
  app: (id) => (id === APP ? 'hello' : null),
  user: (id) => (id === USER ? 'admin@example.com' : null),
};

function event(action: string, target: AuditEvent['target'], details: unknown = null, actor: Partial<AuditEvent['actor']> = {}): AuditEvent {
  return { id: '1', createdAt: '2030-01-01T00:00:00Z', action, actor: { type: 'user', id: USER, ip: '127.0.0.1', ...actor }, target, details };
}

describe('describeEvent', () => {
  it('reads like a sentence, with names for ids', () => {
    const words = describeEvent(event('token.regenerate', { type: 'token', id: TOKEN }, { version: 3 }), names);
    expect(words.sentence).toBe('Token ci regenerated (now version 3) by admin@example.com from 127.0.0.1');
    expect(words.target).toMatchObject({ noun: 'Token', label: 'ci', named: true });
  });

  it('says how long the replaced secret was kept when a regenerate had a grace period', () => {
    const sentence = (seconds: number) => describeEvent(event('token.regenerate', { type: 'token', id: TOKEN }, { version: 4, gracePeriodSeconds: seconds }), names).sentence;
    expect(sentence(3600)).toBe('Token ci regenerated (now version 4, the old secret kept for 1 hour) by admin@example.com from 127.0.0.1');
    expect(sentence(3 * 86_400)).toContain('the old secret kept for 3 days');
    expect(sentence(90 * 60)).toContain('the old secret kept for 90 minutes');
    expect(sentence(45)).toContain('the old secret kept for 45 seconds');
  });

  it('falls back to the name a create event carried, then to a short id', () => {
    const created = event('token.create', { type: 'token', id: GONE }, { name: 'old-ci' });
    const deleted = event('token.delete', { type: 'token', id: GONE });
    const fromEvents = namesFromEvents([deleted, created]);
    expect(describeEvent(deleted, names, fromEvents).sentence).toBe('Token old-ci deleted by admin@example.com from 127.0.0.1');
    expect(describeEvent(deleted, names).sentence).toBe('Token bbbbbbbb deleted by admin@example.com from 127.0.0.1');
    expect(describeEvent(deleted, names).target.named).toBe(false);
  });

  it('names token and system actors, and unknown users by short id', () => {
    expect(describeEvent(event('app.stop', { type: 'app', id: APP }, null, { type: 'token', id: TOKEN, ip: '10.0.0.9' }), names).sentence).toBe(
      'App hello stopped by token ci from 10.0.0.9',
    );
    expect(describeEvent(event('app.start', { type: 'app', id: APP }, null, { type: 'system', id: null, ip: null }), names).sentence).toBe(
      'App hello started by Tollgate',
    );
    expect(describeEvent(event('app.start', { type: 'app', id: APP }, null, { id: GONE }), names).actor).toBe('user bbbbbbbb');
  });

  it('says what changed for labels and scaling, and shows unknown actions as they are', () => {
    expect(describeEvent(event('app.label.set', { type: 'app', id: APP }, { name: 'group', value: 'A' }), names).verb).toBe('labelled group=A');
    expect(describeEvent(event('app.label.remove', { type: 'app', id: APP }, { name: 'group', value: null }), names).verb).toBe('label group removed');
    expect(describeEvent(event('app.scale', { type: 'app', id: APP }, { from: 1, to: 3 }), names).verb).toBe('scaled from 1 to 3 replicas');
    expect(describeEvent(event('app.rename', { type: 'app', id: APP }), names).verb).toBe('app.rename');
  });
});

describe('shortId', () => {
  it('is the first block of a UUID', () => {
    expect(shortId(TOKEN)).toBe('aaaaaaaa');
  });
});
