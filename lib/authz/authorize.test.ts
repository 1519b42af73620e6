import { BlockList } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parseSelector } from '../labels/parse-selector';
import { printSelector } from '../labels/selector';
import {
  authorize,
  authorizeAppCreate,
  authorizeProjectAdmin,
  authorizeTokenAdmin,
  type Action,
  type AppView,
  type Decision,
  type DenyReason,
  type TokenCredential,
  type UserCredential,
} from './authorize';

const APP_ID = '0b7b2f0e-4a55-4a8e-9c63-5f6c7e0b2d11';

function app(overrides: Partial<AppView> = {}): AppView {
  return {
    id: APP_ID,
    projectId: 'p1',
    region: 'GRA',
    labels: { group: 'A', tier: 'web', 'ovh/id': APP_ID, 'ovh/type': 'app' },
    unsecureHttp: false,
    ...overrides,
  };
}

function token(overrides: Partial<TokenCredential> = {}): TokenCredential {
  return {
    kind: 'token',
    tokenId: 't1',
    projectId: 'p1',
    region: 'GRA',
    role: 'operator',
    selector: parseSelector('group=A'),
    allowedIps: null,
    ...overrides,
  };
}

function user(projectIds: string[]): UserCredential {
  return { kind: 'user', userId: 'u1', projectIds: new Set(projectIds) };
}

const ACTIONS: Action[] = ['app:query', 'app:read', 'app:manage'];

function reasonOf(decision: Decision): DenyReason | 'allow' {
  return decision.allow ? 'allow' : decision.reason;
}

describe('authorize: decision table', () => {
  type Row = [
    label: string,
    credential: TokenCredential | UserCredential | null,
    appView: AppView,
    action: Action,
    expected: DenyReason | 'allow',
    status?: 401 | 403,
  ];
  const rows: Row[] = [
    ['operator token queries', token(), app(), 'app:query', 'allow'],
    ['operator token reads', token(), app(), 'app:read', 'allow'],
    ['operator token manages', token(), app(), 'app:manage', 'allow'],
    ['read token queries', token({ role: 'read' }), app(), 'app:query', 'allow'],
    ['read token reads', token({ role: 'read' }), app(), 'app:read', 'allow'],
    ['read token manages', token({ role: 'read' }), app(), 'app:manage', 'role_too_weak', 403],
    ['no credential queries', null, app(), 'app:query', 'no_credential', 401],
    ['no credential reads', null, app(), 'app:read', 'no_credential', 401],
    ['no credential manages', null, app(), 'app:manage', 'no_credential', 401],
    ['token of another project', token({ projectId: 'p2' }), app(), 'app:query', 'other_project', 403],
    ['token of another region', token({ region: 'BHS' }), app(), 'app:query', 'other_region', 403],
    ['selector misses', token({ selector: parseSelector('group=B') }), app(), 'app:query', 'selector_miss', 403],
    ['member user queries', user(['p1']), app(), 'app:query', 'allow'],
    ['member user reads', user(['p1']), app(), 'app:read', 'allow'],
    ['member user manages', user(['p0', 'p1']), app(), 'app:manage', 'allow'],
    ['member user opens an app closed to panel users', user(['p1']), app({ allowPanelUsers: false }), 'app:query', 'panel_users_not_allowed', 403],
    ['member user still manages an app closed to panel users', user(['p1']), app({ allowPanelUsers: false }), 'app:manage', 'allow'],
    ['non-member user queries', user(['p2']), app(), 'app:query', 'not_member', 403],
    ['non-member user manages', user([]), app(), 'app:manage', 'not_member', 403],
    ['anyone queries an unsecure app', null, app({ unsecureHttp: true }), 'app:query', 'allow'],
    ['anonymous read of an unsecure app', null, app({ unsecureHttp: true }), 'app:read', 'no_credential', 401],
    ['anonymous manage of an unsecure app', null, app({ unsecureHttp: true }), 'app:manage', 'no_credential', 401],
  ];

  it.each(rows)('%s → %s', (_label, credential, appView, action, expected, status) => {
    const decision = authorize({ credential, app: appView, action });
    expect(reasonOf(decision)).toBe(expected);
    if (!decision.allow) {
      expect(decision.status).toBe(status);
      expect(decision.message).not.toBe('');
    }
  });

  it('covers every deny reason', () => {
    const covered = new Set(rows.map((row) => row[4]));
    const all: DenyReason[] = [
      'no_credential',
      'other_project',
      'other_region',
      'selector_miss',
      'role_too_weak',
      'not_member',
      'panel_users_not_allowed',
    ];
    for (const reason of all) expect(covered).toContain(reason);
  });

  it('allows with exactly { allow: true }', () => {
    expect(authorize({ credential: token(), app: app(), action: 'app:query' })).toEqual({
      allow: true,
    });
  });
});

