// Every domain verb authorizes its caller itself: a route that forgot to check
// could not open a hole. One refusal per verb, asserted with nothing changed.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSpecSchema } from '../../lib/apps/app-spec.ts';
import { createApp } from '../../lib/apps/create-app.ts';
import { getApp } from '../../lib/apps/get-app.ts';
import { listApps } from '../../lib/apps/list-apps.ts';
import { listTokensWithAccess } from '../../lib/apps/list-tokens-with-access.ts';
import { requestAppState } from '../../lib/apps/request-app-state.ts';
import { setAppLabel } from '../../lib/apps/set-app-label.ts';
import { parseSelector } from '../../lib/labels/parse-selector.ts';
import { createProject } from '../../lib/projects/create-project.ts';
import { listProjects } from '../../lib/projects/list-projects.ts';
import { createToken } from '../../lib/tokens/create-token.ts';
import { deleteToken } from '../../lib/tokens/delete-token.ts';
import { getToken } from '../../lib/tokens/get-token.ts';
import { listTokens } from '../../lib/tokens/list-tokens.ts';
import { regenerateToken } from '../../lib/tokens/regenerate-token.ts';
import { tokenSpecSchema } from '../../lib/tokens/token-spec.ts';
import { tokenCaller, userCaller } from './helpers/callers.ts';
import { createTestDatabase } from './helpers/test-database.ts';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let mine: string;
let theirs: string;
let owner: ReturnType<typeof userCaller>;
let stranger: ReturnType<typeof userCaller>;
let appId: string;
let tokenId: string;

const appSpec = (labels: Record<string, string> = {}, region = 'GRA') => appSpecSchema({ regions: ['GRA', 'BHS'] }).parse({ name: 'a', image: 'tollgate/echo', region, labels });

beforeAll(async () => {
  db = await createTestDatabase();
  mine = (await db.prisma.project.create({ data: { slug: 'mine', name: 'mine' } })).id;
  theirs = (await db.prisma.project.create({ data: { slug: 'theirs', name: 'theirs' } })).id;
  const user = await db.prisma.user.create({ data: { email: 'owner@verbs.test', passwordHash: 'x', memberships: { create: { projectId: mine, role: 'OWNER' } } } });
  owner = userCaller(user.id, [mine]);
  stranger = userCaller(crypto.randomUUID(), [theirs]);
  appId = (await createApp({ prisma: db.prisma, caller: owner, spec: appSpec({ group: 'A' }) })).id;
  tokenId = (await createToken({ prisma: db.prisma, caller: owner, spec: tokenSpecSchema(['GRA']).parse({ name: 't', role: 'read', region: 'GRA' }) })).id;
});
afterAll(async () => {
  await db?.drop();
});

const prisma = () => db.prisma;
const readToken = (labelSelector = 'group=A', region = 'GRA') => tokenCaller({ projectId: mine, labelSelector, role: 'READ', region });
const operatorToken = (labelSelector = 'group=A', region = 'GRA') => tokenCaller({ projectId: mine, labelSelector, role: 'OPERATOR', region });
const auditCount = () => db.prisma.auditEvent.count();

