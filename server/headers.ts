/** Security headers for the UI: tight enough to matter, loose enough for the SPA, msw's worker and the relay websocket. */

export function uiSecurityHeaders(host: string): Record<string, string> {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    // React and the mgt web components set inline styles and constructable stylesheets.
    "style-src 'self' 'unsafe-inline'",
    // mgt shows photos as data:/blob: URLs it made from /graph responses.
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // 'self' covers same-origin websockets in current browsers; naming ws:// keeps older ones working.
    `connect-src 'self' ws://${host}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'content-security-policy': csp,
    'x-frame-options': 'DENY',
    // The printed URL may carry the access token: never leak it in a Referer.
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  };
}
