/** A probe could not even build the rows it needs from the manifest (e.g. a column type it cannot make up values for). */
export class ProbeSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProbeSetupError';
  }
}
