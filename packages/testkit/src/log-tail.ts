export interface LogTail {
  append(chunk: string): void;
  text(): string;
}

/** Keeps the last `maxLines` lines of a process's output, for error messages. */
export function createLogTail(maxLines = 40): LogTail {
  const lines: string[] = [];
  return {
    append(chunk) {
      for (const line of chunk.split('\n')) {
        if (line.trim() === '') continue;
        lines.push(line.trimEnd());
        if (lines.length > maxLines) lines.shift();
      }
    },
    text: () => lines.join('\n'),
  };
}
