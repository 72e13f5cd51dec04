import type { SchemaManifest, SchemaSnapshot } from '@iprs/schema';
import type { CatalogModel } from '@iprs/schema/catalog';
import type { Finding } from '../report/finding.js';

export interface ExtraCheckContext {
  /** The live catalog as verifySchema read it (the model's snapshot). */
  readonly catalog: SchemaSnapshot;
  /** The whole catalog model verifySchema read: a check judges it instead of reading the catalog again. */
  readonly model: CatalogModel;
  /** The release's manifest the database is verified against. */
  readonly manifest: SchemaManifest;
}

/**
 * A check contributed from outside this package, run by verifySchema after its own checks and reported like them
 * (category `extra`, id `extra/<id>`). The CLI uses it to add the SDK's row-schema contract check without
 * @iprs/conformance depending on @iprs/sdk. A check that throws is reported as failed with the error's message.
 */
export interface ExtraCheck {
  /** Stable, e.g. `sdk-row-schemas`. */
  readonly id: string;
  readonly title: string;
  readonly run: (context: ExtraCheckContext) => readonly Finding[] | Promise<readonly Finding[]>;
}
