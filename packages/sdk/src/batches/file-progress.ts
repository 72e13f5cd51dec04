export interface BatchProgress {
  readonly rowsRead: number;
  readonly errors: number;
  readonly bytesRead: number;
  readonly totalBytes: number;
}

export type BatchProgressListener = (progress: BatchProgress) => void;
