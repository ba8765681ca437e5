import type { RealtimeObject } from '@realtime/legacy';
import { ourRealtime } from '../helpers/implementations';
import { routerPath, type RunningServer } from '../helpers/legacy-test-server';
import examples from './seed-examples.json';

export interface LoggedLine {
  /** The first argument of console.log (the example's text). */
  text: string;
  /** The other arguments, copied as they were when logged. */
  data: any[];
}

/** The `console` an example gets: records every console.log and lets the test wait for lines. */
export class ExampleConsole {
  readonly lines: LoggedLine[] = [];

  log = (...args: unknown[]) => {
    // `console.log('text', data)` and `console.log(data)` are both used by the examples.
    const hasText = typeof args[0] === 'string';
    this.lines.push({ text: hasText ? (args[0] as string) : '', data: (hasText ? args.slice(1) : args).map(copy) });
  };

  /** Lines whose text starts with `prefix`; `''` finds the lines that logged only data. */
  find(prefix: string): LoggedLine[] {
    return this.lines.filter((line) => (prefix === '' ? line.text === '' : line.text.startsWith(prefix)));
  }

  /** What the `console.log(data)` lines logged, in order. */
  values(): any[] {
    return this.find('').map((line) => line.data[0]);
  }

  /** Resolves with the first `count` lines starting with `prefix`, once logged. */
  async waitFor(prefix: string, count = 1, timeoutMs = 5000): Promise<LoggedLine[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.find(prefix).length < count) {
      if (Date.now() > deadline) {
        throw new Error(`expected ${count} line(s) starting with "${prefix}"; logged: ${this.lines.map((l) => l.text).join(' | ')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.find(prefix).slice(0, count);
  }
}

function copy(value: unknown): unknown {
  if (value === undefined || typeof value === 'function') return value;
  return JSON.parse(
    JSON.stringify(value, (_key, inner) =>
      inner && typeof inner === 'object' && typeof inner.send === 'function' && 'id' in inner
        ? { id: inner.id, name: inner.name, attr: inner.attr }
        : inner,
    ),
  );
}

export interface ExampleRun {
  console: ExampleConsole;
  /** Every realtime object the example created, in order. */
  realtimeObjects: RealtimeObject[];
}

/**
 * Runs example `block` of the seed document as written, with only the app id (`{{appid}}`,
 * and the undeclared `appid` one example uses) and the server address (set once through
 * `AV.realtime.config({ router })`, as a migrating page would) changed. `patches` lists any
 * further textual change a test needs; each must match exactly once, and the tests name why.
 */
export function runSeedExample(
  block: number,
  server: RunningServer,
  patches: Array<[from: string, to: string]> = [],
): ExampleRun {
  const example = (examples as Array<{ block: number; code: string }>).find((e) => e.block === block);
  if (!example) throw new Error(`no example in block ${block}`);
  let code = example.code.split('{{appid}}').join(server.appId);
  for (const [from, to] of patches) {
    if (code.split(from).length !== 2) throw new Error(`patch "${from}" must match exactly once in block ${block}`);
    code = code.replace(from, to);
  }
  const realtime = ourRealtime();
  realtime.config({ router: routerPath(server.routerUrl) });
  const realtimeObjects: RealtimeObject[] = [];
  const tracked = Object.assign(
    (options: any, callback?: any) => {
      const rt = realtime(options, callback);
      realtimeObjects.push(rt);
      return rt;
    },
    { version: realtime.version, config: realtime.config },
  );
  const exampleConsole = new ExampleConsole();
  // Sloppy-mode function, like a classic <script>: `clientId` and `realtimeObj` are globals the
  // XSS example uses without declaring them; `appid` is the lower-case slip of the AV.realtime example.
  const run = new Function('AV', 'console', 'appid', 'clientId', 'realtimeObj', code);
  run({ realtime: tracked }, exampleConsole, server.appId, 'LeanCloud01', undefined);
  return { console: exampleConsole, realtimeObjects };
}
