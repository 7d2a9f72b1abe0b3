import { describe, expect, it } from 'vitest';
import { auditSearch } from './hooks';

describe('auditSearch', () => {
  it('sends only the filters that are set, with the page cursor', () => {
    expect(auditSearch({ projectId: 'p', userId: '', action: undefined, outcome: 'DENIED' }, 42)).toBe(
      '?projectId=p&outcome=DENIED&afterId=42',
    );
  });
  it('is empty without filters and cursor', () => {
    expect(auditSearch({})).toBe('');
  });
});
