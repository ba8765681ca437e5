import type { IMClient } from '../client/im-client';
import { checkInteger } from '../errors/check-argument';
import type { Conversation } from './conversation';

/** Conversation field names as the API spells them → storage columns (protocol §2.13). */
const columns: Readonly<Record<string, string>> = {
  id: 'objectId', members: 'm', creator: 'c', transient: 'tr', lastMessageAt: 'lm', attributes: 'attr',
};

/** The storage column of `key`; only its first segment is renamed (`attributes.x` → `attr.x`). */
function column(key: string): string {
  return key.replace(/^[^.]+/, (head) => columns[head] ?? head);
}

/** Dates travel as `{ __type: 'Date', iso }`, also inside arrays. */
function encodeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(encodeValue);
  return value instanceof Date ? { __type: 'Date', iso: value.toISOString() } : value;
}

/**
 * Builds a `conv query` (protocol §2.6): `client.getQuery().containsMembers(['bob']).descending('lastMessageAt').limit(5).find()`.
 * Without any condition it finds the conversations the client is a member of.
 */
export class ConversationQuery {
  #client: IMClient;
  #where: Record<string, unknown> = {};
  #sort: string[] = [];
  #paging = { limit: 10, skip: 0 };
  #flag = 0;

  /** @internal built by IMClient.getQuery() */
  constructor(client: IMClient) {
    this.#client = client;
  }

  equalTo(key: string, value: unknown): this {
    return this.#condition(key, undefined, value);
  }

  notEqualTo(key: string, value: unknown): this { return this.#condition(key, '$ne', value); }
  containedIn(key: string, values: unknown[]): this { return this.#condition(key, '$in', values); }
  notContainedIn(key: string, values: unknown[]): this { return this.#condition(key, '$nin', values); }
  lessThan(key: string, value: unknown): this { return this.#condition(key, '$lt', value); }
  lessThanOrEqualTo(key: string, value: unknown): this { return this.#condition(key, '$lte', value); }
  greaterThan(key: string, value: unknown): this { return this.#condition(key, '$gt', value); }
  greaterThanOrEqualTo(key: string, value: unknown): this { return this.#condition(key, '$gte', value); }
  exists(key: string): this { return this.#condition(key, '$exists', true); }
  doesNotExist(key: string): this { return this.#condition(key, '$exists', false); }

  /** Conversations whose members include all of `clientIds`. */
  containsMembers(clientIds: string[]): this {
    return this.#condition('members', '$all', clientIds);
  }

  /** Conversations whose members are exactly `clientIds` (in any order). */
  withMembers(clientIds: string[]): this {
    return this.containsMembers(clientIds).#condition('members', '$size', clientIds.length);
  }

  limit(limit: number): this {
    return this.#setPaging('limit', limit, 1);
  }

  skip(skip: number): this {
    return this.#setPaging('skip', skip, 0);
  }

  ascending(key: string): this { return this.#sortBy([], key); }
  addAscending(key: string): this { return this.#sortBy(this.#sort, key); }
  descending(key: string): this { return this.#sortBy([], key, '-'); }
  addDescending(key: string): this { return this.#sortBy(this.#sort, key, '-'); }

  /** Leave out member lists (smaller replies). @default false */
  compact(isCompact = true): this {
    return this.#setFlag(1, isCompact);
  }

  /** Include each conversation's last message as `lastMessage`. @default false */
  withLastMessagesRefreshed(isEnabled = true): this {
    return this.#setFlag(2, isEnabled);
  }

  async find(): Promise<Conversation[]> {
    const { results } = await this.#client.connection.request({
      cmd: 'conv', op: 'query',
      where: Object.keys(this.#where).length > 0 ? this.#where : { m: this.#client.id },
      sort: this.#sort.join(',') || '-lm', ...this.#paging, flag: this.#flag,
    });
    return results.map((record) => this.#client.conversationFromRecord(record));
  }

  /** The first match, or null. */
  async first(): Promise<Conversation | null> {
    const [conversation] = await this.limit(1).find();
    return conversation ?? null;
  }

  /** `operator` undefined: plain equality. Operators on one key combine (`{ $gt, $lt }`); equality replaces them. */
  #condition(key: string, operator: string | undefined, value: unknown): this {
    const name = column(key);
    const existing = this.#where[name] as Record<string, unknown> | undefined;
    // Only an operator object merges: not a plain value, an array, or an encoded Date.
    const conditions = existing?.constructor === Object && !existing.__type ? existing : {};
    this.#where[name] = operator ? { ...conditions, [operator]: encodeValue(value) } : encodeValue(value);
    return this;
  }

  /** `keys` then `key`, descending with the `-` prefix. */
  #sortBy(keys: string[], key: string, prefix = ''): this {
    this.#sort = [...keys, prefix + column(key)];
    return this;
  }

  #setPaging(name: 'limit' | 'skip', value: number, min: number): this {
    this.#paging[name] = checkInteger(name, value, min);
    return this;
  }

  #setFlag(bit: number, isOn: boolean): this {
    this.#flag = isOn ? this.#flag | bit : this.#flag & ~bit;
    return this;
  }
}
