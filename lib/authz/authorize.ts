// The single access decision shared by the gateway, the /v1 API and the panel, so the three can
// never disagree about who may do what. Pure: callers resolve credentials and apps (and handle
// "app not found" with a 404 *before* calling), this only decides.
//
// It runs on every gateway request, so the common outcomes return preallocated frozen objects
// and only a selector miss builds a message.

import type { BlockList } from 'node:net';
import { ipInRanges } from '../http/ip-ranges';
import type { Labels } from '../labels/labels';
import { matchesSelector, printSelector, type Selector } from '../labels/selector';
import type { Role } from '../tokens/token-role';

/** query = send requests through the gateway; read = list/get via the API; manage = start/stop/delete/label/create. */
export type Action = 'app:query' | 'app:read' | 'app:manage';

/** A usable token's scope. Whether the token is usable at all (known, not expired) is lib/tokens/check-token's question, asked first. */
export interface TokenCredential {
  kind: 'token';
  tokenId: string;
  projectId: string;
  region: string;
  role: Role;
  selector: Selector;
  /** Where the token may be used from; null: anywhere. */
  allowedIps: BlockList | null;
}

export interface UserCredential {
  kind: 'user';
  userId: string;
  /** Projects the user is a member of. */
  projectIds: ReadonlySet<string>;
}

export type AuthCredential = TokenCredential | UserCredential;

export interface AppView {
  id: string;
  projectId: string;
  region: string;
  labels: Labels;
  unsecureHttp: boolean;
  /** Members signed in to the panel may open (query) the app without a token; default yes. */
  allowPanelUsers?: boolean;
}

export type DenyReason =
  | 'no_credential'
  | 'unknown_token'
  | 'expired'
  | 'other_project'
  | 'other_region'
  | 'selector_miss'
  | 'role_too_weak'
  | 'not_member'
  | 'token_not_allowed'
  | 'ip_not_allowed'
  | 'panel_users_not_allowed';

export type Denial = {
  readonly allow: false;
  readonly reason: DenyReason;
  readonly message: string;
  /** 401: no usable credential (send the login page / WWW-Authenticate). 403: valid but out of scope. */
  readonly status: 401 | 403;
};

export type Decision = { readonly allow: true } | Denial;

const ALLOW: Decision = Object.freeze({ allow: true });

function deny(reason: DenyReason, status: 401 | 403, message: string): Denial {
  return Object.freeze({ allow: false, reason, status, message });
}

// `other_project` is a 403, not a 404, as docs/design.md ("Gateway") asks ("a valid token out of scope gets
// 403 JSON saying which check failed"). Hiding it would buy nothing: the app-exists check runs
// before authorization, so an anonymous request already tells a 404 from a 401. The message
// still names neither project.
const DENY_NO_CREDENTIAL = deny('no_credential', 401, 'a token is required to access this app');
const DENY_OTHER_PROJECT = deny('other_project', 403, 'the token belongs to another project than this app');
const DENY_MANAGE_READ_ONLY = deny('role_too_weak', 403, 'a read-only token cannot manage apps');
const DENY_CREATE_READ_ONLY = deny('role_too_weak', 403, 'a read-only token cannot create apps');
const DENY_NOT_MEMBER = deny('not_member', 403, 'you are not a member of the project that owns this app');
const DENY_PANEL_USERS = deny('panel_users_not_allowed', 403, 'this app does not let panel users in: open it with a token');
const DENY_NOT_MEMBER_CREATE = deny('not_member', 403, 'you are not a member of this project');
const DENY_TOKEN_MANAGES_TOKENS = deny('token_not_allowed', 403, 'app tokens cannot manage tokens; sign in to the panel');
const DENY_TOKEN_MANAGES_PROJECTS = deny('token_not_allowed', 403, 'app tokens cannot manage projects; sign in to the panel');

// Regions are short codes (`GRA`); users and hostnames spell them in either case.
function sameRegion(a: string, b: string): boolean {
  return a === b || (a.length === b.length && a.toUpperCase() === b.toUpperCase());
}

