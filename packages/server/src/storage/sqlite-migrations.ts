/**
 * Schema versions of the SQLite store, applied in order. `PRAGMA user_version` records how many
 * have run, so a data directory written by an older server is upgraded on open. Never edit a
 * published migration; append a new one.
 */
export const sqliteMigrations: readonly string[] = [
  // 1: conversations as open JSON documents, a member index that doubles as the delivery cursor,
  // and message history ordered per conversation by `seq`.
  `
  CREATE TABLE conversations (
    id TEXT PRIMARY KEY,
    -- the _Conversation document without lm (kept in lm_ms so a send does not rewrite the JSON)
    doc TEXT NOT NULL,
    is_transient INTEGER NOT NULL DEFAULT 0,
    is_system INTEGER NOT NULL DEFAULT 0,
    -- sorted member ids joined by newline when created with unique: true, for the unique lookup
    unique_key TEXT,
    last_seq INTEGER NOT NULL DEFAULT 0,
    lm_ms INTEGER
  );
  CREATE INDEX conversations_unique ON conversations(unique_key) WHERE unique_key IS NOT NULL;

  CREATE TABLE members (
    cid TEXT NOT NULL,
    client_id TEXT NOT NULL,
    -- highest seq this member acknowledged or that predates its joining
    delivered_seq INTEGER NOT NULL,
    PRIMARY KEY (cid, client_id)
  ) WITHOUT ROWID;
  CREATE INDEX members_by_client ON members(client_id, cid);

  CREATE TABLE messages (
    cid TEXT NOT NULL,
    seq INTEGER NOT NULL,
    id TEXT NOT NULL,
    from_client TEXT NOT NULL,
    data TEXT NOT NULL,
    timestamp INTEGER NOT NULL,
    wants_receipt INTEGER NOT NULL DEFAULT 0,
    ack_at INTEGER,
    PRIMARY KEY (cid, seq)
  ) WITHOUT ROWID;
  CREATE UNIQUE INDEX messages_id ON messages(id);
  CREATE INDEX messages_history ON messages(cid, timestamp, seq);
  `,
];