describe('app verbs refuse a wrong caller', () => {
  it('getApp: a member of another project learns nothing (not found); a token out of scope is told which check failed', async () => {
    await expect(getApp({ prisma: prisma(), caller: stranger, appId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getApp({ prisma: prisma(), caller: readToken('group=B'), appId })).rejects.toMatchObject({ code: 'FORBIDDEN', details: { reason: 'selector_miss' } });
    await expect(getApp({ prisma: prisma(), caller: readToken('group=A', 'BHS'), appId })).rejects.toMatchObject({ details: { reason: 'other_region' } });
    expect((await getApp({ prisma: prisma(), caller: readToken(), appId })).id).toBe(appId);
  });

  it('listApps: shows a token only the apps it matches, and a stranger none of this project', async () => {
    const list = (caller: ReturnType<typeof userCaller>) => listApps({ prisma: prisma(), caller, selector: parseSelector(''), page: 0, size: 10 });
    expect((await list(readToken('group=B'))).total).toBe(0);
    expect((await list(readToken())).items.map((a) => a.id)).toEqual([appId]);
    expect((await list({ ...stranger, projectId: mine })).total).toBe(0);
  });

  it('createApp: a read token, a token of another region, and a non-member are refused, and nothing is created', async () => {
    const before = await db.prisma.app.count();
    await expect(createApp({ prisma: prisma(), caller: readToken(), spec: appSpec() })).rejects.toMatchObject({ code: 'FORBIDDEN', details: { reason: 'role_too_weak' } });
    await expect(createApp({ prisma: prisma(), caller: operatorToken('group=A', 'BHS'), spec: appSpec() })).rejects.toMatchObject({ details: { reason: 'other_region' } });
    await expect(createApp({ prisma: prisma(), caller: { ...stranger, projectId: mine }, spec: appSpec() })).rejects.toMatchObject({ details: { reason: 'not_member' } });
    // An operator token cannot create an app it could not then manage.
    await expect(createApp({ prisma: prisma(), caller: operatorToken('group=A,!tier'), spec: appSpec({ tier: 'web' }) })).rejects.toMatchObject({ details: { reason: 'selector_miss' } });
    expect(await db.prisma.app.count()).toBe(before);
  });

  it('requestAppState: a read token cannot stop an app, and the app keeps its state', async () => {
    await expect(requestAppState({ prisma: prisma(), caller: readToken(), appId, desired: 'STOPPED' })).rejects.toMatchObject({ code: 'FORBIDDEN', details: { reason: 'role_too_weak' } });
    await expect(requestAppState({ prisma: prisma(), caller: stranger, appId, desired: 'DELETED' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await db.prisma.app.findUniqueOrThrow({ where: { id: appId } })).desiredState).toBe('RUNNING');
  });

  it('setAppLabel: a read token and an operator token out of scope are refused, labels unchanged', async () => {
    const input = { name: 'team', value: 'x' };
    await expect(setAppLabel({ prisma: prisma(), caller: readToken(), appId, input })).rejects.toMatchObject({ details: { reason: 'role_too_weak' } });
    await expect(setAppLabel({ prisma: prisma(), caller: operatorToken('group=B'), appId, input })).rejects.toMatchObject({ details: { reason: 'selector_miss' } });
    expect((await db.prisma.app.findUniqueOrThrow({ where: { id: appId } })).labels).not.toHaveProperty('team');
    expect((await setAppLabel({ prisma: prisma(), caller: operatorToken(), appId, input })).spec.labels.team).toBe('x');
  });

  it('listTokensWithAccess: only for members of the app project', async () => {
    await expect(listTokensWithAccess({ prisma: prisma(), caller: stranger, appId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await listTokensWithAccess({ prisma: prisma(), caller: owner, appId })).tokens.map((t) => t.id)).toEqual([tokenId]);
  });
});

describe('token verbs refuse every app token and every non-member', () => {
  const spec = tokenSpecSchema(['GRA']).parse({ name: 'new', role: 'operator', region: 'GRA' });
  it.each([
    ['listTokens', (caller: ReturnType<typeof userCaller>) => listTokens({ prisma: prisma(), caller, page: 0, size: 10 })],
    ['getToken', (caller: ReturnType<typeof userCaller>) => getToken({ prisma: prisma(), caller, tokenId })],
    ['createToken', (caller: ReturnType<typeof userCaller>) => createToken({ prisma: prisma(), caller, spec })],
    ['regenerateToken', (caller: ReturnType<typeof userCaller>) => regenerateToken({ prisma: prisma(), caller, tokenId })],
    ['deleteToken', (caller: ReturnType<typeof userCaller>) => deleteToken({ prisma: prisma(), caller, tokenId })],
  ] as const)('%s', async (_verb, run) => {
    const before = await auditCount();
    await expect(run(operatorToken(''))).rejects.toMatchObject({ code: 'FORBIDDEN', details: { reason: 'token_not_allowed' } });
    await expect(run({ ...stranger, projectId: mine })).rejects.toMatchObject({ code: 'FORBIDDEN', details: { reason: 'not_member' } });
    // A member of another project, working in their own, cannot reach this token either.
    if (_verb !== 'listTokens' && _verb !== 'createToken') await expect(run(stranger)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await auditCount()).toBe(before);
    expect((await db.prisma.token.findUniqueOrThrow({ where: { id: tokenId } })).version).toBe(1);
  });
});

describe('project verbs are for signed-in users only', () => {
  it('listProjects and createProject refuse an app token', async () => {
    await expect(listProjects({ prisma: prisma(), caller: operatorToken('') })).rejects.toMatchObject({ code: 'FORBIDDEN', details: { reason: 'token_not_allowed' } });
    await expect(createProject({ prisma: prisma(), caller: operatorToken(''), name: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.prisma.project.count()).toBe(2);
    expect((await listProjects({ prisma: prisma(), caller: owner })).map((p) => p.id)).toEqual([mine]);
  });
});
