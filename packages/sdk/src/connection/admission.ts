/**
 * At most `slots` callers at a time, the others queued in arrival order. A caller that gives up leaves the queue, so
 * the queue never holds more entries than callers waiting right now.
 */
export interface Admission {
  /** Takes a free slot if there is one, without queueing: the common case needs no promise. */
  tryEnter(): boolean;
  /** Resolves once the caller holds a slot; rejects with `timeoutError()` after `timeoutMs` in the queue. */
  enter(timeoutMs: number, timeoutError: () => Error): Promise<void>;
  /** Hands the slot to the longest-waiting caller, or frees it. */
  leave(): void;
  readonly waiting: number;
}

export const createAdmission = (slots: number): Admission => {
  let free = slots;
  // A Set keeps insertion order and deletes in O(1): the queue, and the way out for a caller that gives up.
  const queue = new Set<() => void>();
  return {
    tryEnter: () => {
      if (free === 0) return false;
      free -= 1;
      return true;
    },
    enter: (timeoutMs, timeoutError) => {
      if (free > 0) {
        free -= 1;
        return Promise.resolve();
      }
      return new Promise<void>((resolve, reject) => {
        const admit = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          queue.delete(admit);
          reject(timeoutError());
        }, timeoutMs);
        queue.add(admit);
      });
    },
    leave: () => {
      const next = queue.values().next();
      if (next.done) {
        free += 1;
        return;
      }
      queue.delete(next.value);
      next.value();
    },
    get waiting() {
      return queue.size;
    },
  };
};
