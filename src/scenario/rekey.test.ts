import { describe, expect, it } from 'vitest';
import { createRekeyer } from './rekey';

describe('createRekeyer', () => {
  it('maps the same id, in any case, to the same new id, and keeps upper case upper', () => {
    const rekeyer = createRekeyer(1);
    const id = '5c659748-2d34-4649-b5e2-fe93e8f7a32d';
    const mapped = rekeyer.map(id);
    expect(mapped).not.toBe(id);
    expect(rekeyer.map(id.toUpperCase())).toBe(mapped.toUpperCase());
  });

  it('replaces ids inside strings and object keys', () => {
    const rekeyer = createRekeyer(1);
    const id = '5c659748-2d34-4649-b5e2-fe93e8f7a32d';
    const out = rekeyer.apply({ url: `/calls/${id}/operations/x`, [id]: [id], n: 3, none: null });
    const mapped = rekeyer.map(id);
    expect(out).toEqual({ url: `/calls/${mapped}/operations/x`, [mapped]: [mapped], n: 3, none: null });
  });
});
