import { randomBytes, randomFillSync } from 'node:crypto';

// Ids are minted on the send path: one getrandom() per 256 of them instead of one each.
const idPool = Buffer.alloc(16 * 256);
let idPoolOffset = idPool.length;

/**
 * Message ids: 16 random bytes in base64url = 22 characters, the length and alphabet family of
 * LeanCloud's ids (protocol §1.4). base64url avoids `+` and `/`, which the original used, because
 * our ids travel in URLs of the admin/REST surface later.
 */
export function newMessageId(): string {
  if (idPoolOffset === idPool.length) {
    randomFillSync(idPool);
    idPoolOffset = 0;
  }
  idPoolOffset += 16;
  return idPool.toString('base64url', idPoolOffset - 16, idPoolOffset);
}

/**
 * Conversation ids: 24 lowercase hex characters like a storage objectId (protocol §1.4): a
 * seconds timestamp (so ids sort roughly by creation) followed by 8 random bytes.
 */
export function newConversationId(nowMs: number = Date.now()): string {
  const seconds = Math.floor(nowMs / 1000) >>> 0;
  return seconds.toString(16).padStart(8, '0') + randomBytes(8).toString('hex');
}

const objectIdPattern = /^[0-9a-f]{24}$/;

/** Whether a string has the shape of a conversation id (invalid ids answer `[]`, protocol §2.6). */
export function isConversationId(value: unknown): value is string {
  return typeof value === 'string' && objectIdPattern.test(value);
}
