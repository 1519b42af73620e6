// Apps print colours with ANSI escape sequences (`\x1b[31m` red, `\x1b[1m`
// bold, `\x1b[0m` reset). The log viewer renders the SGR ones (colours, bold,
// dim, italic, underline, inverse) as Tailwind classes — never inline styles,
// which the panel's CSP refuses — and drops every other escape sequence and
// control character, so none is ever shown raw.
//
// Colours map onto the 16 terminal colours: 256-colour and 24-bit ones are
// brought to the nearest of them, which keeps the palette readable on the
// viewer's dark background.

export interface AnsiStyle {
  /** 0–15, or null for the default colour. */
  fg: number | null;
  bg: number | null;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
  inverse: boolean;
}

export interface AnsiSegment {
  text: string;
  /** null: the default style. */
  style: AnsiStyle | null;
}

const PLAIN: AnsiStyle = { fg: null, bg: null, bold: false, dim: false, italic: false, underline: false, inverse: false };

// ESC [ params intermediates final (CSI); ESC ] … BEL|ESC \ (OSC); ESC P/X/^/_ … ESC \ (DCS and
// friends); a two-byte escape; the 8-bit CSI (0x9b). Unterminated ones are dropped to the end.
// eslint-disable-next-line no-control-regex
const ESCAPE = /\x1b\[([0-?]*)[ -/]*([@-~])|\x9b([0-?]*)[ -/]*([@-~])|(?:\x1b\[|\x9b)[0-?]*[ -/]*$|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\|$)|\x1b[PX^_][^\x1b]*(?:\x1b\\|$)|\x1b[ -/]*[0-~]?/g;
// C0 and C1 controls other than tab (a line has no newline), and DEL.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/g;

/** True when `text` holds anything parseAnsi would change. */
export function hasEscapes(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\x00-\x08\x0a-\x1f\x7f-\x9f]/.test(text);
}

/** The text without escape sequences or control characters (for search, copy and download). */
export function stripAnsi(text: string): string {
  if (!hasEscapes(text)) return text;
  return text.replace(ESCAPE, '').replace(CONTROLS, '');
}

/**
 * For a terminal: the SGR sequences (colours, bold) kept, every other escape
 * sequence and control character removed (an app's output must not move the
 * cursor, retitle the window or write the clipboard of whoever reads it), and
 * a reset at the end when a style was set, so it does not bleed into the next line.
 */
export function keepSgrOnly(text: string): string {
  if (!hasEscapes(text)) return text;
  let styled = false;
  const out = text
    .replace(ESCAPE, (sequence, params: string | undefined, final: string | undefined) => {
      if (final === 'm' && params !== undefined && sequence.startsWith('\x1b[')) {
        styled = true;
        return `\x1b[${params}m`;
      }
      return '';
    })
    // Every control but tab and the ESC of the sequences kept (any other ESC went with its sequence).
    // eslint-disable-next-line no-control-regex
    .replace(/[\x00-\x08\x0a-\x1a\x1c-\x1f\x7f-\x9f]/g, '');
  return styled ? `${out}\x1b[0m` : out;
}

/** Splits `text` into runs of one style each; escape sequences are consumed, never kept in the text. */
export function parseAnsi(text: string): AnsiSegment[] {
  if (!hasEscapes(text)) return text === '' ? [] : [{ text, style: null }];
  const segments: AnsiSegment[] = [];
  let style = PLAIN;
  let last = 0;
  const push = (chunk: string) => {
    const clean = chunk.replace(CONTROLS, '');
    if (clean === '') return;
    const current = isPlain(style) ? null : style;
    const previous = segments.at(-1);
    if (previous && sameStyle(previous.style, current)) previous.text += clean;
    else segments.push({ text: clean, style: current });
  };
  for (const match of text.matchAll(ESCAPE)) {
    push(text.slice(last, match.index));
    last = match.index + match[0].length;
    const params = match[1] ?? match[3];
    const final = match[2] ?? match[4];
    if (final === 'm' && params !== undefined) style = applySgr(style, params);
  }
  push(text.slice(last));
  return segments;
}

function isPlain(style: AnsiStyle): boolean {
  return sameStyle(style, PLAIN);
}

function sameStyle(a: AnsiStyle | null, b: AnsiStyle | null): boolean {
  if (a === null || b === null) return a === b;
  return a.fg === b.fg && a.bg === b.bg && a.bold === b.bold && a.dim === b.dim && a.italic === b.italic && a.underline === b.underline && a.inverse === b.inverse;
}

