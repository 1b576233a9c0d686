import { StringDecoder } from 'node:string_decoder';

/** One line of a stream, or a line too long to hold, of which only the length is kept. */
export type Line = { text: string } | { tooLong: number };

/** The longest line `thaw run` holds in memory: an event is a few hundred characters. */
export const MAX_LINE_LENGTH = 1024 * 1024;

/**
 * The lines of a byte stream, decoded as UTF-8 without a leading byte-order mark, with `\r\n`
 * or `\n` ends. A line longer than `limit` is never built: its characters are counted and
 * dropped, and it is given as `tooLong`, so a stream with no line ends (`/dev/zero`) costs no
 * more memory than the limit.
 */
export async function* readLines(stream: AsyncIterable<Buffer | string>, limit = MAX_LINE_LENGTH): AsyncGenerator<Line> {
  for await (const lines of readLineBatches(stream, limit)) yield* lines;
}

/**
 * readLines, giving the complete lines of each chunk read together: a long stream then costs
 * one wait per chunk, not one per line. A line is given as soon as its chunk arrives.
 */
export async function* readLineBatches(stream: AsyncIterable<Buffer | string>, limit = MAX_LINE_LENGTH): AsyncGenerator<Line[]> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let dropped = 0;
  let first = true;
  const finish = (text: string): Line => (dropped > 0 ? { tooLong: dropped + text.length } : { text: text.endsWith('\r') ? text.slice(0, -1) : text });
  for await (const chunk of stream) {
    let text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    let start = 0;
    const lines: Line[] = [];
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      lines.push(finish(pending + text.slice(start, end)));
      pending = '';
      dropped = 0;
      start = end + 1;
    }
    if (lines.length > 0) yield lines;
    const rest = text.slice(start);
    if (dropped > 0 || pending.length + rest.length > limit) {
      dropped += pending.length + rest.length;
      pending = '';
    } else {
      pending += rest;
    }
  }
  const tail = pending + decoder.end();
  if (tail.length > 0 || dropped > 0) yield [finish(tail)];
}
