import { describe, expect, it } from 'vitest';
import { tokenRecordFixture } from '../tokens/test-support/token-record-fixture';
import { AccessResolver } from './access-resolver';
import { hashSessionId } from './gate-cookie';
import { findGateSession } from './gate-session';
import type { GatewayApp } from './gateway-store';
import { fakeGatewayStore } from './test-support/fake-gateway-store';
import { fakeRequest } from './test-support/fake-request';

const app: GatewayApp = { id: 'a1', projectId: 'p1', region: 'GRA', labels: {}, unsecureHttp: false, name: 'demo', allowPanelUsers: true, state: 'RUNNING', replicas: [] };
const token = (id: string) => tokenRecordFixture({ id, name: id, labelSelector: '' });
const later = () => new Date(Date.now() + 60_000);

function setup() {
  const store = fakeGatewayStore();
  store.addToken('unused-secret-1', token('victim'));
  store.addToken('unused-secret-2', token('attacker'));
  const session = (id: string, fields: { appId?: string; tokenId?: string; tokenVersion?: number; expiresAt?: Date }) =>
    store.sessions.set(hashSessionId(id), { idHash: hashSessionId(id), appId: 'a1', tokenId: 'victim', tokenVersion: 1, userId: null, expiresAt: later(), ...fields });
  const find = (cookie: string | undefined, encrypted = false) =>
    findGateSession(fakeRequest({ headers: cookie === undefined ? {} : { cookie }, encrypted }), app, new AccessResolver(store));
  return { store, session, find };
}

describe('findGateSession', () => {
  it('is no credential without a gate cookie', async () => {
    expect(await setup().find('other=1')).toEqual({ kind: 'none' });
  });

  it("finds the session's token", async () => {
    const { session, find } = setup();
    session('s1', {});
    expect(await find('tg_gate=s1')).toMatchObject({ kind: 'token', found: { record: { id: 'victim' } } });
  });

  it.each([
    ['an unknown session', 'tg_gate=nope', {}],
    ['a session of another app', 'tg_gate=s1', { appId: 'a2' }],
    ['an expired session', 'tg_gate=s1', { expiresAt: new Date(Date.now() - 1) }],
    ['a session of a regenerated token', 'tg_gate=s1', { tokenVersion: 0 }],
    ['a session of a deleted token', 'tg_gate=s1', { tokenId: 'deleted' }],
  ])('is an invalid credential (the login page) for %s', async (_label, cookie, fields) => {
    const { session, find } = setup();
    session('s1', fields);
    expect(await find(cookie)).toEqual({ kind: 'token', found: null });
  });

  it("skips a planted cookie that is not valid for this app and uses the user's own", async () => {
    const { session, find } = setup();
    session('planted', { appId: 'a2', tokenId: 'attacker' });
    session('own', {});
    expect(await find('tg_gate=planted; tg_gate=own')).toMatchObject({ found: { record: { id: 'victim' } } });
  });

  it('uses none when two valid sessions for this app are offered: the user signs in again rather than riding a planted one', async () => {
    const { session, find } = setup();
    session('planted', { tokenId: 'attacker' });
    session('own', {});
    expect(await find('tg_gate=planted; tg_gate=own')).toEqual({ kind: 'none' });
  });

  it('on https reads only the __Host- cookie, which a sibling host cannot plant', async () => {
    const { session, find } = setup();
    session('own', {});
    expect(await find('tg_gate=own', true)).toEqual({ kind: 'none' });
    expect(await find('__Host-tg_gate=own', true)).toMatchObject({ found: { record: { id: 'victim' } } });
  });
});
