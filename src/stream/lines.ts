import { StringDecoder } from 'node:string_decoder';

/** One line of a stream, or a line too long to hold, of which only the length is kept. */
export type Line = { text: string } | { tooLong: number };

/** The longest line `thaw run` holds in memory: an event is a few hundred characters. */
export const MAX_LINE_LENGTH = 1024 * 1024;

/**
 * Cuts a byte stream, fed a chunk at a time, into lines: decoded as UTF-8 without a leading
 * byte-order mark, with `\r\n` or `\n` ends. A line longer than `limit` characters (its `\r`
 * counted) is never built, however the chunks cut it: its characters are counted and dropped,
 * and it is given as `tooLong`, so a stream with no line ends (`/dev/zero`) costs no more memory
 * than the limit.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  private dropped = 0;
  private first = true;

  constructor(private readonly limit = MAX_LINE_LENGTH) {}

  /** The lines a chunk completes, in order (none if it ends none). */
  push(chunk: Buffer | Uint8Array | string): Line[] {
    let text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk as Buffer);
    if (this.first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.first = false;
    }
    let start = 0;
    const lines: Line[] = [];
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      // Too long however the chunks fell: a line whole in one chunk is measured before it is built.
      const length = this.pending.length + end - start;
      if (this.dropped > 0 || length > this.limit) lines.push({ tooLong: this.dropped + length });
      else lines.push(this.finish(this.pending + text.slice(start, end)));
      this.pending = '';
      this.dropped = 0;
      start = end + 1;
    }
    const rest = text.slice(start);
    if (this.dropped > 0 || this.pending.length + rest.length > this.limit) {
      this.dropped += this.pending.length + rest.length;
      this.pending = '';
    } else {
      this.pending += rest;
    }
    return lines;
  }

  /** The last line, if the stream did not end with a line end. */
  end(): Line[] {
    const tail = this.pending + this.decoder.end();
    const lines: Line[] = tail.length > this.limit ? [{ tooLong: tail.length }] : tail.length > 0 || this.dropped > 0 ? [this.finish(tail)] : [];
    this.pending = '';
    this.dropped = 0;
    return lines;
  }

  private finish(text: string): Line {
    return this.dropped > 0 ? { tooLong: this.dropped + text.length } : { text: text.endsWith('\r') ? text.slice(0, -1) : text };
  }
}