describe('authorize: order of checks', () => {
  const cases: [string, TokenCredential, DenyReason][] = [
    ['other project before other region', token({ projectId: 'p2', region: 'BHS' }), 'other_project'],
    [
      'other region before selector miss',
      token({ region: 'BHS', selector: parseSelector('group=B') }),
      'other_region',
    ],
    [
      'selector miss before weak role',
      token({ role: 'read', selector: parseSelector('group=B') }),
      'selector_miss',
    ],
    [
      'other project before everything in scope',
      token({ projectId: 'p2', region: 'BHS', role: 'read', selector: parseSelector('group=B') }),
      'other_project',
    ],
  ];

  it.each(cases)('%s', (_label, credential, expected) => {
    const decision = authorize({ credential, app: app(), action: 'app:manage' });
    expect(reasonOf(decision)).toBe(expected);
  });

  it('lets anyone query an unsecure app, even with a token that would be denied', () => {
    const bad = token({ projectId: 'p2', region: 'BHS' });
    expect(authorize({ credential: bad, app: app({ unsecureHttp: true }), action: 'app:query' }).allow).toBe(true);
  });

  it('still checks a token that manages an unsecure app', () => {
    const readOnly = token({ role: 'read' });
    const decision = authorize({ credential: readOnly, app: app({ unsecureHttp: true }), action: 'app:manage' });
    expect(reasonOf(decision)).toBe('role_too_weak');
  });
});

describe('authorize: region', () => {
  it.each([
    ['gra', 'GRA'],
    ['GRA', 'gra'],
    ['Gra', 'gRA'],
  ])('compares regions case-insensitively: token %s, app %s', (tokenRegion, appRegion) => {
    const decision = authorize({
      credential: token({ region: tokenRegion }),
      app: app({ region: appRegion }),
      action: 'app:query',
    });
    expect(decision.allow).toBe(true);
  });

  it('names both regions in the denial', () => {
    const decision = authorize({ credential: token({ region: 'BHS' }), app: app(), action: 'app:query' });
    expect(decision.allow).toBe(false);
    if (!decision.allow) {
      expect(decision.message).toContain('BHS');
      expect(decision.message).toContain('GRA');
    }
  });
});

describe('authorize: selector', () => {
  it("names the token's selector when it misses", () => {
    const selector = parseSelector('group=B');
    const decision = authorize({ credential: token({ selector }), app: app(), action: 'app:query' });
    expect(decision).toMatchObject({
      allow: false,
      reason: 'selector_miss',
      status: 403,
      message: `the token's selector ${printSelector(selector)} does not match this app`,
    });
    if (!decision.allow) expect(decision.message).toContain('group');
  });

  it('lets an empty selector reach every app of its project and region', () => {
    const decision = authorize({
      credential: token({ selector: parseSelector('') }),
      app: app({ labels: {} }),
      action: 'app:manage',
    });
    expect(decision.allow).toBe(true);
  });

  it('evaluates set-based selectors against the app labels', () => {
    const credential = token({ selector: parseSelector('group in (A,B),tier!=db') });
    expect(authorize({ credential, app: app(), action: 'app:query' }).allow).toBe(true);
    expect(authorize({ credential, app: app({ labels: { group: 'C' } }), action: 'app:query' }).allow).toBe(false);
  });

  it('matches by the ovh/id platform label', () => {
    const credential = token({ selector: parseSelector(`ovh/id=${APP_ID}`) });
    expect(authorize({ credential, app: app(), action: 'app:query' }).allow).toBe(true);
    expect(authorize({ credential, app: app({ labels: { 'ovh/id': 'other' } }), action: 'app:query' }).allow).toBe(
      false,
    );
  });
});

describe('authorize: users', () => {
  it.each(ACTIONS)('lets a project member %s', (action) => {
    expect(authorize({ credential: user(['p1']), app: app(), action }).allow).toBe(true);
  });

  it.each(ACTIONS)('denies a non-member %s with 403 not_member', (action) => {
    const decision = authorize({ credential: user(['p2']), app: app(), action });
    expect(decision).toMatchObject({ allow: false, reason: 'not_member', status: 403 });
  });
});

describe('authorize: purity', () => {
  it('does not mutate its inputs', () => {
    const credential = Object.freeze(token({ role: 'read' }));
    const appView = Object.freeze(app({ labels: Object.freeze({ group: 'B' }) }));
    expect(() => authorize({ credential, app: appView, action: 'app:manage' })).not.toThrow();
  });

  it('returns the same decision for the same input', () => {
    const input = { credential: token({ region: 'BHS' }), app: app(), action: 'app:query' as const };
    expect(authorize(input)).toEqual(authorize(input));
  });
});

