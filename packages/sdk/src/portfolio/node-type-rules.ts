import { ValidationError } from '../errors/validation-error.js';
import type { NodeType } from '../schemas/enums.js';

/**
 * Where each node type may sit. A FUND is always a root; a DESK sits in a FUND; a BOOK in a DESK; a STRATEGY in a BOOK
 * or in another STRATEGY (strategies nest, e.g. "Rates" > "Curve steepeners"). Positions may be held at any level.
 */
export const allowedParentTypes: Readonly<Record<NodeType, readonly NodeType[] | null>> = {
  FUND: null,
  DESK: ['FUND'],
  BOOK: ['DESK'],
  STRATEGY: ['BOOK', 'STRATEGY'],
};

const article = (type: string) => (/^[AEIOU]/u.test(type) ? 'an' : 'a');

/** Throws a ValidationError on `parent_id` when a node of `childType` may not sit under `parent` (null = root). */
export const assertPlacementAllowed = (
  childType: NodeType,
  parent: { readonly portfolio_node_id: string; readonly node_type: NodeType } | null,
): void => {
  const allowed = allowedParentTypes[childType];
  if (allowed === null) {
    if (parent === null) return;
    throw new ValidationError(
      [{ field: 'parent_id', message: `a FUND is a root node and cannot sit under '${parent.portfolio_node_id}'` }],
      'portfolio node placement',
    );
  }
  if (parent === null) {
    throw new ValidationError(
      [{ field: 'parent_id', message: `${article(childType)} ${childType} needs a parent (${allowed.join(' or ')})` }],
      'portfolio node placement',
    );
  }
  if (!allowed.includes(parent.node_type)) {
    throw new ValidationError(
      [
        {
          field: 'parent_id',
          message:
            `${article(childType)} ${childType} must sit under ${allowed.join(' or ')}, ` +
            `but '${parent.portfolio_node_id}' is ${article(parent.node_type)} ${parent.node_type}`,
        },
      ],
      'portfolio node placement',
    );
  }
};
