import { watchNetworkSignals } from '@realtime/browser';

// A page without a browser: an EventTarget stands in for `window`, another for `document`.
const page = new EventTarget();
const document = Object.assign(new EventTarget(), { visibilityState: 'hidden' });
const globals = globalThis as unknown as Record<string, unknown>;

afterEach(() => {
  delete globals.addEventListener;
  delete globals.document;
});

function installPage() {
  Object.assign(globals, { addEventListener: page.addEventListener.bind(page), document });
}

describe('watchNetworkSignals', () => {
  it('reports online, offline and the page becoming visible until stopped', () => {
    installPage();
    const seen: string[] = [];
    const stop = watchNetworkSignals({ onOnline: () => seen.push('online'), onOffline: () => seen.push('offline') });
    page.dispatchEvent(new Event('online'));
    page.dispatchEvent(new Event('offline'));
    document.visibilityState = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    document.visibilityState = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    stop();
    page.dispatchEvent(new Event('online'));
    document.dispatchEvent(new Event('visibilitychange'));
    expect(seen).toEqual(['online', 'offline', 'online']);
  });

  it('watches nothing, and does not throw, where there are no window events (server-side rendering)', () => {
    const stop = watchNetworkSignals({ onOnline: () => undefined });
    expect(() => stop()).not.toThrow();
  });
});
