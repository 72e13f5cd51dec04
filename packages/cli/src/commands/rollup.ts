import type { NodeRollup, RollupResult } from '@iprs/sdk';
import { NotFoundError, ValidationError } from '@iprs/sdk/errors';
import type { Command } from 'commander';
import { CliError, ExitCode } from '../cli-error.js';
import { formatTable, groupDigits } from '../data-services/format-table.js';
import { withSdkPool } from '../data-services/open-sdk-pool.js';
import { asCliError } from '../database-errors.js';
import { schemaOptionHelp } from '../database-schema.js';
import { databaseUrlOptionHelp, resolveDatabaseUrl } from '../database-target.js';

interface RollupOptions {
  databaseUrl?: string;
  schema?: string;
  ccy: string;
  snapshot?: string;
  asOf?: string;
}

export function registerRollup(program: Command): void {
  program
    .command('rollup <node>')
    .description('book value of a portfolio node and every node below it, converted into one currency')
    .option('--database-url <url>', databaseUrlOptionHelp)
    .option('--schema <name>', schemaOptionHelp)
    .option('--ccy <code>', 'reporting currency', 'USD')
    .option('--snapshot <id>', 'FX snapshot converting each base currency (default: the latest)')
    .option(
      '--as-of <date>',
      'convert with the FX snapshot in force on this date (YYYY-MM-DD): the latest on or before it',
    )
    .action(async (node: string, options: RollupOptions) => {
      if (options.snapshot !== undefined && options.asOf !== undefined) {
        throw new CliError('give --snapshot or --as-of, not both', ExitCode.usageOrConnection);
      }
      const target = await resolveDatabaseUrl(options);
      const { latestFxSnapshotId, rollupSubtree } = await import('@iprs/sdk');
      let rollup: RollupResult;
      try {
        rollup = await withSdkPool(
          target.url,
          async (pool) => {
            const request = { portfolio_node_id: node, reporting_ccy: options.ccy };
            if (options.asOf !== undefined) return rollupSubtree(pool, { ...request, as_of: options.asOf });
            return rollupSubtree(pool, {
              ...request,
              fx_snapshot_id: options.snapshot ?? (await latestFxSnapshotId(pool)),
            });
          },
          options.schema,
        );
      } catch (error) {
        if (error instanceof NotFoundError) throw new CliError(error.message, ExitCode.checkFailed, { cause: error });
        if (error instanceof ValidationError)
          throw new CliError(error.message, ExitCode.usageOrConnection, { cause: error });
        throw asCliError(error, target, options.schema);
      }
      process.stdout.write(describeRollup(rollup));
    });
}

/**
 * The rollup as a tree table (each node under its parent, with its subtree's position count and total in the
 * reporting currency), then each top node's totals per base currency.
 */
export function describeRollup(rollup: RollupResult, decimals = 2): string {
  const round = (value: string) => groupDigits(roundHalfEven(value, decimals));
  const ids = new Set(rollup.nodes.map((node) => node.portfolioNodeId));
  const children = new Map<string | null, NodeRollup[]>();
  for (const node of rollup.nodes) {
    const parent = node.parentId !== null && ids.has(node.parentId) ? node.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), node]);
  }
  const rows: string[][] = [];
  const visit = (node: NodeRollup, depth: number) => {
    rows.push([
      `${'  '.repeat(depth)}${depth > 0 ? '└ ' : ''}${node.name}`,
      node.nodeType,
      groupDigits(String(node.subtree.positionCount)),
      round(node.subtree.total),
    ]);
    for (const child of children.get(node.portfolioNodeId) ?? []) visit(child, depth + 1);
  };
  const roots = children.get(null) ?? [];
  for (const root of roots) visit(root, 0);
  const lines = [
    `Rollup in ${rollup.reportingCurrency} (FX snapshot ${rollup.fxSnapshotId}${rollup.asOf === null ? '' : `, in force on ${rollup.asOf}`}), book value of ACTIVE positions`,
    formatTable(['node', 'type', 'positions', `total ${rollup.reportingCurrency}`], rows, new Set([2, 3])),
  ];
  for (const root of roots) {
    lines.push(
      '',
      `${root.name} by base currency`,
      formatTable(
        ['currency', 'positions', 'book value', `in ${rollup.reportingCurrency}`],
        root.subtree.byCurrency.map((total) => [
          total.currency,
          groupDigits(String(total.positionCount)),
          round(total.bookValue),
          round(total.converted),
        ]),
        new Set([1, 2, 3]),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Display rounding of an exact decimal string (the totals themselves stay exact in the SDK). */
function roundHalfEven(value: string, decimals: number): string {
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const digits = BigInt(whole + fraction.padEnd(decimals + 1, '0').slice(0, decimals + 1));
  const rest = fraction.slice(decimals + 1).replace(/0/g, '');
  let scaled = digits / 10n;
  const last = digits % 10n;
  if (last > 5n || (last === 5n && (rest.length > 0 || scaled % 2n === 1n))) scaled += 1n;
  const text = scaled.toString().padStart(decimals + 1, '0');
  const rounded = decimals === 0 ? text : `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
  return negative && scaled !== 0n ? `-${rounded}` : rounded;
}
