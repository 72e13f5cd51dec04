/** A changeset as @changesets/read returns it: file id, summary text and the packages it bumps. */
export interface ChangesetLike {
  readonly id: string;
  readonly summary: string;
  readonly releases: readonly { readonly name: string; readonly type: string }[];
}

const headline = /^Schema release (\d+): \S/;
const mention = /Schema releases? (\d+)/g;

/**
 * What is wrong with how changesets announce schema releases (see .changeset/README.md): a shipped release no pending
 * changeset and no CHANGELOG names; a release named anywhere but the first line, or one that is not shipped; a release
 * changeset without a minor bump of @iprs/schema; two changesets for one release. Empty when all is well.
 */
export function schemaReleaseChangesetProblems(
  shippedReleases: readonly string[],
  changesets: readonly ChangesetLike[],
  changelog: string,
): string[] {
  const problems: string[] = [];
  const announcedBy = new Map<string, string[]>();
  for (const changeset of changesets) {
    const [firstLine = '', ...rest] = changeset.summary.trim().split('\n');
    const release = headline.exec(firstLine)?.[1];
    for (const [, mentioned] of rest.join('\n').matchAll(mention)) {
      problems.push(
        `${changeset.id}: names schema release ${mentioned} after the first line; start the summary with it`,
      );
    }
    if (release === undefined) {
      if (/^Schema releases? \d/.test(firstLine)) {
        problems.push(`${changeset.id}: one release per changeset, first line "Schema release NNN: what it adds"`);
      }
      continue;
    }
    if (!shippedReleases.includes(release)) {
      problems.push(`${changeset.id}: names schema release ${release}, but sql/ has no ${release}_*.sql`);
    }
    const schemaBump = changeset.releases.find((bump) => bump.name === '@iprs/schema')?.type;
    if (schemaBump !== 'minor') {
      problems.push(
        `${changeset.id}: adds schema release ${release} but bumps @iprs/schema ${schemaBump ?? 'not at all'}, not minor`,
      );
    }
    announcedBy.set(release, [...(announcedBy.get(release) ?? []), changeset.id]);
  }
  for (const [release, ids] of announcedBy) {
    if (ids.length > 1)
      problems.push(`schema release ${release} is announced by several changesets: ${ids.join(', ')}`);
  }
  for (const release of shippedReleases) {
    const inChangelog = new RegExp(`Schema release ${release}: `).test(changelog);
    if (!announcedBy.has(release) && !inChangelog) {
      problems.push(`sql/${release}_*.sql is named by no changeset and not by packages/schema/CHANGELOG.md`);
    }
  }
  return problems;
}
