/**
 * A document's text, held as a string, as UTF-8 bytes, or both, each made on first use. The
 * language server hands a validation thread the bytes (transferred, not copied): a valid document
 * is parsed by libxml2 from them and only its head is ever decoded; the whole string is decoded
 * only when there are problems to place.
 */
const HEAD_BYTES = 1 << 20;

export class DocumentText {
  private textCache: string | undefined;
  private bytesCache: Uint8Array | undefined;
  private headCache: string | undefined;

  private constructor(text: string | undefined, bytes: Uint8Array | undefined) {
    this.textCache = text;
    this.bytesCache = bytes;
  }

  static fromString(text: string): DocumentText {
    return new DocumentText(text, undefined);
  }

  /** UTF-8 bytes of a string (lone surrogates became U+FFFD, one character for one). */
  static fromUtf8(bytes: Uint8Array): DocumentText {
    return new DocumentText(undefined, bytes);
  }

  get text(): string {
    return (this.textCache ??= new TextDecoder().decode(this.bytesCache));
  }

  get bytes(): Uint8Array {
    return (this.bytesCache ??= new TextEncoder().encode(this.textCache));
  }

  /** Whether head() is the whole text. */
  get headIsWhole(): boolean {
    return this.textCache !== undefined || this.bytesCache!.length <= HEAD_BYTES;
  }

  /** The start of the text (its first megabyte), enough to tell what the document is. */
  head(): string {
    if (this.headIsWhole) return this.text;
    // A character cut at the end decodes as U+FFFD: the head is only read near its start.
    return (this.headCache ??= new TextDecoder().decode(this.bytesCache!.subarray(0, HEAD_BYTES)));
  }
}
