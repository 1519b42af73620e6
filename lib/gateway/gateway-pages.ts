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
h1{font-size:20px;margin:0 0 4px}p{color:#475569;font-size:14px;line-height:1.5}
label{display:block;font-size:14px;font-weight:500;margin:16px 0 4px}
input{width:100%;padding:8px 12px;border:1px solid #cbd5e1;border-radius:6px;font:14px ui-monospace,monospace}
button{margin-top:16px;width:100%;padding:9px 16px;border:0;border-radius:6px;background:#0050d7;color:#fff;font-weight:600;font-size:15px;cursor:pointer}
button:hover{background:#0040ad}button.secondary{background:#fff;color:#0050d7;border:1px solid #0050d7}
.error{background:#fef2f2;color:#b91c1c;border-radius:6px;padding:8px 12px;font-size:14px;margin-top:12px}
code{font-size:12px;word-break:break-all;color:#334155}`;

// Reveals the token form when "Login with token" is clicked; without script the form shows at once.
const SCRIPT = `document.getElementById('reveal').addEventListener('click',function(){document.getElementById('token-form').hidden=false;this.hidden=true;document.getElementById('token').focus();});document.getElementById('token-form').hidden=!document.querySelector('.error');document.getElementById('reveal').hidden=!!document.querySelector('.error');`;
const SCRIPT_HASH = createHash('sha256').update(SCRIPT).digest('base64');

/** A strict policy: nothing loads from anywhere, the one inline script is pinned by hash. */
export const PAGE_CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${SCRIPT_HASH}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><header>Tollgate · AI Deploy</header><main>${body}</main></body></html>`;
}

export function loginPage(options: { appId: string; next: string; error?: string }): string {
  const error = options.error ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>` : '';
  return layout(
    'Login with token',
    `<div class="card"><h1>Login</h1><p>This app is protected. Sign in with an app token that grants access to it.</p><p><code>${escapeHtml(options.appId)}</code></p>
<button type="button" id="reveal" class="secondary">Login with token</button>
<form id="token-form" method="post" action="/__tollgate/login">${error}
<label for="token">Token</label><input id="token" name="token" type="password" autocomplete="off" spellcheck="false" required placeholder="tg_…">
<input type="hidden" name="next" value="${escapeHtml(options.next)}">
<button type="submit">Connect</button></form></div><script>${SCRIPT}</script>`,
  );
}

export function messagePage(title: string, message: string): string {
  return layout(title, `<div class="card"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></div>`);
}
