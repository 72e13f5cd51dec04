/** One COPY … FROM STDIN line (text format): tab-separated, `\N` for NULL, backslash escapes for the specials. */
export const copyTextLine = (fields: readonly (string | null)[]): string =>
  `${fields.map((field) => (field === null ? '\\N' : escapeCopyText(field))).join('\t')}\n`;

const copySpecials = /[\\\t\n\r]/u;

const escapeCopyText = (value: string): string =>
  copySpecials.test(value)
    ? value.replaceAll('\\', '\\\\').replaceAll('\t', '\\t').replaceAll('\n', '\\n').replaceAll('\r', '\\r')
    : value;

/** Groups lines into ~64 KiB strings: one stream write per line would cost more than COPY itself. */
export function* copyTextChunks(lines: Iterable<string>, chunkChars = 65_536): Generator<string> {
  let chunk = '';
  for (const line of lines) {
    chunk += line;
    if (chunk.length >= chunkChars) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}
