/** A value a file's beforeAll sets, read inside its tests: fails clearly when read before the hook ran. */
export function setUp<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('not set up yet: read it inside a test or a later hook');
  return value;
}
