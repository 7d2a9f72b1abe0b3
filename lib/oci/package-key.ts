// bk-repo names an image package `docker://{image}`. The one codec for that key; no server imports,
// so forms use it too.

const PREFIX = 'docker://';

export function packageKeyOf(image: string): string {
  return `${PREFIX}${image}`;
}

/** The image of a package key; a key without the prefix is taken as the image name itself. */
export function imageOfPackageKey(key: string): string {
  return key.startsWith(PREFIX) ? key.slice(PREFIX.length) : key;
}

export function isPackageKey(key: string): boolean {
  return /^docker:\/\/[a-z0-9._/-]+$/.test(key);
}

/** The image a package constraint names by packageName or packageKey, or undefined for "every image". */
export function imageOfConstraint(constraint: { packageName?: string | null; packageKey?: string | null }): string | undefined {
  if (constraint.packageName) return constraint.packageName;
  return constraint.packageKey ? imageOfPackageKey(constraint.packageKey) : undefined;
}