function roleAllows(role: Role, action: Action): boolean {
  return role === 'operator' || action !== 'app:manage';
}

/**
 * Checks shared by every token use, in order: where the request comes from,
 * project, region. `clientIp` null means there is no request to place (the
 * panel asking which tokens could reach an app).
 */
function checkTokenScope(token: TokenCredential, projectId: string, region: string, clientIp: string | null): Denial | null {
  if (token.allowedIps !== null && clientIp !== null && !ipInRanges(token.allowedIps, clientIp)) {
    return deny('ip_not_allowed', 403, `the token may not be used from ${clientIp}`);
  }
  if (token.projectId !== projectId) return DENY_OTHER_PROJECT;
  if (!sameRegion(token.region, region)) {
    return deny(
      'other_region',
      403,
      `the token is for region ${token.region}, not ${region}`,
    );
  }
  return null;
}

/** May `credential` perform `action` on `app`? */
export function authorize(input: {
  credential: AuthCredential | null;
  app: AppView;
  action: Action;
  /**
   * The request's client address (a token may be limited to some). Every path
   * that serves a request passes it; only a question with no request behind it
   * (which tokens could reach this app) leaves it out.
   */
  clientIp?: string | null;
}): Decision {
  const { credential, app, action } = input;

  // Only querying is opened up: managing an unsecure app still needs a credential.
  if (action === 'app:query' && app.unsecureHttp) return ALLOW;
  if (credential === null) return DENY_NO_CREDENTIAL;

  if (credential.kind === 'user') {
    if (!credential.projectIds.has(app.projectId)) return DENY_NOT_MEMBER;
    // The panel and the API always serve members; opening the app itself is the app's choice.
    return action === 'app:query' && app.allowPanelUsers === false ? DENY_PANEL_USERS : ALLOW;
  }

  const scopeDenial = checkTokenScope(credential, app.projectId, app.region, input.clientIp ?? null);
  if (scopeDenial !== null) return scopeDenial;
  if (!matchesSelector(credential.selector, app.labels)) {
    return deny(
      'selector_miss',
      403,
      `the token's selector ${printSelector(credential.selector)} does not match this app`,
    );
  }
  if (!roleAllows(credential.role, action)) return DENY_MANAGE_READ_ONLY;
  return ALLOW;
}

/**
 * May `credential` create an app in `projectId`/`region`? A token must be an operator token of
 * that project and region. There is no selector check: the new app receives the equality
 * labels of the token's selector, which is the caller's job, so it lands inside the token's scope.
 */
export function authorizeAppCreate(input: {
  credential: AuthCredential | null;
  projectId: string;
  region: string;
  clientIp?: string | null;
}): Decision {
  const { credential } = input;
  if (credential === null) return DENY_NO_CREDENTIAL;

  if (credential.kind === 'user') {
    return credential.projectIds.has(input.projectId) ? ALLOW : DENY_NOT_MEMBER_CREATE;
  }

  const scopeDenial = checkTokenScope(credential, input.projectId, input.region, input.clientIp ?? null);
  if (scopeDenial !== null) return scopeDenial;
  if (credential.role !== 'operator') return DENY_CREATE_READ_ONLY;
  return ALLOW;
}

/**
 * May `credential` manage the tokens of `projectId`? Only a member signed in to
 * the panel: a token that could mint tokens would outlive its own revocation.
 */
export function authorizeTokenAdmin(input: { credential: AuthCredential | null; projectId: string }): Decision {
  const { credential } = input;
  if (credential === null) return DENY_NO_CREDENTIAL;
  if (credential.kind === 'token') return DENY_TOKEN_MANAGES_TOKENS;
  return credential.projectIds.has(input.projectId) ? ALLOW : DENY_NOT_MEMBER_CREATE;
}

/** May `credential` list and create projects of its own? A signed-in user may; an app token never. */
export function authorizeProjectAdmin(credential: AuthCredential | null): Decision {
  if (credential === null) return DENY_NO_CREDENTIAL;
  return credential.kind === 'token' ? DENY_TOKEN_MANAGES_PROJECTS : ALLOW;
}
