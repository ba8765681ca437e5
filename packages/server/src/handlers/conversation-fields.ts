/**
 * Keys of `_Conversation` the server owns. `conv start`'s `attr` and `conv update` map their keys
 * onto top-level document fields (protocol §2.2, §2.6), except these.
 */
export const protectedConversationFields: ReadonlySet<string> = new Set([
  'objectId', 'c', 'm', 'mu', 'tr', 'sys', 'unique', 'lm', 'createdAt', 'updatedAt', 'ACL',
]);

/** The `attr` keys that become document fields, protected ones dropped. */
export function attributeFields(attributes: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (!protectedConversationFields.has(key) && !key.startsWith('_')) fields[key] = value;
  }
  return fields;
}
