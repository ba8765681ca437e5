// Counts every message at every receiver: one bit per (receiver, sender, seq), so a
// duplicate is exact and a loss is "expected − distinct", without a Set per message.
export class DeliveryTracker {
  constructor() {
    this.bitsByReceiverSender = new Map(); // `${receiver}:${sender}` → Uint8Array bitmap
    this.distinct = 0;
    this.duplicates = 0;
  }

  /** Returns true when this receiver had not seen (sender, seq) before. */
  record(receiverIdx, senderIdx, seq) {
    const key = receiverIdx * 1_000_003 + senderIdx;
    let bits = this.bitsByReceiverSender.get(key);
    const byte = seq >> 3;
    if (!bits || bits.length <= byte) {
      const grown = new Uint8Array(Math.max(64, (byte + 1) * 2));
      if (bits) grown.set(bits);
      bits = grown;
      this.bitsByReceiverSender.set(key, bits);
    }
    const mask = 1 << (seq & 7);
    if (bits[byte] & mask) {
      this.duplicates += 1;
      return false;
    }
    bits[byte] |= mask;
    this.distinct += 1;
    return true;
  }
}
