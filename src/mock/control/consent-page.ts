import { PROVIDERS } from '../catalog.js';
import type { IntegrationKind } from '../types.js';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem;color:#1f2328}
h1{font-size:1.3rem}.note{color:#59636e;font-size:.9rem}button{font-size:1rem;padding:.5rem 1.2rem;margin-right:.5rem;border-radius:6px;border:1px solid #d1d9e0;cursor:pointer}
button[value=approve]{background:#1f883d;color:#fff;border-color:#1f883d}</style></head>
<body>${body}</body></html>`;
}

/** The mock's stand-in for a provider's OAuth consent screen. */
export function consentPage(state: string, kind: IntegrationKind, orgName: string): string {
  const provider = PROVIDERS[kind].displayName;
  return page(
    `Authorize ${provider}`,
    `<h1>Allow Flowyte to access your ${escapeHtml(provider)} account?</h1>
<p>Organization <strong>${escapeHtml(orgName)}</strong> is connecting ${escapeHtml(provider)}.</p>
<form method="post" action="/__mock/oauth/consent">
<input type="hidden" name="state" value="${escapeHtml(state)}">
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>
<p class="note">flowyte-contract mock: no real ${escapeHtml(provider)} account is involved.</p>`,
  );
}

export function decisionPage(kind: IntegrationKind, approved: boolean): string {
  const provider = PROVIDERS[kind].displayName;
  return approved
    ? page('Connected', `<h1>${escapeHtml(provider)} is connected.</h1><p>You can close this window.</p>`)
    : page('Not connected', `<h1>${escapeHtml(provider)} was not connected.</h1><p>You denied access. You can close this window.</p>`);
}

export function unknownConsentPage(): string {
  return page('Authorization expired', '<h1>This authorization request is unknown or was already used.</h1><p>Start the connection again.</p>');
}
