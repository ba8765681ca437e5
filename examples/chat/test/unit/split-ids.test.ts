import { splitIds } from '../../src/conversation-list';

describe('splitIds', () => {
  it('splits on commas and spaces, trims, drops empties and duplicates', () => {
    expect(splitIds(' bob, carol  dave,,bob ')).toEqual(['bob', 'carol', 'dave']);
  });

  it('gives no ids for blank input', () => {
    expect(splitIds('  ,  ')).toEqual([]);
  });
});
