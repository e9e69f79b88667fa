/**
 * Cuts a streaming markdown text into pieces that can be rendered once and never
 * again, so that rendering while streaming stays linear in the answer's length.
 *
 * The splitter reads each complete line once. Outside code fences it cuts after a
 * blank line (finished blocks), before a fence, and — so that a paragraph or list that
 * never ends cannot grow the re-rendered tail without bound — at a line start once the
 * run is long (FORCE_CUT), or anywhere on a line once it is very long (HARD_CUT).
 * Inside a fence the code is handed out as segments of whole lines, so an open fence
 * is appended to rather than re-rendered. Every cut depends only on the text, never on
 * how it arrived: the same answer streamed or delivered whole is cut the same way.
 */

/** A run of markdown this long without a blank line is cut at the next safe line start. */
export const FORCE_CUT = 4096;
/** Past this, a run is cut at the next line end, and a line this long inside itself. */
export const HARD_CUT = 16384;
/** Code inside a fence is handed out in segments of about this many characters of whole lines. */
export const CODE_SEGMENT = 4096;

const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/;

export interface OpenFence {
  /** Spaces before the opening marker: markdown-it removes up to this many from each code line. */
  indent: number;
  marker: string;
  info: string;
  /** Where the fence's opening line starts. */
  start: number;
}

export type Piece =
  /** Finished markdown blocks: text.slice(from, to). */
  | { kind: 'markdown'; from: number; to: number }
  /** A fence opened (its first line is text.slice(from, to)). */
  | { kind: 'open'; fence: OpenFence; from: number; to: number }
  /** Whole lines of code inside the open fence, as written (indent not yet removed). */
  | { kind: 'code'; from: number; to: number }
  /** The open fence closed: its closing line (empty when the text ended inside the fence). */
  | { kind: 'close'; fence: OpenFence; from: number; to: number };

/** A line that opens a fence, or undefined. A backtick fence's info may not contain backticks (CommonMark). */
export function fenceOpener(line: string, start: number): OpenFence | undefined {
  const match = FENCE.exec(line);
  if (!match) return undefined;
  const info = match[3].trim();
  if (match[2][0] === '`' && info.includes('`')) return undefined;
  return { indent: match[1].length, marker: match[2], info, start };
}

function closes(fence: OpenFence, line: string): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
  return match !== null && match[1][0] === fence.marker[0] && match[1].length >= fence.marker.length;
}

/**
 * A forced cut may go before the line at `at`: it starts a block of its own, not a continuation,
 * a table row or a setext underline. False also when too little of it has arrived to tell; the
 * splitter then waits, so the cut does not depend on how the text arrived.
 */
function safeLineStart(text: string, at: number): boolean {
  const end = text.indexOf('\n', at);
  const head = text.slice(at, Math.min(end < 0 ? text.length : end, at + 4));
  if (head.length < 2 && end < 0) return false;
  const first = head[0];
  if (first === ' ' || first === '\t' || first === '|' || first === '=' || first === '\n') return false;
  // "--" or "==" may underline the line before (a setext heading); "- x" is a list item.
  if (first === '-' && head[1] !== ' ') return false;
  return true;
}

/** Where to cut a line that is too long: after the last space in its first HARD_CUT characters, never inside a surrogate pair. */
function cutInsideLine(text: string, from: number): number {
  const limit = from + HARD_CUT;
  const space = text.lastIndexOf(' ', limit - 1);
  let at = space > from + HARD_CUT / 2 ? space + 1 : limit;
  const code = text.charCodeAt(at - 1);
  if (code >= 0xd800 && code <= 0xdbff) at--;
  return at;
}

export class BlockSplitter {
  /** Start of the first line not yet handed out. */
  private pos = 0;
  private fence: OpenFence | undefined;

  /** Everything before this offset has been handed out as pieces. */
  get done(): number {
    return this.pos;
  }

  /** The open fence, while the text so far ends inside one. */
  get openFence(): OpenFence | undefined {
    return this.fence;
  }

  /**
   * The next piece of `text`, or undefined when what remains is unfinished.
   * `final` means the text is complete: its last line counts as ended, and an open fence is closed at the end.
   */
  next(text: string, final = false): Piece | undefined {
    return this.fence ? this.nextCode(text, this.fence, final) : this.nextMarkdown(text, final);
  }

  private nextMarkdown(text: string, final: boolean): Piece | undefined {
    const from = this.pos;
    let at = from;
    for (;;) {
      if (at - from >= HARD_CUT) return this.markdown(from, at);
      const newline = text.indexOf('\n', at);
      const contentEnd = newline >= 0 ? newline : text.length;
      // A line too long to re-render every frame is cut inside, so the tail stays bounded.
      if (contentEnd - at > HARD_CUT) return this.markdown(from, at > from ? at : cutInsideLine(text, at));
      if (newline < 0 && !(final && at < text.length)) return final && at > from ? this.markdown(from, at) : undefined;
      const end = newline >= 0 ? newline + 1 : text.length;
      const line = text.slice(at, contentEnd).replace(/\r$/, '');
      const fence = fenceOpener(line, at);
      if (fence) {
        if (at > from) return this.markdown(from, at);
        this.fence = fence;
        this.pos = end;
        return { kind: 'open', fence, from, to: end };
      }
      at = end;
      if (line.trim() === '') return this.markdown(from, at);
      if (at - from >= FORCE_CUT && safeLineStart(text, at)) return this.markdown(from, at);
    }
  }

  private markdown(from: number, to: number): Piece {
    this.pos = to;
    return { kind: 'markdown', from, to };
  }

  private nextCode(text: string, fence: OpenFence, final: boolean): Piece | undefined {
    const from = this.pos;
    let at = from;
    for (;;) {
      if (at - from >= CODE_SEGMENT) return this.code(from, at);
      const newline = text.indexOf('\n', at);
      const contentEnd = newline >= 0 ? newline : text.length;
      // A single enormous line of code is handed out in pieces too.
      if (contentEnd - at > HARD_CUT) return this.code(from, at > from ? at : cutInsideLine(text, at));
      if (newline < 0 && !(final && at < text.length)) {
        if (!final) return undefined;
        // The text ended inside the fence: markdown closes it at the end.
        return at > from ? this.code(from, at) : this.close(fence, at, at);
      }
      const end = newline >= 0 ? newline + 1 : text.length;
      if (closes(fence, text.slice(at, contentEnd).replace(/\r$/, ''))) return at > from ? this.code(from, at) : this.close(fence, at, end);
      at = end;
    }
  }

  private code(from: number, to: number): Piece {
    this.pos = to;
    return { kind: 'code', from, to };
  }

  private close(fence: OpenFence, from: number, to: number): Piece {
    this.fence = undefined;
    this.pos = to;
    return { kind: 'close', fence, from, to };
  }
}
