/** Base class of the errors the benchmark raises on purpose (as opposed to driver or programming errors). */
export class BenchError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}
