#!/usr/bin/env node
import module from 'node:module';

// V8 keeps the code it compiled for the bundle between runs (in the OS temporary directory unless NODE_COMPILE_CACHE
// says otherwise), so each command skips most of compiling it. A directory it cannot write only leaves the cache off;
// a Node without the API (before 22.1) runs without it.
module.enableCompileCache?.();
// Imported after the cache is on, or the bundle would be compiled before it.
const { run } = await import('./run.js');

process.exitCode = await run(process.argv);
