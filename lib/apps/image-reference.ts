// Docker image references, with the grammar of the distribution project's
// `reference` package (what `docker pull` accepts): an optional registry host
// and port, a lowercase repository path, an optional tag, an optional digest.

const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';

const NAME = new RegExp(`^(?:(${HOST}(?::[0-9]+)?)/)?(${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)$`);
const MAX_NAME_LENGTH = 255;

export interface ImageReference {
  /** Registry host[:port], when named. */
  domain: string | null;
  /** Repository path (`library/nginx`, `org/demo`). */
  path: string;
  tag: string | null;
  digest: string | null;
}

/** The reference's parts, or a message saying what is wrong with it. */
export function parseImageReference(reference: string): ImageReference | { problem: string } {
  if (reference === '') return { problem: 'Image is required' };
  if (/\s/.test(reference)) return { problem: 'An image reference cannot contain spaces' };
  let rest = reference;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!new RegExp(`^${DIGEST}$`).test(digest)) return { problem: `"${digest}" is not a digest (expected algorithm:hex, e.g. sha256:…)` };
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  // A colon after the last slash starts a tag; before it, it is a registry port.
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!new RegExp(`^${TAG}$`).test(tag)) return { problem: `"${tag}" is not a valid tag (letters, digits, "_", "." and "-", at most 128)` };
  }
  if (rest.length > MAX_NAME_LENGTH) return { problem: `The image name must be ${MAX_NAME_LENGTH} characters or less` };
  const match = NAME.exec(rest);
  if (!match) {
    return /[A-Z]/.test(rest.slice(rest.indexOf('/') + 1))
      ? { problem: 'The repository name must be lowercase' }
      : { problem: `"${rest}" is not a valid image name (e.g. nginx, ghcr.io/org/demo:1.2)` };
  }
  // A first component with no dot, colon or "localhost" is a Docker Hub namespace, not a registry.
  let domain = match[1] ?? null;
  let path = match[2]!;
  if (domain !== null && !/[.:]/.test(domain) && domain !== 'localhost' && !domain.startsWith('[')) {
    if (domain !== domain.toLowerCase()) return { problem: 'The repository name must be lowercase' };
    path = `${domain}/${path}`;
    domain = null;
  }
  return { domain, path, tag, digest };
}
