import { MAX_LABELS, validateLabelKey, validateLabelValue } from '@/lib/labels/label-rules';
import { isReservedLabelKey } from '@/lib/labels/platform-labels';

export interface LabelRow {
  id: number;
  key: string;
  value: string;
}

export interface LabelRowCheck {
  keyError: string | null;
  valueError: string | null;
}

/** One sentence for an ovh/ key, said the same way in New app and on the app's page. */
export const PLATFORM_LABEL_ERROR = 'ovh/ labels are set by the platform and cannot be changed';

/** `ovh/id`, `ovh/type`…: Tollgate's own labels, never the user's to set. */
export function isPlatformLabel(key: string): boolean {
  return isReservedLabelKey(key);
}

const blank = (row: LabelRow) => row.key === '' && row.value === '';

/**
 * Kubernetes' rules on each row as it is typed, plus duplicates and ovh/ keys;
 * blank rows are ignored. An ovh/ key is refused here as on the details page
 * (the server would silently replace it), so the two screens agree.
 */
export function checkLabelRows(rows: readonly LabelRow[]): LabelRowCheck[] {
  const seen = new Map<string, number>();
  return rows.map((row, index) => {
    if (blank(row)) return { keyError: null, valueError: null };
    let keyError = row.key === '' ? 'enter a key, such as group' : isPlatformLabel(row.key) ? PLATFORM_LABEL_ERROR : validateLabelKey(row.key);
    const first = seen.get(row.key);
    if (keyError === null && first !== undefined) keyError = `same key as label ${first + 1}`;
    if (first === undefined) seen.set(row.key, index);
    return { keyError, valueError: validateLabelValue(row.value) };
  });
}

export function labelRowsValid(checks: readonly LabelRowCheck[], rows: readonly LabelRow[]): boolean {
  return checks.every((c) => c.keyError === null && c.valueError === null) && rows.filter((r) => !blank(r)).length <= MAX_LABELS;
}

/** The rows as a labels object, blank rows left out. */
export function rowsToLabels(rows: readonly LabelRow[]): Record<string, string> {
  return Object.fromEntries(rows.filter((row) => !blank(row)).map((row) => [row.key, row.value]));
}
