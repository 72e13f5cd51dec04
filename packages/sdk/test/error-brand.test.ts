import { describe, expect, it, vi } from 'vitest';
import * as sdk from '../src/index.js';
import { translateDatabaseError } from '../src/errors/translate-database-error.js';
import { IprsError } from '../src/index.js';

type ErrorClass = (abstract new (...args: never[]) => IprsError) & typeof IprsError;

function errorClassesOf(module: Record<string, unknown>): Map<string, ErrorClass> {
  const classes = new Map<string, ErrorClass>();
  for (const [name, value] of Object.entries(module)) {
    if (typeof value !== 'function') continue;
    if (value === module.IprsError || value.prototype instanceof (module.IprsError as ErrorClass)) {
      classes.set(name, value as ErrorClass);
    }
  }
  return classes;
}

const ours = errorClassesOf(sdk);

/** Another copy of the SDK, its classes renamed as a bundler does (a colliding `ConflictError` becomes `ConflictError2`). */
async function renamedCopy(): Promise<Map<string, ErrorClass>> {
  vi.resetModules();
  const copy = errorClassesOf(await import('../src/index.js'));
  for (const [name, errorClass] of copy) Object.defineProperty(errorClass, 'name', { value: `${name}2` });
  return copy;
}

describe('every IprsError class is recognised across copies of the SDK by its brand, not its class name', () => {
  it('the SDK exports its error classes, each declaring its own errorName, the name of its errors', () => {
    expect(ours.size).toBeGreaterThan(25);
    for (const [name, errorClass] of ours) {
      expect(Object.hasOwn(errorClass, 'errorName'), name).toBe(true);
      expect(errorClass.errorName).toBe(name);
    }
    expect(new sdk.LockTimeoutError('x').name).toBe('LockTimeoutError');
  });

  it('X.isInstance(an error of the other copy) is exactly `instanceof X` within a copy, both ways', async () => {
    const theirs = await renamedCopy();
    expect([...theirs.keys()]).toEqual([...ours.keys()]);
    for (const [name, ourClass] of ours) {
      const theirClass = theirs.get(name) as ErrorClass;
      const ourError = Object.create(ourClass.prototype) as IprsError;
      const theirError = Object.create(theirClass.prototype) as IprsError;
      expect(theirError).not.toBeInstanceOf(ourClass);
      for (const [other, ourOther] of ours) {
        const theirOther = theirs.get(other) as ErrorClass;
        const expected = ourError instanceof ourOther;
        expect(ourOther.isInstance(theirError), `${other}.isInstance(their ${name})`).toBe(expected);
        expect(theirOther.isInstance(ourError), `their ${other}.isInstance(our ${name})`).toBe(expected);
      }
    }
  });

  it('errors made by a renamed copy keep their names and are refused by unrelated classes', async () => {
    const theirs = await renamedCopy();
    const TheirLockTimeout = theirs.get('LockTimeoutError') as unknown as typeof sdk.LockTimeoutError;
    const TheirInUse = theirs.get('InUseError') as unknown as typeof sdk.InUseError;
    const lockTimeout = new TheirLockTimeout('lock wait', { code: '55P03' });
    const inUse = new TheirInUse('still used', { constraint: 'fk', table: 't', columns: ['c'], detail: null });
    expect(TheirLockTimeout.name).toBe('LockTimeoutError2');
    expect(lockTimeout.name).toBe('LockTimeoutError');
    expect(inUse.name).toBe('InUseError');
    expect(sdk.ConstraintError.isInstance(inUse)).toBe(true);
    expect(sdk.ConstraintViolationError.isInstance(inUse)).toBe(false);
    expect(sdk.DatabaseError.isInstance(lockTimeout)).toBe(true);
    expect(sdk.ConnectionError.isInstance(lockTimeout)).toBe(false);
    expect(translateDatabaseError(inUse)).toBe(inUse);
    for (const value of [new Error('plain'), null, undefined, 'InUseError', { name: 'InUseError' }]) {
      expect(IprsError.isInstance(value)).toBe(false);
    }
  });
});
