/** Outcome of checking a security identifier: valid, or the reason a person can act on. */
export type IdentifierCheck = { readonly valid: true } | { readonly valid: false; readonly reason: string };

export const identifierValid: IdentifierCheck = { valid: true };

export function identifierInvalid(reason: string): IdentifierCheck {
  return { valid: false, reason };
}
