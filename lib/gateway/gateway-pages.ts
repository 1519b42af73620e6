import { createHash } from 'node:crypto';

// The app host's own pages, in the panel's look. Plain strings: the gateway
// does not load React or Next.

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
*{box-sizing:border-box}body{margin:0;font-family:ui-sans-serif,system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;background:#f8fafc;color:#0f172a}
header{background:#000e9c;color:#fff;padding:12px 24px;font-weight:600}
main{max-width:420px;margin:64px auto;padding:0 16px}
.card{background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:24px;box-shadow:0 1px 2px rgba(0,0,0,.05)}
h1{font-size:20px;margin:0 0 4px;overflow-wrap:break-word}p{color:#475569;font-size:14px;line-height:1.5}
label{display:block;font-size:14px;font-weight:500;margin:16px 0 4px}
input{width:100%;padding:8px 12px;border:1px solid #64748b;border-radius:6px;font:14px ui-monospace,monospace}
input[aria-invalid=true]{border-color:#dc2626}
input:focus-visible,button:focus-visible{outline:2px solid #0050d7;outline-offset:2px}
button{margin-top:16px;width:100%;padding:9px 16px;border:0;border-radius:6px;background:#0050d7;color:#fff;font-weight:600;font-size:15px;cursor:pointer}
a.button{display:block;margin-top:16px;padding:9px 16px;border-radius:6px;background:#0050d7;color:#fff;font-weight:600;font-size:15px;text-align:center;text-decoration:none}a.button:hover{background:#0040ad}a.button:focus-visible{outline:2px solid #0050d7;outline-offset:2px}.or{margin:12px 0 0;font-size:13px}
button:hover{background:#0040ad}button.secondary{background:#fff;color:#0050d7;border:1px solid #0050d7}
button.link{width:auto;margin:0;padding:0;background:none;color:#0050d7;font-size:14px;font-weight:500;text-decoration:underline}
.error{background:#fef2f2;color:#b91c1c;border-radius:6px;padding:8px 12px;font-size:14px;margin-top:12px}
.signout{margin-top:20px;padding-top:16px;border-top:1px solid #e2e8f0;color:#475569;font-size:14px}
code{font-size:12px;word-break:break-all;color:#334155}`;

// Reveals the token form on "Sign in with a token"; without script the form
// shows at once. With an error the form is shown and the field focused.
const SCRIPT = `document.getElementById('reveal').addEventListener('click',function(){document.getElementById('token-form').hidden=false;this.hidden=true;document.getElementById('token').focus();});document.getElementById('token-form').hidden=!document.querySelector('.error');document.getElementById('reveal').hidden=!!document.querySelector('.error');if(document.querySelector('.error'))document.getElementById('token').focus();`;
const SCRIPT_HASH = createHash('sha256').update(SCRIPT).digest('base64');

/** A strict policy: nothing loads from anywhere, the one inline script is pinned by hash. */
export const PAGE_CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${SCRIPT_HASH}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

function layout(title: string, body: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">${head}<title>${escapeHtml(title)} · Tollgate</title><style>${STYLE}</style></head><body><header>Tollgate · AI Deploy</header><main>${body}</main></body></html>`;
}

// A person who opened the app with one token and needs another (or is done)
// ends the gate session here; the gateway answers with the sign-in page.
const SIGN_OUT = `<form class="signout" method="post" action="/__tollgate/logout">Signed in with another token? <button type="submit" class="link">Sign out of this app</button></form>`;

/**
 * "Sign in with a token": the app's name (when the caller knows it) and id, the
 * token form, and Sign out. With `panelSignIn` (the app lets the panel's
 * members in), members can sign in with their Tollgate account instead.
 */
export function loginPage(options: { appId: string; appName?: string; next: string; error?: string; panelSignIn?: string }): string {
  const name = options.appName ? escapeHtml(options.appName) : null;
  const invalid = options.error ? ` aria-invalid="true" aria-describedby="token-error" autofocus` : '';
  const error = options.error ? `<p class="error" id="token-error" role="alert">${escapeHtml(options.error)}</p>` : '';
  return layout(
    name ? `Sign in to ${options.appName}` : 'Sign in with a token',
    `<div class="card"><h1>${name ? `Sign in to ${name}` : 'Sign in with a token'}</h1><p>This app is protected. Sign in with an app token that grants access to it.</p><p>App ID <code>${escapeHtml(options.appId)}</code></p>
${options.panelSignIn ? `<a class="button" href="${escapeHtml(options.panelSignIn)}">Sign in with Tollgate</a><p class="or">Members of the app's project. Or:</p>` : ''}
<button type="button" id="reveal" class="secondary">Sign in with a token</button>
<form id="token-form" method="post" action="/__tollgate/login">
<label for="token">Token</label><input id="token" name="token" type="password" autocomplete="off" spellcheck="false" required placeholder="tg_…"${invalid}>${error}
<input type="hidden" name="next" value="${escapeHtml(options.next)}">
<button type="submit">Sign in</button></form>${SIGN_OUT}</div><script>${SCRIPT}</script>`,
  );
}

/**
 * The gateway's other pages (403, 404, 503…). `refreshSeconds` reloads the page
 * by itself (a stopped app's 503 with Retry-After: the user need not press
 * reload); a <meta> refresh needs no script, so the CSP stays as it is.
 */
export function messagePage(title: string, message: string, options: { refreshSeconds?: number; appName?: string; signOut?: boolean } = {}): string {
  const refresh = options.refreshSeconds ? `<meta http-equiv="refresh" content="${Math.max(1, Math.round(options.refreshSeconds))}">` : '';
  const retrying = options.refreshSeconds ? `<p>This page tries again by itself every ${Math.max(1, Math.round(options.refreshSeconds))} seconds.</p>` : '';
  const app = options.appName ? `<p>App <strong>${escapeHtml(options.appName)}</strong></p>` : '';
  return layout(title, `<div class="card"><h1>${escapeHtml(title)}</h1>${app}<p>${escapeHtml(message)}</p>${retrying}${options.signOut === false ? '' : SIGN_OUT}</div>`, refresh);
}
