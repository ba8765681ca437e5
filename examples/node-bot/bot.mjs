#!/usr/bin/env node
// A bot on @realtime/node: logs in, greets conversations it is added to, joins the ones listed
// in BOT_JOIN, and answers every text message from someone else (see reply-to.mjs).
//
//   REALTIME_ROUTER  router URL of the server   (default http://localhost:3000/v1/route)
//   REALTIME_APP_ID  app id                     (default realtime-dev-app, the server's dev default)
//   BOT_ID           the bot's client id        (default bot)
//   BOT_JOIN         conversation ids to join at start, comma separated (optional)
import { Realtime, TextMessage } from '@realtime/node';
import { replyTo } from './reply-to.mjs';

const router = process.env.REALTIME_ROUTER || 'http://localhost:3000/v1/route';
const appId = process.env.REALTIME_APP_ID || 'realtime-dev-app';
const botId = process.env.BOT_ID || 'bot';
const joinIds = (process.env.BOT_JOIN || '').split(',').map((id) => id.trim()).filter(Boolean);

const realtime = new Realtime({ appId, router });
const client = await realtime.createIMClient(botId);

client.on('invited', async (_payload, conversation) => {
  log(`added to ${conversation.id}`);
  await say(conversation, `Hi, I'm ${botId}. Say "help" to see what I answer.`);
});

client.on('message', async (message, conversation) => {
  if (message.from === botId || message.transient) return;
  // Text from this SDK is a TextMessage; a 2.x page may send a plain string.
  const text = message instanceof TextMessage ? message.getText() : typeof message.content === 'string' ? message.content : undefined;
  if (text === undefined) return;
  const answer = replyTo(text, { from: message.from ?? 'someone', botId });
  if (answer === undefined) return;
  // Messages that waited for us while we were offline still get an answer, marked as late.
  await say(conversation, message.offline ? `(late) ${answer}` : answer);
});

client.on('statechange', (change) => log(`connection: ${change.previous} → ${change.current}`));

for (const id of joinIds) {
  const conversation = await client.getConversation(id);
  if (!conversation) {
    log(`no conversation ${id}, skipped`);
    continue;
  }
  await conversation.join();
  log(`joined ${id}`);
}

log(`ready as ${botId} (router ${router})`);

async function say(conversation, text) {
  try {
    await conversation.send(new TextMessage(text));
  } catch (error) {
    log(`could not answer in ${conversation.id}: ${error.message}`);
  }
}

function log(line) {
  process.stdout.write(`[${botId}] ${line}\n`);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    log(`${signal}: logging out`);
    await realtime.close();
    process.exit(0);
  });
}
