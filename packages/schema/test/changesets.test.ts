import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readChangesets } from '@changesets/read';
import { describe, expect, it } from 'vitest';
import { loadMigrations } from '../src/index.js';
import { type ChangesetLike, schemaReleaseChangesetProblems } from './support/schema-release-changesets.js';

const repository = fileURLToPath(new URL('../../../', import.meta.url));
const changelogPath = fileURLToPath(new URL('../CHANGELOG.md', import.meta.url));
const changelog = existsSync(changelogPath) ? readFileSync(changelogPath, 'utf8') : '';
const releaseFiles = loadMigrations(`${repository}sql/`).map((migration) => migration.version);

describe('schema releases in changesets (.changeset/README.md)', () => {
  it('every sql/ release is announced on the first line of one minor changeset, or in the CHANGELOG', async () => {
    const changesets = await readChangesets(repository);

    expect(schemaReleaseChangesetProblems(releaseFiles, changesets, changelog)).toEqual([]);
  });

  it('the published packages form exactly one fixed version group, nothing linked', () => {
    const config = JSON.parse(readFileSync(`${repository}.changeset/config.json`, 'utf8')) as {
      fixed: string[][];
      linked: string[][];
    };
    const published = readdirSync(`${repository}packages`)
      .map((directory) => JSON.parse(readFileSync(`${repository}packages/${directory}/package.json`, 'utf8')))
      .filter((manifest: { private?: boolean }) => manifest.private !== true)
      .map((manifest: { name: string }) => manifest.name);

    expect(config.fixed).toHaveLength(1);
    expect([...(config.fixed[0] ?? [])].sort()).toEqual(published.sort());
    expect(config.linked).toEqual([]);
  });
});

describe('the changeset rules catch each way of getting them wrong', () => {
  const release = (id: string, summary: string, schema = 'minor'): ChangesetLike => ({
    id,
    summary,
    releases: [{ name: '@iprs/schema', type: schema }],
  });
  const good = [release('r1', 'Schema release 001: tables.'), release('r2', 'Schema release 002: more tables.')];

  it.each([
    {
      wrong: 'a release nobody announces',
      changesets: [good[0]!],
      changelog: '',
      problem: 'sql/002_*.sql is named by no changeset',
    },
    {
      wrong: 'a release named only after the first line',
      changesets: [good[0]!, release('r2', 'More tables.\n\nSchema release 002 adds them.')],
      changelog: '',
      problem: 'r2: names schema release 002 after the first line',
    },
    {
      wrong: 'a release that is not shipped',
      changesets: [...good, release('r9', 'Schema release 009: typo.')],
      changelog: '',
      problem: 'r9: names schema release 009, but sql/ has no 009_*.sql',
    },
    {
      wrong: 'a patch bump for a release',
      changesets: [good[0]!, release('r2', 'Schema release 002: more tables.', 'patch')],
      changelog: '',
      problem: 'r2: adds schema release 002 but bumps @iprs/schema patch, not minor',
    },
    {
      wrong: 'two releases in one changeset',
      changesets: [release('both', 'Schema releases 001 and 002: everything.')],
      changelog: '',
      problem: 'both: one release per changeset',
    },
    {
      wrong: 'two changesets for one release',
      changesets: [...good, release('again', 'Schema release 002: again.')],
      changelog: '',
      problem: 'schema release 002 is announced by several changesets: r2, again',
    },
  ])('$wrong', ({ changesets, changelog: log, problem }) => {
    expect(schemaReleaseChangesetProblems(['001', '002'], changesets, log)).toContainEqual(
      expect.stringContaining(problem),
    );
  });

  it('accepts a release announced by an earlier version in the CHANGELOG, as `changeset version` writes it', () => {
    const released = '## 0.1.0\n\n### Minor Changes\n\n- 1a2b3c4: Schema release 001: tables.\n';

    expect(schemaReleaseChangesetProblems(['001', '002'], [good[1]!], released)).toEqual([]);
    expect(schemaReleaseChangesetProblems(['001', '002'], good, '')).toEqual([]);
  });
});
