import { manifestForRelease, UnknownReleaseError, type SchemaManifest } from '@iprs/schema';
import { CliError, ExitCode } from './cli-error.js';

/** The shipped manifest of `--release` (default: the newest); an unknown release is a usage error (exit 2). */
export function releaseManifest(release: string | undefined): SchemaManifest {
  try {
    return manifestForRelease(release);
  } catch (error) {
    if (error instanceof UnknownReleaseError) {
      throw new CliError(error.message, ExitCode.usageOrConnection, { cause: error });
    }
    throw error;
  }
}
