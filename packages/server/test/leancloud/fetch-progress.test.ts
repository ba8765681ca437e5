import { PassThrough } from 'node:stream';
import { FetchProgress, formatDuration } from '../../src/leancloud/fetch-progress';

function sink(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY });
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

describe('FetchProgress', () => {
  it('summarises conversations, messages, rate and ETA', () => {
    let now = 0;
    const out = sink(false);
    const progress = new FetchProgress({ stream: out.stream, now: () => now });
    progress.phase = 'history';
    progress.conversationsTotal = 10;
    progress.conversationsDone = 2;
    progress.messagesFetched = 4000;
    now = 20_000;
    expect(progress.summary()).toBe('[history] · conversations 2/10 · messages 4,000 · 200 msg/s · ETA 1m20s');
  });

  it('redraws one line in place on a terminal, and writes plain lines otherwise', () => {
    const tty = sink(true);
    const onTty = new FetchProgress({ stream: tty.stream });
    onTty.draw();
    onTty.draw();
    onTty.log('scanned _Conversation: 3 rows');
    expect(tty.text()).toMatch(/^\r\x1b\[K\[starting\].*\r\x1b\[K\[starting\].*\r\x1b\[Kscanned _Conversation: 3 rows\n$/);

    const plain = sink(false);
    const inLog = new FetchProgress({ stream: plain.stream });
    inLog.draw();
    inLog.log('scanned _Conversation: 3 rows');
    expect(plain.text()).not.toContain('\r');
    expect(plain.text().split('\n')).toHaveLength(3);
  });

  it('formats durations for humans', () => {
    expect(formatDuration(42)).toBe('42s');
    expect(formatDuration(125)).toBe('2m05s');
    expect(formatDuration(3 * 3600 + 7 * 60)).toBe('3h07m');
  });
});
