import { defineConfig } from 'tsup';

// Three entry points: the library (index), the `pnpm bench` program (run) and the child process that loads positions
// (load-positions-worker). All land flat in dist/, which is how run finds the worker next to itself.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    run: 'src/run.ts',
    'load-positions-worker': 'src/workers/load-positions-worker.ts',
  },
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  sourcemap: true,
  clean: true,
  target: 'node24',
});
