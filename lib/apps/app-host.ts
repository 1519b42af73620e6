export interface AppHost {
  /** The first DNS label: an app id candidate (not yet checked). */
  appId: string;
  /** Region code, upper case, as the host spells it. */
  region: string;
}

/**
 * Recognises `<appId>.app.<region>.<baseDomain>[:port]`. Anything else is a
 * panel host. The check is string slicing only: it runs on every request.
 */
export function parseAppHost(hostHeader: string | undefined, baseDomain: string): AppHost | null {
  if (!hostHeader) return null;
  let host = hostHeader.toLowerCase();
  const colon = host.lastIndexOf(':');
  if (colon !== -1 && !host.endsWith(']')) host = host.slice(0, colon);
  if (host.endsWith('.')) host = host.slice(0, -1);
  const suffix = '.' + baseDomain;
  if (!host.endsWith(suffix)) return null;
  const parts = host.slice(0, -suffix.length).split('.');
  if (parts.length !== 3 || parts[1] !== 'app' || !parts[0] || !parts[2]) return null;
  return { appId: parts[0], region: parts[2].toUpperCase() };
}

/** The URL an app is reached at: its host under the panel's domain, with the panel's scheme and port. */
export function appUrl(options: { appId: string; region: string; panelOrigin: string }) {
  const panel = new URL(options.panelOrigin);
  return `${panel.protocol}//${options.appId}.app.${options.region.toLowerCase()}.${panel.host}/`;
}
