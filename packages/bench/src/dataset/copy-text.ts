/** One COPY … FROM STDIN (text format) line: tab-separated, `\N` for NULL, backslash escapes for the specials. */
export function copyTextLine(fields: readonly (string | null)[]): string {
  return `${fields.map((field) => (field === null ? '\\N' : escapeCopyText(field))).join('\t')}\n`;
}

function escapeCopyText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replaceAll('\\', '\\\\').replaceAll('\t', '\\t').replaceAll('\n', '\\n').replaceAll('\r', '\\r')
    : value;
}

/** Groups lines into ~64 KiB strings: one stream write per line would dominate the cost of COPY itself. */
export function* chunkLines(lines: Iterable<string>, chunkChars = 65_536): Generator<string> {
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
