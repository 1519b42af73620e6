// Server-sent events, read from a fetch() body (EventSource cannot send the
// panel's project header, nor be aborted on our terms). The WHATWG rules:
// lines end in \n, \r\n or \r; `:` starts a comment; `field: value` with one
// optional space; data lines join with \n; a blank line dispatches the event.

export interface SseEvent {
  /** `message` when the event named none. */
  event: string;
  data: string;
  id?: string;
}

export interface SseParser {
  /** Feeds decoded text; calls `onEvent` for each complete event in it. */
  push(text: string): void;
}

export function createSseParser(onEvent: (event: SseEvent) => void): SseParser {
  let pending = '';
  // A \r at the end of a chunk may be the first half of \r\n.
  let skipLeadingNewline = false;
  let event = '';
  let data: string[] = [];
  let hasData = false;
  let id: string | undefined;

  function line(text: string) {
    if (text === '') {
      if (hasData) onEvent({ event: event || 'message', data: data.join('\n'), ...(id !== undefined ? { id } : {}) });
      event = '';
      data = [];
      hasData = false;
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') {
      data.push(value);
      hasData = true;
    } else if (field === 'id' && !value.includes('\0')) id = value;
  }

  return {
    push(text) {
      let chunk = text;
      if (skipLeadingNewline && chunk.startsWith('\n')) chunk = chunk.slice(1);
      skipLeadingNewline = false;
      pending += chunk;
      let start = 0;
      for (let i = 0; i < pending.length; i++) {
        const c = pending.charCodeAt(i);
        if (c !== 10 && c !== 13) continue;
        line(pending.slice(start, i));
        if (c === 13) {
          if (i + 1 === pending.length) skipLeadingNewline = true;
          else if (pending.charCodeAt(i + 1) === 10) i++;
        }
        start = i + 1;
      }
      pending = pending.slice(start);
    },
  };
}
