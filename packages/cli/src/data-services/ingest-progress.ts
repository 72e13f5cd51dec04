import type { BatchProgress } from '@iprs/sdk';
import cliProgress from 'cli-progress';

/** Shows an ingestion's progress while it runs. */
export interface IngestProgress {
  update(progress: BatchProgress): void;
  stop(): void;
}

interface ProgressOptions {
  /** Milliseconds since some fixed point; performance.now by default. */
  readonly now?: () => number;
  /** Piped output: at most one line per this many milliseconds. Default 5 000. */
  readonly lineIntervalMs?: number;
}

/** Rows per second so far, and the seconds left at that pace (by bytes, as the row count of a file is unknown). */
export function progressFigures(
  progress: BatchProgress,
  elapsedMs: number,
): { rowsPerSecond: number; etaSeconds: number | undefined } {
  const seconds = elapsedMs / 1000;
  const rowsPerSecond = seconds > 0 ? Math.round(progress.rowsRead / seconds) : 0;
  const etaSeconds =
    progress.bytesRead > 0 && seconds > 0
      ? Math.max(0, Math.round((seconds * (progress.totalBytes - progress.bytesRead)) / progress.bytesRead))
      : undefined;
  return { rowsPerSecond, etaSeconds };
}

const formatSeconds = (seconds: number | undefined) =>
  seconds === undefined
    ? '?'
    : seconds >= 60
      ? `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`
      : `${seconds}s`;

/** One line of piped progress: percentage, rows, rows/s, ETA, errors. */
export function progressLine(progress: BatchProgress, elapsedMs: number): string {
  const { rowsPerSecond, etaSeconds } = progressFigures(progress, elapsedMs);
  const percentage = progress.totalBytes > 0 ? Math.floor((100 * progress.bytesRead) / progress.totalBytes) : 100;
  return `ingest: ${percentage}% | ${progress.rowsRead} rows | ${rowsPerSecond} rows/s | ETA ${formatSeconds(etaSeconds)} | ${progress.errors} errors\n`;
}

/**
 * A progress bar with rows/s and ETA on an interactive terminal; otherwise (piped, logged by CI) a plain line every few
 * seconds, so a long ingestion shows it is alive without flooding the log.
 */
export function ingestProgress(stream: NodeJS.WriteStream, options: ProgressOptions = {}): IngestProgress {
  const now = options.now ?? (() => performance.now());
  const lineIntervalMs = options.lineIntervalMs ?? 5_000;
  const started = now();
  if (!stream.isTTY) {
    let lastLine = started;
    return {
      update(progress) {
        const at = now();
        if (at - lastLine < lineIntervalMs) return;
        lastLine = at;
        stream.write(progressLine(progress, at - started));
      },
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      format: ' {bar} {percentage}% | {rows} rows | {rate} rows/s | ETA {eta} | {errors} errors',
      stream,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let barStarted = false;
  return {
    update(progress) {
      const { rowsPerSecond, etaSeconds } = progressFigures(progress, now() - started);
      const payload = {
        rows: progress.rowsRead,
        rate: rowsPerSecond,
        eta: formatSeconds(etaSeconds),
        errors: progress.errors,
      };
      if (!barStarted) {
        bar.start(progress.totalBytes, 0, payload);
        barStarted = true;
      }
      bar.update(progress.bytesRead, payload);
    },
    stop() {
      if (barStarted) bar.stop();
    },
  };
}
