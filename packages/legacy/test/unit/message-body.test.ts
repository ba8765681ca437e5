import { encodeMessageBody } from '../../src/encode-message-body';
import { decodeMessageBody } from '../../src/decode-message-body';
import { encodeHtml } from '../../src/encode-html';
import { isLegacyError } from '../../src/legacy-error';

// The official 2.4.0 client is the oracle: its own encoder/decoder functions are called on
// the same inputs and the outputs must be identical.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const official = require('leancloud-realtime');
const officialEncode = (type: string, data: unknown) => official._engine.setMediaMsg({}, type, data);
const officialDecode = (raw: unknown, encodeHTML: boolean) =>
  official._engine.getMediaMsg({ options: { encodeHTML } }, raw);

const image = {
  text: '图片测试',
  attr: { aaa: 123 },
  url: 'https://leancloud.cn/images/123.png',
  metaData: { name: 'logo', format: 'png', height: 123, width: 123, size: 888 },
};
const mediaCases: Array<[string, Record<string, unknown>]> = [
  ['text', { text: '文本内容' }],
  ['text', { text: '<b>x</b>', attr: { k: 'v' } }],
  ['image', image],
  ['image', { url: 'u', objectId: 'o1', metaData: { name: 'n', extra: 'dropped' } }],
  ['audio', { text: 'a', url: 'https://x/a.mp3', metaData: { name: 'a', format: 'mp3', duration: 3.5, size: 10 } }],
  ['video', { url: 'https://x/v.mp4', objectId: 'f', metaData: { name: 'v', format: 'mp4', duration: 9, size: 99 } }],
  ['location', { text: 'here', metaData: { longitude: 116.3, latitude: 39.9 } }],
  ['file', { text: 'doc', url: 'https://x/f.pdf', metaData: { name: 'f.pdf', size: 1234, format: 'pdf' } }],
];

describe('encodeMessageBody (send with a type)', () => {
  it.each(mediaCases)('encodes %s exactly as 2.4.0', (type, data) => {
    expect(encodeMessageBody(data, type)).toBe(officialEncode(type, data));
  });

  it('sends strings as-is and other data as JSON when no type is given', () => {
    expect(encodeMessageBody('hello')).toBe('hello');
    expect(encodeMessageBody({ abc: 123 })).toBe('{"abc":123}');
    expect(encodeMessageBody({ _lctype: 123, x: 1 })).toBe('{"_lctype":123,"x":1}');
  });

  it('rejects a media message without metaData, like 2.4.0', () => {
    expect(() => officialEncode('image', { url: 'u' })).toThrow();
    try {
      encodeMessageBody({ url: 'u' }, 'image');
      throw new Error('not thrown');
    } catch (error) {
      expect(isLegacyError(error)).toBe(true);
      expect((error as { code: string }).code).toBe('INVALID_ARGUMENT');
    }
  });

  it('rejects an unknown type instead of sending a frame without msg', () => {
    expect(officialEncode('sticker', { metaData: {} })).toBeUndefined();
    expect(() => encodeMessageBody({ metaData: {} }, 'sticker')).toThrow(/Unknown message type "sticker"/);
  });
});

describe('decodeMessageBody (direct.msg and logs[].data)', () => {
  const bodies: unknown[] = [
    'plain <b>text</b> & more',
    '{"abc":123}',
    '{"abc":"<i>not escaped</i>"}',
    '[1,2,3]',
    '42',
    '{\n"a": 1\n}',
    ...mediaCases.map(([type, data]) => officialEncode(type, data)),
    '{"_lctype":-1,"_lctext":"<script>&","_lcattrs":{"h":"<b>"}}',
    '{"_lctype":-2,"_lcfile":{"url":"https://x/i.png"}}',
    '{"_lctype":-6,"_lcfile":{"url":"https://x/f","name":"f","size":3}}',
    '{"_lctype":-5,"_lcloc":{"longitude":23.2,"latitude":45.2}}',
    '{"_lctype":-5}',
    '{"_lctype":123,"custom":"<b>"}',
    '{"_lctype":0,"_lctext":"zero"}',
    '{"_lctype":"-1","_lctext":"a string type"}',
    '{"_lctype":-1.5,"_lctext":"x"}',
    '',
  ];

  it.each(bodies.flatMap((body) => [[body, false] as const, [body, true] as const]))(
    'decodes %j (encodeHTML %s) exactly as 2.4.0',
    (body, shouldEncodeHtml) => {
      expect(decodeMessageBody(body, shouldEncodeHtml)).toEqual(officialDecode(body, shouldEncodeHtml));
    },
  );

  it('keeps the key order of 2.4.0', () => {
    const raw = officialEncode('location', { text: 't', attr: { a: 1 }, metaData: { longitude: 1, latitude: 2 } });
    expect(Object.keys(decodeMessageBody(raw, false) as object)).toEqual(Object.keys(officialDecode(raw, false)));
  });

  it('treats a string that only looks like JSON as text instead of throwing', () => {
    expect(() => officialDecode('{not json}', false)).toThrow();
    expect(decodeMessageBody('{not json}', false)).toBe('{not json}');
    expect(decodeMessageBody('{<x>}', true)).toBe('{&lt;x&gt;}');
  });
});

describe('encodeHtml', () => {
  it('escapes exactly &, < and > and leaves quotes alone', () => {
    expect(encodeHtml(`<a href="x" title='y'>&amp;\\</a>`)).toBe(`&lt;a href="x" title='y'&gt;&amp;amp;\\&lt;/a&gt;`);
  });

  it('recurses into objects and passes other values through', () => {
    expect(encodeHtml({ a: '<', b: { c: '>' }, d: 1, e: null })).toEqual({ a: '&lt;', b: { c: '&gt;' }, d: 1, e: null });
    expect(encodeHtml(5)).toBe(5);
    expect(encodeHtml(undefined)).toBeUndefined();
  });
});
