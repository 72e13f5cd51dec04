/** Base class of every error the SDK throws on purpose; `instanceof IprsError` separates them from bugs. */
export abstract class IprsError extends Error {
  public constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
