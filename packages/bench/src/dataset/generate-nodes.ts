import type { DatasetSpec } from './dataset-spec.js';

type NodeType = 'FUND' | 'DESK' | 'BOOK' | 'STRATEGY';

export interface NodeRow {
  readonly nodeId: string;
  readonly parentId: string | null;
  readonly name: string;
  readonly nodeType: NodeType;
}

const levels: readonly { readonly nodeType: NodeType; readonly prefix: string }[] = [
  { nodeType: 'FUND', prefix: 'FUND' },
  { nodeType: 'DESK', prefix: 'DESK' },
  { nodeType: 'BOOK', prefix: 'BOOK' },
  { nodeType: 'STRATEGY', prefix: 'STRAT' },
];

/** `path` holds the 0-based child index at each level, e.g. [2, 0, 7] is the 8th book of the 1st desk of the 3rd fund. */
function nodeId(path: readonly number[]): string {
  const level = levels[path.length - 1];
  if (!level) throw new RangeError(`a node path has 1 to ${levels.length} levels, got ${path.length}`);
  return `${level.prefix}-${path.map((index) => String(index + 1).padStart(2, '0')).join('-')}`;
}

export function fundId(fundIndex: number): string {
  return nodeId([fundIndex]);
}

export function nodeCount(spec: DatasetSpec): number {
  let count = 0;
  for (let depth = 1; depth <= levels.length; depth += 1) count += spec.fanOut ** depth;
  return count;
}

export function strategyCount(spec: DatasetSpec): number {
  return spec.fanOut ** levels.length;
}

/** The id of the `index`-th leaf (strategy), counting depth-first. */
export function strategyId(spec: DatasetSpec, index: number): string {
  const path: number[] = [];
  let rest = index;
  for (let depth = 0; depth < levels.length; depth += 1) {
    path.unshift(rest % spec.fanOut);
    rest = Math.floor(rest / spec.fanOut);
  }
  return nodeId(path);
}

/** Every node, level by level, so each parent precedes its children (the self-referencing FK holds row by row). */
export function* generateNodes(spec: DatasetSpec): Generator<NodeRow> {
  let generation: number[][] = [[]];
  for (const level of levels) {
    const next: number[][] = [];
    for (const parentPath of generation) {
      for (let child = 0; child < spec.fanOut; child += 1) {
        const path = [...parentPath, child];
        next.push(path);
        yield {
          nodeId: nodeId(path),
          parentId: parentPath.length === 0 ? null : nodeId(parentPath),
          name: `${level.nodeType.toLowerCase()} ${path.map((index) => index + 1).join('.')}`,
          nodeType: level.nodeType,
        };
      }
    }
    generation = next;
  }
}
