/** An app's labels, the platform's ovh/* ones included. */
export type Labels = Readonly<Record<string, string>>;

/**
 * Labels as read from the database's JSON column. Every write goes through the
 * label rules, so this only guards the type: a row that is not a flat object
 * of strings is a bug, and fails loudly rather than matching selectors wrongly.
 */
export function asLabels(json: unknown): Labels {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new TypeError('labels must be an object');
  for (const key in json) {
    if (typeof (json as Record<string, unknown>)[key] !== 'string') throw new TypeError(`label ${key} must be a string`);
  }
  return json as Labels;
}
