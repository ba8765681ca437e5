import { kindFromFileName, kindFromRecord } from '../../src/leancloud/record-kind';

describe('record kinds', () => {
  it('knows class files by name, in any of the accepted formats', () => {
    expect(kindFromFileName('/x/_Conversation.jsonl')).toBe('conversation');
    expect(kindFromFileName('/x/_Conversation.jsonl.gz')).toBe('conversation');
    expect(kindFromFileName('/x/_ConversationMemberInfo.json')).toBe('member-info');
    expect(kindFromFileName('/x/app_SysMessage_0.jsonl')).toBe('sys-message');
    expect(kindFromFileName('/x/page-1.json')).toBe('unknown');
  });

  it('sniffs a record by its keys', () => {
    expect(kindFromRecord({ 'msg-id': 'a', timestamp: 1 })).toBe('history');
    expect(kindFromRecord({ objectId: 'a', m: [] })).toBe('conversation');
    expect(kindFromRecord({ cid: 'a', clientId: 'b', role: 'Manager' })).toBe('member-info');
    expect(kindFromRecord({ msgId: 'a', conv: {} })).toBe('sys-message');
    expect(kindFromRecord({ objectId: 'a', title: 'not a conversation' })).toBe('unknown');
    expect(kindFromRecord([1])).toBe('unknown');
  });
});
