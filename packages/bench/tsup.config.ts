import { defineConfig } from 'tsup';

// Two entry points: the `pnpm bench` program (run) and the child process that loads positions (load-positions-worker).
// Both land flat in dist/, which is how run finds the worker next to itself.
export default defineConfig({
  entry: {
    run: 'src/run.ts',
    'load-positions-worker': 'src/workers/load-positions-worker.ts',
  },
  format: ['esm'],
  sourcemap: true,
  clean: true,
  target: 'node24',
});
