import { describe, expect, it } from 'vitest';
import { parseRegistryAddress } from './registry-address';

describe('parseRegistryAddress', () => {
  it('refuses credentials written into the address, with or without a scheme', () => {
    for (const text of [
      'http://u:p@127.0.0.1:5000/ns',
      'https://u@registry.example/ns',
      'u:p@registry.example/ns',
      'u:p@registry.example:5000/a/b',
    ]) {
      expect(parseRegistryAddress(text), text).toEqual({
        error: 'must not contain credentials (user:password@): use the username and password fields',
      });
    }
  });

  it('still reads a plain address', () => {
    expect(parseRegistryAddress('http://127.0.0.1:5000/team/sub')).toEqual({
      scheme: 'http',
      host: '127.0.0.1:5000',
      namespace: 'team/sub',
    });
    expect(parseRegistryAddress('registry.example/ns')).toEqual({ scheme: 'https', host: 'registry.example', namespace: 'ns' });
  });
});
