import { mapConversation } from '../../src/leancloud/conversation-mapper';

const row = {
  objectId: '6a0f3c2b9e1d4f0012a7b001',
  name: 'n',
  attr: { type: 'private' },
  c: 'alice',
  m: ['alice', 'bob', 'alice'],
  mu: ['bob'],
  unique: true,
  uniqueId: '0123456789abcdef0123456789abcdef',
  lm: { __type: 'Date', iso: '2026-10-01T00:00:00.000Z' },
  ACL: { '*': { read: true } },
  chatRoomNumber: 3,
  createdAt: '2026-09-01T00:00:00.000Z',
  updatedAt: '2026-09-02T00:00:00.000Z',
};

describe('mapConversation', () => {
  it('keeps id, name, attr, creator, members, flags, times and custom columns; drops ACL', () => {
    const mapped = mapConversation(row);
    expect(mapped).toEqual({
      ok: true,
      notes: ['duplicate-members'],
      doc: {
        objectId: row.objectId,
        name: 'n',
        attr: { type: 'private' },
        c: 'alice',
        m: ['alice', 'bob'],
        mu: ['bob'],
        unique: true,
        uniqueId: row.uniqueId,
        lm: { __type: 'Date', iso: '2026-10-01T00:00:00.000Z' },
        chatRoomNumber: 3,
        createdAt: '2026-09-01T00:00:00.000Z',
        updatedAt: '2026-09-02T00:00:00.000Z',
      },
    });
  });

  it('gives chat rooms and service conversations no members', () => {
    for (const flag of ['tr', 'sys'] as const) {
      const mapped = mapConversation({ ...row, [flag]: true });
      expect(mapped.ok && mapped.doc.m).toEqual([]);
      expect(mapped.ok && mapped.notes).toContain('members-ignored');
    }
  });

  it('notes a missing creator and more than 500 members', () => {
    const { c: _c, ...noCreator } = row;
    const mapped = mapConversation({ ...noCreator, m: Array.from({ length: 501 }, (_, i) => `u${i}`) });
    expect(mapped.ok && mapped.notes.sort()).toEqual(['no-creator', 'over-500-members']);
    expect(mapped.ok && mapped.doc.m).toHaveLength(501);
  });

  it('accepts Date objects for createdAt/updatedAt', () => {
    const mapped = mapConversation({ ...row, createdAt: { __type: 'Date', iso: '2026-09-01T00:00:00.000Z' } });
    expect(mapped.ok && mapped.doc.createdAt).toBe('2026-09-01T00:00:00.000Z');
  });

  it('rejects rows without objectId and skips temporary conversations', () => {
    expect(mapConversation({ name: 'x' })).toMatchObject({ ok: false, skip: 'malformed' });
    expect(mapConversation('x')).toMatchObject({ ok: false, skip: 'malformed' });
    expect(mapConversation({ ...row, objectId: '_tmp:abc' })).toMatchObject({ ok: false, skip: 'temporary' });
  });
});
