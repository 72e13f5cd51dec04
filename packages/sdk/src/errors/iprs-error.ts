// Symbol.for: the same symbol in every copy of the SDK, so a bundled copy (the CLI's) recognises this copy's errors.
const brand = Symbol.for('@iprs/sdk/IprsError');

export interface IprsErrorOptions {
  readonly cause?: unknown;
  /** The SQLSTATE (`23505`) or socket error code (`ECONNREFUSED`) behind the error. */
  readonly code?: string;
}

/**
 * Base class of every error the SDK throws on purpose; `instanceof IprsError` separates them from bugs. Across copies
 * of the SDK (a bundle next to an installed package) `instanceof` fails: use `IprsError.isInstance(e)`,
 * `ConflictError.isInstance(e)`, …
 */
export abstract class IprsError extends Error {
  /**
   * The class's name, written out because a bundler may rename the class itself (esbuild turns a second
   * `DatabaseError` into `DatabaseError2`): the `name` of its errors, and what `isInstance` matches across copies.
   * Every subclass declares its own.
   */
  public static readonly errorName: string = 'IprsError';

  /**
   * The SQLSTATE or socket error code behind the error, when there is one. Slonik re-runs a transaction whose error has
   * a class 40 code (serialization failure, deadlock), so TransactionRollbackError keeps that working.
   */
  public readonly code: string | undefined;

  public constructor(message: string, options?: IprsErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.errorName;
    this.code = options?.code;
  }

  /** True for an error of this class (or a subclass) from any copy of the SDK, bundled or not. */
  public static isInstance<T extends IprsError>(
    this: (abstract new (...args: never[]) => T) & { readonly errorName: string },
    value: unknown,
  ): value is T {
    if (typeof value !== 'object' || value === null || !(brand in value)) return false;
    if (value instanceof this) return true;
    for (let proto: unknown = Object.getPrototypeOf(value); proto; proto = Object.getPrototypeOf(proto)) {
      const errorClass = (proto as { constructor?: object }).constructor;
      if (errorClass && Object.hasOwn(errorClass, 'errorName')) {
        if ((errorClass as { errorName: unknown }).errorName === this.errorName) return true;
      }
    }
    return false;
  }
}

Object.defineProperty(IprsError.prototype, brand, { value: true });
