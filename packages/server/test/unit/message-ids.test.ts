import { newMessageId } from '../../src/storage/ids';

describe('newMessageId', () => {
  it('mints distinct 22-character base64url ids across refills of its random pool', () => {
    const ids = Array.from({ length: 1000 }, () => newMessageId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
