import { manifests } from '@iprs/schema';

/**
 * The newest schema release this iprs ships, e.g. "003" (the newest of the shipped release manifests). When
 * @iprs/schema exports `newestSchemaRelease`, return that instead.
 */
export function newestSchemaRelease(): string {
  const newest = manifests.at(-1);
  if (!newest) throw new Error('@iprs/schema ships no release manifests');
  return newest.release;
}
