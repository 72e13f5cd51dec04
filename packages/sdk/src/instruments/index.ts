export { createInstrument } from './create-instrument.js';
export { getInstrument } from './get-instrument.js';
