/** Base class of every error @iprs/schema throws on purpose, so callers can tell them from driver or programming errors. */
export class SchemaMigrationError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}
