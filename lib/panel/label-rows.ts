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
  /** An ovh/ key: not an error, the platform replaces it on submission. */
  reserved: boolean;
}

const blank = (row: LabelRow) => row.key === '' && row.value === '';

/** Kubernetes' rules on each row as it is typed, plus duplicates; blank rows are ignored. */
export function checkLabelRows(rows: readonly LabelRow[]): LabelRowCheck[] {
  const seen = new Map<string, number>();
  return rows.map((row, index) => {
    if (blank(row)) return { keyError: null, valueError: null, reserved: false };
    let keyError = validateLabelKey(row.key);
    const first = seen.get(row.key);
    if (keyError === null && first !== undefined) keyError = `same key as label ${first + 1}`;
    if (first === undefined) seen.set(row.key, index);
    return { keyError, valueError: validateLabelValue(row.value), reserved: keyError === null && isReservedLabelKey(row.key) };
  });
}

export function labelRowsValid(checks: readonly LabelRowCheck[], rows: readonly LabelRow[]): boolean {
  return checks.every((c) => c.keyError === null && c.valueError === null) && rows.filter((r) => !blank(r)).length <= MAX_LABELS;
}

/** The rows as a labels object, blank rows left out. */
export function rowsToLabels(rows: readonly LabelRow[]): Record<string, string> {
  return Object.fromEntries(rows.filter((row) => !blank(row)).map((row) => [row.key, row.value]));
}
