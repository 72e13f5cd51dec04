import type { SchemaSnapshot } from '../manifest/schema-snapshot.js';
import type { UnmodelledCatalog } from './unmodelled-catalog.js';

/**
 * The one model of a live schema's catalog that every iprs consumer judges: `iprs verify` compares it with a release's
 * manifest, the migration runner checks the tables a release leaves against it, and the SDK's contract check compares
 * its row schemas with it. A NOT NULL left NOT VALID (PostgreSQL 18) counts as nullable here, so it does everywhere.
 */
export interface CatalogModel {
  readonly database: string;
  readonly schema: string;
  /** Tables and functions normalised as the manifests model them, so the two compare directly. */
  readonly snapshot: SchemaSnapshot;
  /** What can change behaviour beyond that model: rewrite rules, policies, inheritance, shadowing objects, … */
  readonly unmodelled: UnmodelledCatalog;
  /** The schema's relations that are not tables (views, sequences, indexes, …), with their pg_class.relkind. */
  readonly otherRelations: readonly OtherRelation[];
}

export interface OtherRelation {
  readonly name: string;
  /** pg_class.relkind: 'v' view, 'm' materialized view, 'f' foreign table, 'S' sequence, 'i' index, … */
  readonly kind: string;
}
