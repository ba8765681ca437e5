import type { Connection } from '../connection/connection';
import { RealtimeError } from '../errors/realtime-error';
import type { ConversationRecord } from '../protocol/frames';
import type { Conversation } from './conversation';

/** Conversation field names as the API spells them → storage columns (protocol §2.13). */
const columns: Readonly<Record<string, string>> = {
  id: 'objectId', members: 'm', creator: 'c', transient: 'tr', lastMessageAt: 'lm', attributes: 'attr',
};

function column(key: string): string {
  if (typeof key !== 'string' || !key) throw new RealtimeError('INVALID_ARGUMENT', 'A query key must be a non-empty string');
  const [head, ...rest] = key.split('.');
  return [columns[head] ?? head, ...rest].join('.');
}

function encodeValue(value: unknown): unknown {
  return value instanceof Date ? { __type: 'Date', iso: value.toISOString() } : value;
}

/** What a query needs from its client. Internal seam. */
export interface ConversationQueryHost {
  readonly id: string;
  readonly connection: Connection;
  conversationFromRecord(record: ConversationRecord): Conversation;
}

/**
 * Builds a `conv query` (protocol §2.6): `client.getQuery().containsMembers(['bob']).descending('lastMessageAt').limit(5).find()`.
 * Without any condition it finds the conversations the client is a member of.
 */
export class ConversationQuery {
  #host: ConversationQueryHost;
  #where: Record<string, unknown> = {};
  #sort: string[] = [];
  #limit = 10;
  #skip = 0;
  #flag = 0;

  /** @internal built by IMClient.getQuery() */
  constructor(host: ConversationQueryHost) {
    this.#host = host;
  }

  equalTo(key: string, value: unknown): this {
    this.#where[column(key)] = encodeValue(value);
    return this;
  }

  notEqualTo(key: string, value: unknown): this {
    return this.#condition(key, '$ne', encodeValue(value));
  }

  containedIn(key: string, values: unknown[]): this {
    return this.#condition(key, '$in', values.map(encodeValue));
  }

  notContainedIn(key: string, values: unknown[]): this {
    return this.#condition(key, '$nin', values.map(encodeValue));
  }

  /** Conversations whose members include all of `clientIds`. */
  containsMembers(clientIds: string[]): this {
    return this.#condition('members', '$all', [...clientIds]);
  }

  /** Conversations whose members are exactly `clientIds` (in any order). */
  withMembers(clientIds: string[]): this {
    this.containsMembers(clientIds);
    return this.#condition('members', '$size', clientIds.length);
  }

  lessThan(key: string, value: unknown): this { return this.#condition(key, '$lt', encodeValue(value)); }
  lessThanOrEqualTo(key: string, value: unknown): this { return this.#condition(key, '$lte', encodeValue(value)); }
  greaterThan(key: string, value: unknown): this { return this.#condition(key, '$gt', encodeValue(value)); }
  greaterThanOrEqualTo(key: string, value: unknown): this { return this.#condition(key, '$gte', encodeValue(value)); }
  exists(key: string): this { return this.#condition(key, '$exists', true); }
  doesNotExist(key: string): this { return this.#condition(key, '$exists', false); }

  limit(limit: number): this {
    if (!Number.isInteger(limit) || limit < 1) throw new RealtimeError('INVALID_ARGUMENT', 'limit must be a positive integer');
    this.#limit = limit;
    return this;
  }

  skip(skip: number): this {
    if (!Number.isInteger(skip) || skip < 0) throw new RealtimeError('INVALID_ARGUMENT', 'skip must be a non-negative integer');
    this.#skip = skip;
    return this;
  }

  ascending(key: string): this {
    this.#sort = [column(key)];
    return this;
  }

  addAscending(key: string): this {
    this.#sort.push(column(key));
    return this;
  }

  descending(key: string): this {
    this.#sort = [`-${column(key)}`];
    return this;
  }

  addDescending(key: string): this {
    this.#sort.push(`-${column(key)}`);
    return this;
  }

  /** Leave out member lists (smaller replies). @default false */
  compact(isCompact = true): this {
    this.#flag = isCompact ? this.#flag | 1 : this.#flag & ~1;
    return this;
  }

  /** Include each conversation's last message as `lastMessage`. @default false */
  withLastMessagesRefreshed(isEnabled = true): this {
    this.#flag = isEnabled ? this.#flag | 2 : this.#flag & ~2;
    return this;
  }

  async find(): Promise<Conversation[]> {
    const where = Object.keys(this.#where).length > 0 ? this.#where : { m: this.#host.id };
    const reply = await this.#host.connection.request({
      cmd: 'conv', op: 'query', where, sort: this.#sort.length > 0 ? this.#sort.join(',') : '-lm',
      limit: this.#limit, skip: this.#skip, flag: this.#flag,
    });
    return reply.results.map((record) => this.#host.conversationFromRecord(record));
  }

  /** The first match, or null. */
  async first(): Promise<Conversation | null> {
    const [conversation] = await this.limit(1).find();
    return conversation ?? null;
  }

  #condition(key: string, operator: string, value: unknown): this {
    const name = column(key);
    const existing = this.#where[name];
    const conditions = existing && typeof existing === 'object' && !Array.isArray(existing) && !('__type' in existing)
      ? (existing as Record<string, unknown>) : {};
    this.#where[name] = { ...conditions, [operator]: value };
    return this;
  }
}
