import { compileWhere, InvalidWhereError } from '../../src/query/where-matcher';
import { compileSort } from '../../src/query/conversation-sort';

const doc = {
  objectId: 'aaaaaaaaaaaaaaaaaaaaaaaa',
  name: 'Lobby',
  attr: { level: 3, tags: ['a', 'b'], owner: { id: 'x' } },
  c: 'alice',
  m: ['alice', 'bob'],
  tr: false,
  lm: { __type: 'Date', iso: '2026-01-02T00:00:00.000Z' },
  createdAt: '2026-01-01T00:00:00.000Z',
};
const matches = (where: Record<string, unknown>) => compileWhere(where)(doc);

describe('where matcher', () => {
  it('treats equality on an array field as contains, and on objects as deep equality', () => {
    expect(matches({ m: 'bob' })).toBe(true);
    expect(matches({ m: 'carol' })).toBe(false);
    expect(matches({ m: ['alice', 'bob'] })).toBe(true);
    expect(matches({ 'attr.owner': { id: 'x' } })).toBe(true);
    expect(matches({ 'attr.owner': { id: 'y' } })).toBe(false);
    expect(matches({ name: 'Lobby', c: 'alice' })).toBe(true);
    expect(matches({ name: 'Lobby', c: 'bob' })).toBe(false);
  });

  it('supports $ne, $in, $nin, $all, $exists, $size', () => {
    expect(matches({ name: { $ne: 'Other' } })).toBe(true);
    expect(matches({ m: { $ne: 'bob' } })).toBe(false);
    expect(matches({ objectId: { $in: ['zzz', 'aaaaaaaaaaaaaaaaaaaaaaaa'] } })).toBe(true);
    expect(matches({ m: { $in: ['carol', 'bob'] } })).toBe(true);
    expect(matches({ m: { $nin: ['carol'] } })).toBe(true);
    expect(matches({ m: { $all: ['alice', 'bob'] } })).toBe(true);
    expect(matches({ m: { $all: ['alice', 'carol'] } })).toBe(false);
    expect(matches({ unique: { $exists: false }, name: { $exists: true } })).toBe(true);
    expect(matches({ m: { $size: 2 } })).toBe(true);
  });

  it('compares numbers, strings and dates (Date objects against Date objects or ISO strings)', () => {
    expect(matches({ 'attr.level': { $gt: 2, $lte: 3 } })).toBe(true);
    expect(matches({ 'attr.level': { $lt: 3 } })).toBe(false);
    expect(matches({ name: { $gte: 'L' } })).toBe(true);
    expect(matches({ 'attr.level': { $gt: '2' } })).toBe(false);
    expect(matches({ lm: { $gt: { __type: 'Date', iso: '2026-01-01T12:00:00.000Z' } } })).toBe(true);
    expect(matches({ createdAt: { $lt: { __type: 'Date', iso: '2026-01-01T12:00:00.000Z' } } })).toBe(true);
    expect(matches({ lm: { __type: 'Date', iso: '2026-01-02T00:00:00.000Z' } })).toBe(true);
  });

  it('supports $regex with $options, and $or / $and / $nor', () => {
    expect(matches({ name: { $regex: '^lob', $options: 'i' } })).toBe(true);
    expect(matches({ name: { $regex: '^lob' } })).toBe(false);
    expect(matches({ $or: [{ name: 'x' }, { c: 'alice' }] })).toBe(true);
    expect(matches({ $and: [{ name: 'Lobby' }, { c: 'bob' }] })).toBe(false);
    expect(matches({ $nor: [{ name: 'x' }] })).toBe(true);
    expect(matches({})).toBe(true);
  });

  it('refuses operators it does not know and malformed operands', () => {
    for (const where of [{ name: { $near: 1 } }, { $where: 'x' }, { m: { $in: 'x' } }, { name: { $regex: '(' } }, { $or: {} }, { n: { $lt: {} } }]) {
      expect(() => compileWhere(where as Record<string, unknown>)).toThrow(InvalidWhereError);
    }
  });
});

describe('conversation sort', () => {
  const docs = [
    { name: 'b', lm: { __type: 'Date', iso: '2026-01-01T00:00:00.000Z' }, n: 1 },
    { name: 'a', n: 2 },
    { name: 'c', lm: { __type: 'Date', iso: '2026-01-03T00:00:00.000Z' }, n: 2 },
  ];
  const order = (sort: string) => [...docs].sort(compileSort(sort)!).map((d) => d.name);

  it('sorts by several fields, descending with -, dates by time, missing values first ascending', () => {
    expect(order('-lm')).toEqual(['c', 'b', 'a']);
    expect(order('lm')).toEqual(['a', 'b', 'c']);
    expect(order('-n,name')).toEqual(['a', 'c', 'b']);
    expect(compileSort('')).toBeUndefined();
  });
});
