import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { useEmptyDatabase } from '@iprs/testkit/vitest';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { parse } from 'yaml';
import { installConsumerProject, tarballDependencies, useScratchProject } from './support/consumer-project.js';
import { runCommand } from './support/run-command.js';
import { workspaceRoot } from './support/workspace.js';

// The recipes in docs/ci, run for real: their shell steps, in a project with @iprs/cli installed from its tarball,
// against a real PostgreSQL standing in for the service container. Only the hosted services' own actions (`uses:`)
// are left out.

interface Recipe {
  /** Shell steps, in order. */
  scripts: string[];
  /** What the job sets in the environment (DATABASE_URL among them). */
  environment: Record<string, string>;
  /** The file the CI service collects as the JUnit report. */
  junitReport: string;
  /** Steps that are the CI service's own actions, not shell. */
  skipped: string[];
  /** The environment variables the CI service itself sets. */
  serviceEnvironment: Record<string, string>;
}

interface GitHubStep {
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

async function githubRecipe(): Promise<Recipe> {
  const workflow = parse(await readFile(join(workspaceRoot, 'docs/ci/github-actions.yml'), 'utf8')) as {
    jobs: Record<string, { env?: Record<string, string>; steps: GitHubStep[] }>;
  };
  const jobs = Object.values(workflow.jobs);
  expect(jobs).toHaveLength(1);
  const [job] = jobs as [(typeof jobs)[number]];
  const upload = job.steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
  return {
    scripts: job.steps.flatMap((step) => (step.run === undefined ? [] : [step.run])),
    environment: { ...job.env },
    junitReport: upload?.with?.['path'] ?? '(no actions/upload-artifact step)',
    skipped: job.steps.flatMap((step) => (step.uses === undefined ? [] : [step.uses])),
    serviceEnvironment: { CI: 'true', GITHUB_ACTIONS: 'true' },
  };
}

async function gitlabRecipe(): Promise<Recipe> {
  const pipeline = parse(await readFile(join(workspaceRoot, 'docs/ci/gitlab-ci.yml'), 'utf8')) as Record<
    string,
    {
      before_script?: string[];
      script: string[];
      variables?: Record<string, string>;
      artifacts?: { reports?: { junit?: string } };
    }
  >;
  const job = pipeline['verify-schema'];
  if (!job) throw new Error('docs/ci/gitlab-ci.yml has no verify-schema job');
  return {
    scripts: [...(job.before_script ?? []), ...job.script],
    environment: { ...job.variables },
    junitReport: job.artifacts?.reports?.junit ?? '(no artifacts:reports:junit)',
    skipped: [],
    serviceEnvironment: { CI: 'true', GITLAB_CI: 'true' },
  };
}

const tarballs = inject('iprsTarballs');
const project = await useScratchProject('ci-recipe');
const databases = { github: await useEmptyDatabase(), gitlab: await useEmptyDatabase() };

beforeAll(async () => {
  // A repository adopting iprs: @iprs/cli as a devDependency, a lockfile for the recipe's `npm ci`.
  await installConsumerProject(project, { devDependencies: tarballDependencies(tarballs, ['cli', 'schema']) });
});

describe.each([
  ['github', githubRecipe],
  ['gitlab', gitlabRecipe],
] as const)('the %s recipe in docs/ci', (service, readRecipe) => {
  test('passes DATABASE_URL, runs npm ci, iprs migrate and iprs verify with a JUnit report the service collects', async () => {
    const recipe = await readRecipe();
    expect(recipe.environment['DATABASE_URL']).toMatch(/^postgres:\/\//);
    expect(recipe.scripts).toEqual([
      'npm ci',
      'npx iprs migrate',
      `npx iprs verify --format junit --output ${recipe.junitReport}`,
    ]);
    if (service === 'github') {
      expect(recipe.skipped.map((action) => action.split('@')[0])).toEqual([
        'actions/checkout',
        'actions/setup-node',
        'actions/upload-artifact',
      ]);
    }
  });

  test('its shell steps succeed against a real PostgreSQL and the JUnit report says 0 failures', async () => {
    const recipe = await readRecipe();
    await rm(join(project, 'reports'), { recursive: true, force: true });
    const environment = {
      ...process.env,
      ...recipe.environment,
      ...recipe.serviceEnvironment,
      DATABASE_URL: databases[service],
    };
    for (const script of recipe.scripts) {
      const run = await runCommand('bash', ['-e', '-c', script], { cwd: project, env: environment });
      expect(run.exitCode, `${script}\n${run.stdout}\n${run.stderr}`).toBe(0);
    }
    const reportFile = join(project, recipe.junitReport);
    expect(existsSync(reportFile)).toBe(true);
    const report = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
      await readFile(reportFile, 'utf8'),
    ) as {
      testsuites: { tests: string; failures: string; errors: string };
    };
    expect(Number(report.testsuites.tests)).toBeGreaterThan(100);
    expect(report.testsuites.failures).toBe('0');
    expect(report.testsuites.errors).toBe('0');
  });
});
