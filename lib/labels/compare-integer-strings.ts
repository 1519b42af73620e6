// Integer comparison for the selector operators `>` and `<`, with Go's strconv.ParseInt(s, 10, 64)
// as the definition of "an integer" (optional sign, decimal digits, 64-bit range), as Kubernetes
// uses. Values beyond 2^53 must still compare exactly, so digits are compared as text rather than
// converted to numbers; and this runs per gateway request, so it allocates nothing.

const INT64_MAX_MAGNITUDE = '9223372036854775807';
const INT64_MIN_MAGNITUDE = '9223372036854775808';

// Results of the last scanInt64 call. Module state instead of a returned object keeps the hot path
// allocation-free; it is safe because nothing runs between a scan and the reads that follow it.
let scannedNegative = false;
let scannedStart = 0;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Whether `s` is an int64; on success sets the sign and where its significant digits start. */
function scanInt64(s: string): boolean {
  const length = s.length;
  let i = 0;
  let negative = false;
  const first = s.charCodeAt(0);
  if (first === 43 /* + */ || first === 45 /* - */) {
    negative = first === 45;
    i = 1;
  }
  if (i >= length) return false;
  for (let j = i; j < length; j++) {
    if (!isDigit(s.charCodeAt(j))) return false;
  }
  while (i < length - 1 && s.charCodeAt(i) === 48) i++;
  const digits = length - i;
  if (digits > 19) return false;
  if (digits === 19) {
    const limit = negative ? INT64_MIN_MAGNITUDE : INT64_MAX_MAGNITUDE;
    for (let k = 0; k < 19; k++) {
      const diff = s.charCodeAt(i + k) - limit.charCodeAt(k);
      if (diff < 0) break;
      if (diff > 0) return false;
    }
  }
  // "-0" is zero, not a negative number.
  scannedNegative = negative && !(digits === 1 && s.charCodeAt(i) === 48);
  scannedStart = i;
  return true;
}

/** Whether Kubernetes would accept `s` as the integer operand of `>` or `<`. */
export function isInt64String(s: string): boolean {
  return scanInt64(s);
}

/**
 * Sign of a - b for two int64 strings (-1, 0 or 1), or NaN when either is not one: NaN makes both
 * `> 0` and `< 0` false, which is exactly how Kubernetes treats a non-integer label value.
 */
export function compareIntegerStrings(a: string, b: string): number {
  if (!scanInt64(a)) return NaN;
  const aNegative = scannedNegative;
  const aStart = scannedStart;
  if (!scanInt64(b)) return NaN;
  const bNegative = scannedNegative;
  const bStart = scannedStart;

  if (aNegative !== bNegative) return aNegative ? -1 : 1;
  let magnitude = 0;
  const aDigits = a.length - aStart;
  const bDigits = b.length - bStart;
  if (aDigits !== bDigits) {
    magnitude = aDigits < bDigits ? -1 : 1;
  } else {
    for (let k = 0; k < aDigits; k++) {
      const diff = a.charCodeAt(aStart + k) - b.charCodeAt(bStart + k);
      if (diff !== 0) {
        magnitude = diff < 0 ? -1 : 1;
        break;
      }
    }
  }
  // Written out rather than `-magnitude`, which would turn 0 into -0.
  if (aNegative && magnitude !== 0) return -magnitude;
  return magnitude;
}
