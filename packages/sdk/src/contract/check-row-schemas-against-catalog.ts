import { tableContracts, type TableContract } from '../schemas/table-contracts.js';
import type { CatalogTables } from './catalog-tables.js';
import { checkColumnsAgainstCatalog, type ContractCheckResult } from './check-columns-against-catalog.js';
import { describeRowSchema } from './describe-row-schema.js';

export interface ContractCheckOptions {
  /** Contracts to check. Default: every table of releases 001 and 002. */
  readonly contracts?: readonly TableContract[];
}

/**
 * The SDK/SQL contract check: every zod row schema against the catalog model — column names, nullability and type
 * family. A pure comparison: it reads nothing; pass the model `iprs verify` read (`CatalogModel.snapshot`, or
 * `readCatalog()` from `@iprs/schema/catalog`). Never throws for drift: read `ok` and `problems`.
 */
export const checkRowSchemasAgainstCatalog = (
  catalog: CatalogTables,
  options: ContractCheckOptions = {},
): ContractCheckResult =>
  checkColumnsAgainstCatalog(
    catalog,
    (options.contracts ?? tableContracts).map(({ table, rowSchema }) => ({
      table,
      columns: describeRowSchema(rowSchema),
    })),
  );