describe('authorizeAppCreate', () => {
  const create = (credential: TokenCredential | UserCredential | null, region = 'GRA', projectId = 'p1') =>
    authorizeAppCreate({ credential, projectId, region });

  it('lets an operator token create in its project and region', () => {
    expect(create(token()).allow).toBe(true);
  });

  it('compares the region case-insensitively', () => {
    expect(create(token(), 'gra').allow).toBe(true);
  });

  it('ignores the selector (the new app gets its equality labels)', () => {
    expect(create(token({ selector: parseSelector('group=Z,!tier') })).allow).toBe(true);
  });

  it.each<[string, TokenCredential | UserCredential | null, string, string, DenyReason, 401 | 403]>([
    ['no credential', null, 'GRA', 'p1', 'no_credential', 401],
    ['another project', token(), 'GRA', 'p2', 'other_project', 403],
    ['another region', token(), 'BHS', 'p1', 'other_region', 403],
    ['another project and region', token(), 'BHS', 'p2', 'other_project', 403],
    ['read-only token', token({ role: 'read' }), 'GRA', 'p1', 'role_too_weak', 403],
    ['read-only token in another region', token({ role: 'read' }), 'BHS', 'p1', 'other_region', 403],
    ['non-member user', user(['p2']), 'GRA', 'p1', 'not_member', 403],
  ])('denies %s', (_label, credential, region, projectId, reason, status) => {
    expect(create(credential, region, projectId)).toMatchObject({ allow: false, reason, status });
  });

  it('lets a member user create', () => {
    expect(create(user(['p1'])).allow).toBe(true);
  });

  it('explains a read-only denial', () => {
    const decision = create(token({ role: 'read' }));
    expect(decision.allow ? '' : decision.message).toBe('a read-only token cannot create apps');
  });
});

describe('authorize: messages', () => {
  it('says a read-only token cannot manage apps', () => {
    const decision = authorize({ credential: token({ role: 'read' }), app: app(), action: 'app:manage' });
    expect(decision.allow ? '' : decision.message).toBe('a read-only token cannot manage apps');
  });

  it('does not name either project when the project differs', () => {
    const decision = authorize({ credential: token({ projectId: 'secret-project' }), app: app({ projectId: 'p-owner' }), action: 'app:query' });
    expect(decision.allow).toBe(false);
    if (!decision.allow) {
      expect(decision.message).not.toContain('secret-project');
      expect(decision.message).not.toContain('p-owner');
    }
  });
});

describe('authorizeTokenAdmin', () => {
  it('lets a member manage the project\'s tokens', () => {
    expect(authorizeTokenAdmin({ credential: user(['p1']), projectId: 'p1' }).allow).toBe(true);
  });

  it('refuses a non-member', () => {
    expect(authorizeTokenAdmin({ credential: user(['p2']), projectId: 'p1' })).toMatchObject({ allow: false, reason: 'not_member', status: 403 });
  });

  it('never lets an app token manage tokens, even an operator token of the project', () => {
    const decision = authorizeTokenAdmin({ credential: token(), projectId: 'p1' });
    expect(decision).toMatchObject({ allow: false, reason: 'token_not_allowed', status: 403, message: 'app tokens cannot manage tokens; sign in to the panel' });
  });

  it('asks for a credential first', () => {
    expect(authorizeTokenAdmin({ credential: null, projectId: 'p1' })).toMatchObject({ reason: 'no_credential', status: 401 });
  });
});

describe('authorizeProjectAdmin', () => {
  it('lets any signed-in user list and create projects of their own', () => {
    expect(authorizeProjectAdmin(user([])).allow).toBe(true);
  });

  it('never lets an app token', () => {
    expect(authorizeProjectAdmin(token())).toMatchObject({ allow: false, reason: 'token_not_allowed', message: 'app tokens cannot manage projects; sign in to the panel' });
  });

  it('asks for a credential first', () => {
    expect(authorizeProjectAdmin(null)).toMatchObject({ reason: 'no_credential', status: 401 });
  });
});

describe('authorize: allowed IPs', () => {
  const limited = () => {
    const list = new BlockList();
    list.addSubnet('203.0.113.0', 24, 'ipv4');
    list.addSubnet('2001:db8::', 32, 'ipv6');
    return token({ allowedIps: list });
  };

  it.each([
    ['an allowed IPv4 address', '203.0.113.9', true],
    ['an allowed IPv6 address', '2001:db8::7', true],
    ['an allowed IPv4 address seen as IPv4-mapped IPv6', '::ffff:203.0.113.9', true],
    ['an IPv4 address outside the list', '198.51.100.1', false],
    ['an IPv6 address outside the list', '2001:db9::7', false],
  ])('%s → %s', (_label, clientIp, allowed) => {
    const decision = authorize({ credential: limited(), app: app(), action: 'app:query', clientIp });
    expect(decision.allow).toBe(allowed);
    if (!decision.allow) expect(decision).toMatchObject({ reason: 'ip_not_allowed', status: 403, message: `the token may not be used from ${clientIp}` });
  });

  it('is checked before the app scope: a token used from elsewhere learns nothing about the app', () => {
    const decision = authorize({ credential: { ...limited(), projectId: 'p2' }, app: app(), action: 'app:query', clientIp: '198.51.100.1' });
    expect(decision).toMatchObject({ reason: 'ip_not_allowed' });
  });

  it('does not restrict a token without a list, nor a question with no request behind it', () => {
    expect(authorize({ credential: token(), app: app(), action: 'app:query', clientIp: '198.51.100.1' }).allow).toBe(true);
    expect(authorize({ credential: limited(), app: app(), action: 'app:query' }).allow).toBe(true);
  });
});
