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
export function consentPage(state: string, kind: IntegrationKind, orgName: string, back: { redirectUri?: string; returnsTo?: string } = {}): string {
  const provider = PROVIDERS[kind].displayName;
  const redirect = back.redirectUri === undefined ? '' : `\n<input type="hidden" name="redirect_uri" value="${escapeHtml(back.redirectUri)}">`;
  const returns = back.returnsTo === undefined ? '' : ` Either way you return to ${escapeHtml(back.returnsTo)}.`;
  return page(
    `Authorize ${provider}`,
    `<h1>Allow Flowyte to access your ${escapeHtml(provider)} account?</h1>
<p>Organization <strong>${escapeHtml(orgName)}</strong> is connecting ${escapeHtml(provider)}.${returns}</p>
<form method="post" action="/__mock/oauth/consent">
<input type="hidden" name="state" value="${escapeHtml(state)}">${redirect}
<input type="hidden" name="popup" value="">
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>
<p class="note">flowyte-contract mock: no real ${escapeHtml(provider)} account is involved.</p>
<script>if (window.opener) document.querySelector('input[name=popup]').value = '1';</script>`,
  );
}

/**
 * After the decision. `notify` is for a page opened as a popup: a fixed script posts
 * `{type: 'flowyte-oauth', status, kind}` to the opener, only to `targetOrigin`, and closes the window; its
 * values travel in escaped data attributes, so nothing from a request is ever read as script. `back` is a
 * link to the app for when the window cannot close.
 */
export function decisionPage(kind: IntegrationKind, approved: boolean, notify?: { targetOrigin: string; back?: string }): string {
  const provider = PROVIDERS[kind].displayName;
  const outcome = approved
    ? `<h1>${escapeHtml(provider)} is connected.</h1><p>You can close this window.</p>`
    : `<h1>${escapeHtml(provider)} was not connected.</h1><p>You denied access. You can close this window.</p>`;
  if (!notify) return page(approved ? 'Connected' : 'Not connected', outcome);
  const link = notify.back === undefined ? '' : `<p><a href="${escapeHtml(notify.back)}">Back to the app</a></p>`;
  return page(
    approved ? 'Connected' : 'Not connected',
    `${outcome}${link}
<div id="outcome" data-status="${approved ? 'connected' : 'denied'}" data-kind="${escapeHtml(kind)}" data-target="${escapeHtml(notify.targetOrigin)}"></div>
<script>
(function () {
  var outcome = document.getElementById('outcome').dataset;
  if (!window.opener) return;
  window.opener.postMessage({ type: 'flowyte-oauth', status: outcome.status, kind: outcome.kind }, outcome.target);
  window.close();
})();
</script>`,
  );
}

export function unknownConsentPage(): string {
  return page('Authorization expired', '<h1>This authorization request is unknown or was already used.</h1><p>Start the connection again.</p>');
}

/** A return address the mock will not send the browser to: said on the page, since a browser shows it. */
export function badReturnPage(reason: string): string {
  return page('Bad return address', `<h1>This authorization cannot return to the app.</h1><p>${escapeHtml(reason)} Only http and https addresses are accepted.</p>`);
}
