import {
  AudioMessage, FileMessage, ImageMessage, LocationMessage, Message, MessageRegistry, TextMessage, TypedMessage, VideoMessage,
  type TypedMessageJSON,
} from '@realtime/core';

class StickerMessage extends TypedMessage {
  static override readonly type = 42;
  sticker = '';
  override toJSON(): TypedMessageJSON {
    return { ...super.toJSON(), sticker: this.sticker };
  }
  static override fromJSON(json: TypedMessageJSON): StickerMessage {
    const message = new StickerMessage();
    message.readCommonFields(json);
    message.sticker = String(json.sticker);
    return message;
  }
}

describe('messages', () => {
  it('encodes text with _lctype -1, text and attributes', () => {
    expect(JSON.parse(new TextMessage('hi').setAttributes({ a: 1 }).encode())).toEqual({ _lctype: -1, _lctext: 'hi', _lcattrs: { a: 1 } });
  });

  it('encodes files per protocol §5 (url, objId, metaData; files also name and size)', () => {
    const image = new ImageMessage({ url: 'u', objId: 'o', metaData: { width: 1, height: 2 } });
    expect(image.toJSON()).toEqual({ _lctype: -2, _lcfile: { url: 'u', objId: 'o', metaData: { width: 1, height: 2 } } });
    expect(new AudioMessage({ url: 'a', metaData: { duration: 3 } }).toJSON()._lctype).toBe(-3);
    expect(new VideoMessage({ url: 'v' }).toJSON()).toEqual({ _lctype: -4, _lcfile: { url: 'v' } });
    expect(new FileMessage({ url: 'f', name: 'x.pdf', size: 9 }).toJSON()).toEqual({
      _lctype: -6, _lcfile: { url: 'f', name: 'x.pdf', size: 9, metaData: { name: 'x.pdf', size: 9 } },
    });
  });

  it('encodes a location as _lcloc', () => {
    expect(new LocationMessage({ latitude: 1, longitude: 2 }, 't').toJSON()).toEqual({ _lctype: -5, _lctext: 't', _lcloc: { longitude: 2, latitude: 1 } });
  });

  it('refuses to encode a file without url or a location without coordinates', () => {
    expect(() => new ImageMessage({ url: '' }).encode()).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => new LocationMessage({ latitude: Number.NaN, longitude: 0 }).encode()).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('round-trips every built-in type through the registry', () => {
    const registry = new MessageRegistry();
    const cases: TypedMessage[] = [
      new TextMessage('t'), new ImageMessage({ url: 'i', metaData: { width: 3 } }), new AudioMessage({ url: 'a' }),
      new VideoMessage({ url: 'v' }), new LocationMessage({ latitude: 5, longitude: 6 }), new FileMessage({ url: 'f', name: 'n', size: 1 }),
    ];
    for (const original of cases) {
      const decoded = registry.decode(original.encode());
      expect(decoded).toBeInstanceOf(original.constructor);
      expect((decoded as TypedMessage).toJSON()).toEqual(original.toJSON());
    }
  });

  it('decodes app types once registered, and leaves unknown types as object content', () => {
    const registry = new MessageRegistry();
    const body = JSON.stringify({ _lctype: 42, _lctext: 'wave', sticker: 'cat' });
    expect(registry.decode(body)).not.toBeInstanceOf(TypedMessage);
    expect(registry.decode(body).content).toEqual({ _lctype: 42, _lctext: 'wave', sticker: 'cat' });
    registry.register(StickerMessage);
    const sticker = registry.decode(body) as StickerMessage;
    expect(sticker).toBeInstanceOf(StickerMessage);
    expect(sticker).toMatchObject({ text: 'wave', sticker: 'cat' });
  });

  it('rejects classes without a usable type', () => {
    class Untyped extends TypedMessage {}
    expect(() => new MessageRegistry().register(Untyped)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('rejects classes without a static fromJSON', () => {
    const noFromJSON = { type: 7, name: 'NoFromJSON' } as unknown as typeof TypedMessage;
    expect(() => new MessageRegistry().register(noFromJSON)).toThrow(expect.objectContaining({ name: 'RealtimeError', code: 'INVALID_ARGUMENT' }));
  });

  it('refuses to encode a location or file message without its object, or a non-string url, with INVALID_ARGUMENT (not a TypeError)', () => {
    const invalidArgument = expect.objectContaining({ name: 'RealtimeError', code: 'INVALID_ARGUMENT' });
    expect(() => new LocationMessage(null as never).encode()).toThrow(invalidArgument);
    expect(() => new FileMessage(null as never).encode()).toThrow(invalidArgument);
    expect(() => new ImageMessage(undefined as never).encode()).toThrow(invalidArgument);
    expect(() => new FileMessage({ url: 42 as never }).encode()).toThrow(invalidArgument);
    expect(() => new VideoMessage({ url: ['u'] as never }).encode()).toThrow(invalidArgument);
  });

  it.each([
    ['strings', { latitude: '1', longitude: 2 }, { latitude: 0, longitude: 0 }],
    ['one coordinate', { latitude: 1 }, { latitude: 0, longitude: 0 }],
    ['null', null, { latitude: 0, longitude: 0 }],
    ['a number', 5, { latitude: 0, longitude: 0 }],
    ['extra keys', { latitude: 1, longitude: 2, altitude: 3 }, { latitude: 1, longitude: 2 }],
  ])('decodes a location whose _lcloc has %s to numeric coordinates only', (_name, lcloc, location) => {
    const decoded = new MessageRegistry().decode(JSON.stringify({ _lctype: -5, _lcloc: lcloc })) as LocationMessage;
    expect(decoded).toBeInstanceOf(LocationMessage);
    expect(decoded.location).toStrictEqual(location);
    expect(() => decoded.encode()).not.toThrow();
  });

  it.each([
    ['plain text', 'hello', 'hello'],
    ['text that only looks like JSON', '{not json}', '{not json}'],
    ['a JSON array', '[1,2]', '[1,2]'],
    ['an object without _lctype', '{"a":1}', { a: 1 }],
  ])('decodes %s without throwing', (_name, body, content) => {
    const message = new MessageRegistry().decode(body);
    expect(message).toBeInstanceOf(Message);
    expect(message.content).toEqual(content);
  });
});
