import { describe, expect, it } from 'vitest';
import { maskSecrets } from './mask-secrets';

describe('maskSecrets', () => {
  it('masks passwords, tokens and URL credentials at any depth, and keeps the rest', () => {
    const config = { registry: 'http://127.0.0.1:5000/ns', username: 'u', password: 'p', hasPassword: true };
    const kept = { name: 'c1', empty: { password: null } };
    const masked = maskSecrets({
      ...kept,
      password: 'hunter22',
      url: 'https://bob:s3cret@peer.example:8443/x',
      configs: [config],
      newPassword: 'n',
      token: 'ferry_abc',
    });
    expect(masked).toEqual({
      ...kept,
      password: '***',
      url: 'https://***@peer.example:8443/x',
      configs: [{ ...config, password: '***' }],
      newPassword: '***',
      token: '***',
    });
    expect(JSON.stringify(masked)).not.toMatch(/hunter22|s3cret|ferry_abc/);
  });

  it('replaces what jsonb cannot store, so a refusal quoting it is still recorded', () => {
    expect(maskSecrets({ error: 'Parameter [a\u0000b] is invalid', 'x\ud800': 'ok' })).toEqual({
      error: 'Parameter [a\ufffdb] is invalid',
      'x\ufffd': 'ok',
    });
  });
});
