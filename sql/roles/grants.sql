-- iprs roles — least-privilege access to the schema the tables live in (`current_schema()`, the first schema of the
-- search_path: `iprs grants --schema S`, or `PGOPTIONS='-c search_path=S' psql -v ON_ERROR_STOP=1 -f grants.sql`).
--
--   iprs_migrator  owns the DDL: USAGE and CREATE on the schema; run `iprs migrate` as it, so it owns what it creates
--   iprs_writer    SELECT, INSERT, UPDATE, DELETE on every table of the schema (the ledger: SELECT only); no DDL,
--                  no TRUNCATE, REFERENCES, TRIGGER or MAINTAIN
--   iprs_reader    SELECT on every table of the schema, nothing else
--
-- Not a numbered migration: roles belong to the whole cluster, creating them needs CREATEROLE (which a migrating role
-- should not hold), and numbered migrations are applied per database and recorded in its ledger. This file is
-- re-applied instead: roles are created NOLOGIN when missing, and the grants and default privileges are set again,
-- revoking what the roles must not have, so running it twice changes nothing. Run it as a superuser (or as a role
-- with CREATEROLE that owns the schema and is a member of iprs_migrator).

BEGIN;

-- Two runs on one database at once would collide on the same ACLs ("tuple concurrently updated"): take turns.
SELECT pg_advisory_xact_lock(hashtext('iprs grants'));

DO $roles$
DECLARE
  role_name text;
BEGIN
  FOREACH role_name IN ARRAY ARRAY['iprs_migrator', 'iprs_writer', 'iprs_reader'] LOOP
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = role_name) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        -- Roles are cluster-wide: another database's `iprs grants` created it in the meantime.
        NULL;
      END;
    END IF;
  END LOOP;
END
$roles$;

DO $grants$
DECLARE
  target constant text := current_schema();
  ledger constant text := 'iprs_schema_migrations';
BEGIN
  IF target IS NULL THEN
    RAISE EXCEPTION 'no schema to grant on: the search_path names no schema this role may use (none exists, or it lacks USAGE)'
      USING ERRCODE = 'invalid_schema_name';
  END IF;

  EXECUTE format('GRANT USAGE, CREATE ON SCHEMA %I TO iprs_migrator', target);
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO iprs_writer, iprs_reader', target);
  EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM iprs_writer, iprs_reader', target);

  EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO iprs_reader', target);
  EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA %I FROM iprs_reader',
                 target);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO iprs_writer', target);
  EXECUTE format('REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA %I FROM iprs_writer', target);
  IF current_setting('server_version_num')::int >= 170000 THEN
    -- MAINTAIN (VACUUM, ANALYZE, REINDEX, …) exists from PostgreSQL 17 on; it is the migrator's (the owner's) job.
    EXECUTE format('REVOKE MAINTAIN ON ALL TABLES IN SCHEMA %I FROM iprs_writer, iprs_reader', target);
  END IF;
  EXECUTE format('GRANT SELECT ON ALL SEQUENCES IN SCHEMA %I TO iprs_reader', target);
  EXECUTE format('REVOKE USAGE, UPDATE ON ALL SEQUENCES IN SCHEMA %I FROM iprs_reader', target);
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO iprs_writer', target);
  EXECUTE format('REVOKE UPDATE ON ALL SEQUENCES IN SCHEMA %I FROM iprs_writer', target);

  -- The ledger records what the migrator applied: services read it (the SDK checks the release) but never write it.
  IF to_regclass(format('%I.%I', target, ledger)) IS NOT NULL THEN
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE ON %I.%I FROM iprs_writer', target, ledger);
  END IF;

  -- Tables and sequences a later migration creates (as iprs_migrator) get the same grants without re-running this.
  EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE iprs_migrator IN SCHEMA %I GRANT SELECT ON TABLES TO iprs_reader',
                 target);
  EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE iprs_migrator IN SCHEMA %I '
                 'GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO iprs_writer', target);
  EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE iprs_migrator IN SCHEMA %I GRANT SELECT ON SEQUENCES TO iprs_reader',
                 target);
  EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE iprs_migrator IN SCHEMA %I '
                 'GRANT USAGE, SELECT ON SEQUENCES TO iprs_writer', target);
END
$grants$;

COMMIT;
