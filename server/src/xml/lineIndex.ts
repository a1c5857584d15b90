/**
 * Offsets ↔ (line, character) over a string, with the line breaks VS Code recognises
 * (LF, CRLF and a lone CR), so positions agree with the editor for any of the three.
 * Characters are UTF-16 code units, as in LSP.
 */
export interface TextPosition {
  line: number;
  character: number;
}

export class LineIndex {
  private startsCache: Int32Array | undefined;
  private countCache = 0;

  private textCache: string | undefined;

  /** Lines are found on first use: a valid 50 MB document never needs them (nor, given a getter, its text). */
  constructor(private readonly source: string | (() => string)) {}

  private get text(): string {
    return (this.textCache ??= typeof this.source === 'string' ? this.source : this.source());
  }

  private get starts(): Int32Array {
    if (!this.startsCache) this.scan();
    return this.startsCache!;
  }

  private get count(): number {
    if (!this.startsCache) this.scan();
    return this.countCache;
  }

  private scan(): void {
    const text = this.text;
    let starts = new Int32Array(Math.max(16, text.length >> 5));
    let count = 1;
    starts[0] = 0;
    const n = text.length;
    let i = 0;
    // Both searches are cached: re-searching for a character the text lacks would make this quadratic.
    let nextLf = text.indexOf('\n');
    let nextCr = text.indexOf('\r');
    while (i < n) {
      if (nextLf >= 0 && nextLf < i) nextLf = text.indexOf('\n', i);
      if (nextCr >= 0 && nextCr < i) nextCr = text.indexOf('\r', i);
      const nl = nextCr < 0 ? nextLf : nextLf < 0 ? nextCr : Math.min(nextCr, nextLf);
      if (nl < 0) break;
      const after = text.charCodeAt(nl) === 13 && text.charCodeAt(nl + 1) === 10 ? nl + 2 : nl + 1;
      if (count === starts.length) {
        const grown = new Int32Array(starts.length * 2);
        grown.set(starts);
        starts = grown;
      }
      starts[count++] = after;
      i = after;
    }
    this.startsCache = starts;
    this.countCache = count;
  }

  get lineCount(): number {
    return this.count;
  }

  lineStart(line: number): number {
    if (line <= 0) return 0;
    if (line >= this.count) return this.text.length;
    return this.starts[line];
  }

  /** Offset of the end of the line's content, before its line break. */
  lineContentEnd(line: number): number {
    if (line < 0) return 0;
    if (line >= this.count - 1) return this.text.length;
    let end = this.starts[line + 1];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  positionAt(offset: number): TextPosition {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offsetAt(position: TextPosition): number {
    const start = this.lineStart(position.line);
    const end = this.lineContentEnd(position.line);
    return Math.min(start + Math.max(0, position.character), end);
  }
}
