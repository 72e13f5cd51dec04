import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';

/** A byte sequence that is not UTF-8, where the file has it. */
export interface InvalidUtf8 {
  /** Offset of its first byte in the file. */
  readonly offset: number;
  readonly line: number;
  /** 1-based byte position within the line. */
  readonly byteInLine: number;
  /** Its bytes in hex, e.g. `0xE2 0x82` (a sequence cut short). */
  readonly bytes: string;
}

export function describeInvalidUtf8(invalid: InvalidUtf8): string {
  return `invalid UTF-8 at line ${invalid.line}, byte ${invalid.byteInLine} of the line (bytes ${invalid.bytes}): save the file as UTF-8`;
}

/**
 * Passes a file's bytes through unchanged and notes every sequence that is not UTF-8 (the first per line), with its line
 * and position, so that nothing downstream can silently turn it into U+FFFD. Valid chunks cost one native check.
 * It also keeps the offsets of the line breaks (LF) its reader has not passed yet, so the reader can tell the line of
 * any byte it is at (csv-parse's own line count drifts on a lone CR or a blank CRLF line).
 */
export class Utf8Check extends Transform {
  private readonly found: InvalidUtf8[] = [];
  /** Offsets of line breaks from `firstKept` on are not yet released; `releasedLineBreaks` counts those before. */
  private lineBreaks: number[] = [];
  private firstKept = 0;
  private releasedLineBreaks = 0;
  private pending = Buffer.alloc(0);
  /** File offset of `pending`'s first byte. */
  private offset = 0;
  private line = 1;
  private lineStart = 0;

  /** Lines begun so far: after the last byte, the number of line breaks plus one. */
  public get linesSeen(): number {
    return this.line;
  }

  /** The 1-based line of the byte at `offset` (a line break belongs to the line it ends), at or after the released offset. */
  public lineAt(offset: number): number {
    return this.releasedLineBreaks + this.keptBreaksBefore(offset) + 1;
  }

  /** Forgets the line breaks before `offset`: the reader will not ask about those bytes again. */
  public release(offset: number): void {
    const before = this.keptBreaksBefore(offset);
    this.firstKept += before;
    this.releasedLineBreaks += before;
    // Compact now and then instead of shifting the array on every record.
    if (this.firstKept > 4_096 && this.firstKept * 2 > this.lineBreaks.length) {
      this.lineBreaks = this.lineBreaks.slice(this.firstKept);
      this.firstKept = 0;
    }
  }

  /** Records arrive in order, so the breaks asked about are at the front: this stops after a step or two. */
  private keptBreaksBefore(offset: number): number {
    let index = this.firstKept;
    while (index < this.lineBreaks.length && (this.lineBreaks[index] as number) < offset) index += 1;
    return index - this.firstKept;
  }

  /** Invalid sequences starting before `offset`, oldest first; they are handed out once. */
  public takeBefore(offset: number): InvalidUtf8[] {
    const count = this.found.findIndex((invalid) => invalid.offset >= offset);
    return this.found.splice(0, count === -1 ? this.found.length : count);
  }

  public override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.check(chunk, false);
    callback(null, chunk);
  }

  public override _flush(callback: TransformCallback): void {
    this.check(Buffer.alloc(0), true);
    callback();
  }

  private check(chunk: Buffer, final: boolean): void {
    const data = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const complete = final ? data.length : completeLength(data);
    const head = data.subarray(0, complete);
    if (isUtf8(head)) this.countLines(head);
    else this.scan(head, final);
    this.offset += complete;
    this.pending = Buffer.from(data.subarray(complete));
  }

  private countLines(bytes: Buffer, from = 0, to = bytes.length): void {
    for (let at = bytes.indexOf(10, from); at !== -1 && at < to; at = bytes.indexOf(10, at + 1)) {
      this.line += 1;
      this.lineStart = this.offset + at + 1;
      this.lineBreaks.push(this.offset + at);
    }
  }

  private scan(bytes: Buffer, final: boolean): void {
    let counted = 0;
    for (const { start, end } of invalidUtf8Ranges(bytes, final)) {
      this.countLines(bytes, counted, start);
      counted = start;
      const last = this.found.at(-1);
      if (last === undefined || last.line !== this.line) {
        const offset = this.offset + start;
        this.found.push({
          offset,
          line: this.line,
          byteInLine: offset - this.lineStart + 1,
          bytes: hex(bytes.subarray(start, end)),
        });
      }
    }
    this.countLines(bytes, counted);
  }
}

/** The first sequence of a whole file's bytes that is not UTF-8, or undefined when they all are. */
export function firstInvalidUtf8(bytes: Buffer): InvalidUtf8 | undefined {
  if (isUtf8(bytes)) return undefined;
  const [range] = invalidUtf8Ranges(bytes, true);
  if (range === undefined) return undefined;
  let line = 1;
  let lineStart = 0;
  for (let at = bytes.indexOf(10); at !== -1 && at < range.start; at = bytes.indexOf(10, at + 1)) {
    line += 1;
    lineStart = at + 1;
  }
  return {
    offset: range.start,
    line,
    byteInLine: range.start - lineStart + 1,
    bytes: hex(bytes.subarray(range.start, range.end)),
  };
}

/** Where `bytes` is not UTF-8, as [start, end) ranges (the WHATWG decoder's maximal subparts). */
function* invalidUtf8Ranges(bytes: Uint8Array, final: boolean): Generator<{ start: number; end: number }> {
  let needed = 0;
  let seen = 0;
  let lower = 0x80;
  let upper = 0xbf;
  let start = 0;
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index] as number;
    if (needed === 0) {
      start = index;
      if (byte <= 0x7f) continue;
      if (byte >= 0xc2 && byte <= 0xdf) needed = 1;
      else if (byte >= 0xe0 && byte <= 0xef) {
        if (byte === 0xe0) lower = 0xa0;
        if (byte === 0xed) upper = 0x9f;
        needed = 2;
      } else if (byte >= 0xf0 && byte <= 0xf4) {
        if (byte === 0xf0) lower = 0x90;
        if (byte === 0xf4) upper = 0x8f;
        needed = 3;
      } else yield { start: index, end: index + 1 };
      seen = 0;
      continue;
    }
    if (byte < lower || byte > upper) {
      yield { start, end: index };
      needed = 0;
      lower = 0x80;
      upper = 0xbf;
      index -= 1;
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    seen += 1;
    if (seen === needed) needed = 0;
  }
  if (needed > 0 && final) yield { start, end: bytes.length };
}

/** How much of `data` ends on a character boundary: an incomplete trailing sequence waits for the next chunk. */
function completeLength(data: Buffer): number {
  for (let index = data.length - 1; index >= Math.max(0, data.length - 4); index -= 1) {
    const byte = data[index] as number;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return index + length > data.length ? index : data.length;
  }
  return data.length;
}

function hex(bytes: Uint8Array): string {
  return [...bytes].map((byte) => `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(' ');
}
