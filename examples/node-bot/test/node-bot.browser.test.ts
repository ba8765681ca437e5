import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { useChromiumAndServer } from '../../chat/test/helpers/chromium-and-server';
import { assertBuilt, repoRoot, type CliServer } from '../../chat/test/helpers/cli-server';

jest.setTimeout(60_000);

const botScript = join(repoRoot, 'examples/node-bot/bot.mjs');

/** Runs the bot the way its README says (`node bot.mjs` with env), and waits for "ready". */
async function startBot(server: CliServer, env: Record<string, string> = {}): Promise<{ process: ChildProcess; output: () => string }> {
  assertBuilt(join(repoRoot, 'packages/node/dist/index.js'));
  const bot = spawn(process.execPath, [botScript], {
    cwd: join(repoRoot, 'examples/node-bot'),
    env: { ...process.env, REALTIME_ROUTER: `${server.origin}/v1/route`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bot not ready within 10 s:\n${output}`)), 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/ready as /.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    bot.stdout!.on('data', onData);
    bot.stderr!.on('data', onData);
    bot.once('exit', (code) => reject(new Error(`bot exited with ${code}:\n${output}`)));
  });
  return { process: bot, output: () => output };
}

async function stopBot(bot: ChildProcess | undefined): Promise<number | null> {
  if (!bot || bot.exitCode !== null) return bot?.exitCode ?? null;
  return new Promise((resolve) => {
    bot.once('exit', (code) => resolve(code));
    bot.kill('SIGTERM');
  });
}

describe('examples/node-bot', () => {
  const fixture = useChromiumAndServer();
  const { newChat } = fixture;
  let bot: ChildProcess | undefined;

  afterEach(async () => {
    await stopBot(bot);
    bot = undefined;
  });

  it('greets a conversation it is added to and answers in the chat', async () => {
    bot = (await startBot(fixture.server)).process;
    const chat = await newChat();
    await chat.signIn('ivy');
    await chat.createConversation('ask the bot', ['bot']);
    await chat.expectMessage(`Hi, I'm bot.`);

    await chat.sendText('ping');
    await chat.expectMessage('pong');
    await chat.sendText('echo round trip');
    await chat.page.locator('.message[data-from="bot"] .bubble', { hasText: /^round trip$/ }).waitFor();
    await chat.expectOnline('bot', true);
  });

  it('joins the conversations named in BOT_JOIN and logs out cleanly on SIGTERM', async () => {
    const chat = await newChat();
    await chat.signIn('jack');
    const id = await chat.createConversation('open house', []);

    const started = await startBot(fixture.server, { BOT_ID: 'helper', BOT_JOIN: id });
    bot = started.process;
    expect(started.output()).toContain(`joined ${id}`);
    await chat.expectMessage(`Hi, I'm helper.`);
    await chat.sendText('helper: time');
    await chat.page.locator('.message[data-from="helper"] .bubble', { hasText: /^It is \d{4}-/ }).waitFor();

    expect(await stopBot(bot)).toBe(0);
    await chat.expectOnline('helper', false);
  });
});