/** Applies one SGR sequence's parameters (`1;31`, `38;5;208`, `38;2;255;0;0`, `38:2::255:0:0`, `` = reset). */
export function applySgr(from: AnsiStyle, params: string): AnsiStyle {
  const groups = params === '' ? [''] : params.split(';');
  const style = { ...from };
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i]!;
    if (group.includes(':')) {
      // ITU form: the group holds its own sub-parameters (38:5:n, 38:2:[space]:r:g:b, 4:0).
      const sub = group.split(':').map((p) => (p === '' ? 0 : Number(p)));
      if ((sub[0] === 38 || sub[0] === 48) && (sub[1] === 5 || sub[1] === 2)) {
        const values = sub[1] === 2 && sub.length >= 6 ? [2, ...sub.slice(3)] : sub.slice(1);
        setExtended(style, sub[0], extendedColour(values, 0).colour);
      } else if (sub[0] === 4) style.underline = sub[1] !== 0;
      continue;
    }
    const code = group === '' ? 0 : Number(group);
    if (code === 0) Object.assign(style, PLAIN);
    else if (code === 1) style.bold = true;
    else if (code === 2) style.dim = true;
    else if (code === 3) style.italic = true;
    else if (code === 4) style.underline = true;
    else if (code === 7) style.inverse = true;
    else if (code === 22) style.bold = style.dim = false;
    else if (code === 23) style.italic = false;
    else if (code === 24) style.underline = false;
    else if (code === 27) style.inverse = false;
    else if (code >= 30 && code <= 37) style.fg = code - 30;
    else if (code >= 90 && code <= 97) style.fg = code - 90 + 8;
    else if (code === 39) style.fg = null;
    else if (code >= 40 && code <= 47) style.bg = code - 40;
    else if (code >= 100 && code <= 107) style.bg = code - 100 + 8;
    else if (code === 49) style.bg = null;
    else if (code === 38 || code === 48) {
      const rest = groups.slice(i + 1).map((p) => (p === '' ? 0 : Number(p)));
      const { colour, used } = extendedColour(rest, 0);
      i += used;
      setExtended(style, code, colour);
    }
  }
  return style;
}

function setExtended(style: AnsiStyle, code: number, colour: number | undefined): void {
  if (colour === undefined) return;
  if (code === 38) style.fg = colour;
  else style.bg = colour;
}

/** `5;n` or `2;r;g;b` after a 38/48, as one of the 16 colours; `used`: how many codes it took. */
function extendedColour(codes: readonly number[], at: number): { colour?: number; used: number } {
  const kind = codes[at];
  if (kind === 5) {
    const n = codes[at + 1];
    return { colour: n === undefined || n > 255 ? undefined : xterm256ToBasic(n), used: 2 };
  }
  if (kind === 2) {
    // 38;2;r;g;b, or 38:2:<colour space>:r:g:b when a colour space id is given.
    const rgb = codes.slice(at + 1, at + 4);
    if (rgb.length < 3) return { used: codes.length - at };
    return { colour: nearestBasic(rgb[0]!, rgb[1]!, rgb[2]!), used: 4 };
  }
  return { used: 0 };
}

// xterm's default RGB for the 16 colours.
const BASIC_RGB: readonly (readonly [number, number, number])[] = [
  [0, 0, 0], [205, 0, 0], [0, 205, 0], [205, 205, 0], [0, 0, 238], [205, 0, 205], [0, 205, 205], [229, 229, 229],
  [127, 127, 127], [255, 0, 0], [0, 255, 0], [255, 255, 0], [92, 92, 255], [255, 0, 255], [0, 255, 255], [255, 255, 255],
];

export function xterm256ToBasic(n: number): number {
  if (n < 16) return n;
  if (n >= 232) {
    const level = 8 + (n - 232) * 10;
    return nearestBasic(level, level, level);
  }
  const cube = [0, 95, 135, 175, 215, 255];
  const i = n - 16;
  return nearestBasic(cube[Math.floor(i / 36)]!, cube[Math.floor(i / 6) % 6]!, cube[i % 6]!);
}

export function nearestBasic(r: number, g: number, b: number): number {
  let best = 0;
  let bestDistance = Infinity;
  BASIC_RGB.forEach(([br, bg, bb], index) => {
    const distance = (r - br) ** 2 + (g - bg) ** 2 + (b - bb) ** 2;
    if (distance < bestDistance) {
      best = index;
      bestDistance = distance;
    }
  });
  return best;
}

// On the viewer's dark (slate-950) background. Literal class names, so Tailwind generates them.
const FG = [
  'text-slate-500', 'text-red-400', 'text-green-400', 'text-yellow-300', 'text-blue-400', 'text-fuchsia-400', 'text-cyan-300', 'text-slate-200',
  'text-slate-400', 'text-red-300', 'text-green-300', 'text-yellow-200', 'text-blue-300', 'text-fuchsia-300', 'text-cyan-200', 'text-white',
] as const;
const BG = [
  'bg-black', 'bg-red-800', 'bg-green-800', 'bg-yellow-700', 'bg-blue-800', 'bg-fuchsia-800', 'bg-cyan-800', 'bg-slate-300',
  'bg-slate-600', 'bg-red-600', 'bg-green-600', 'bg-yellow-500', 'bg-blue-600', 'bg-fuchsia-600', 'bg-cyan-600', 'bg-white',
] as const;
const DEFAULT_FG_AS_BG = 'bg-slate-200';
const DEFAULT_BG_AS_FG = 'text-slate-950';

/** Tailwind classes for a segment's style ('' for the default). */
export function ansiClasses(style: AnsiStyle | null): string {
  if (style === null) return '';
  const classes: string[] = [];
  const fg = style.inverse ? (style.bg === null ? DEFAULT_BG_AS_FG : FG[style.bg]) : style.fg === null ? null : FG[style.fg];
  const bg = style.inverse ? (style.fg === null ? DEFAULT_FG_AS_BG : BG[style.fg]) : style.bg === null ? null : BG[style.bg];
  if (fg) classes.push(fg);
  if (bg) classes.push(bg);
  if (style.bold) classes.push('font-bold');
  if (style.dim) classes.push('opacity-60');
  if (style.italic) classes.push('italic');
  if (style.underline) classes.push('underline');
  return classes.join(' ');
}
