/**
 * The smallest single replacement that turns one text into another. Replacing
 * only the changed middle keeps the user's cursor, folds and markers outside
 * it where they were, which a whole-document replace would not.
 */
export interface OffsetReplace {
  start: number;
  end: number;
  text: string;
}

export function minimalReplace(oldText: string, newText: string): OffsetReplace {
  const limit = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < limit && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < limit - prefix &&
    oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)
  ) {
    suffix++;
  }
  // Never split a surrogate pair: a replacement boundary inside one would corrupt the character.
  if (prefix > 0 && isHighSurrogate(oldText.charCodeAt(prefix - 1))) prefix--;
  if (suffix > 0 && isLowSurrogate(oldText.charCodeAt(oldText.length - suffix))) suffix--;
  // Nor a CRLF: an editor holds it as one line break, so a boundary between \r and \n has no position.
  if (prefix > 0 && oldText[prefix - 1] === '\r' && oldText[prefix] === '\n') prefix--;
  if (suffix > 0 && oldText[oldText.length - suffix] === '\n' && oldText[oldText.length - suffix - 1] === '\r') suffix--;
  return { start: prefix, end: oldText.length - suffix, text: newText.slice(prefix, newText.length - suffix) };
}

/**
 * Line and character of an offset the way an editor counts them: \r\n, \r and \n each end
 * a line and are not part of it, so a position is the same whatever line endings the editor
 * settled on for the file. Built once per text; each lookup is a binary search.
 */
export class LineIndex {
  private readonly starts: number[] = [0];
  private readonly ends: number[] = [];

  constructor(private readonly text: string) {
    const breaks = /\r\n|\r|\n/g;
    for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
      this.ends.push(m.index);
      this.starts.push(m.index + m[0].length);
    }
    this.ends.push(text.length);
  }

  positionAt(offset: number): { line: number; character: number } {
    const at = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] as number) <= at) low = mid;
      else high = mid - 1;
    }
    const start = this.starts[low] as number;
    return { line: low, character: Math.min(at, this.ends[low] as number) - start };
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
