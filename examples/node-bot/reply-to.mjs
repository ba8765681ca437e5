/**
 * What the bot answers to a text, or `undefined` to stay quiet. Pure, so it is easy to
 * change and to test; bot.mjs does the talking.
 *
 * @param {string} text what someone wrote
 * @param {{ from: string, botId: string, now?: Date }} context
 * @returns {string | undefined}
 */
export function replyTo(text, { from, botId, now = new Date() }) {
  const trimmed = text.trim();
  const command = trimmed.replace(new RegExp(`^@?${escapeRegExp(botId)}[:,]?\\s*`, 'i'), '').trim();
  const [word = '', ...rest] = command.split(/\s+/);
  switch (word.toLowerCase()) {
    case 'help':
      return 'I answer: help, ping, time, echo <text>, roll [sides]. Anything else I count.';
    case 'ping':
      return 'pong';
    case 'time':
      return `It is ${now.toISOString()} here.`;
    case 'echo':
      return rest.join(' ') || '(nothing to echo)';
    case 'roll': {
      const sides = Math.min(Math.max(Number.parseInt(rest[0] ?? '6', 10) || 6, 2), 1000);
      return `${from} rolled ${1 + Math.floor(Math.random() * sides)} (d${sides}).`;
    }
    case '':
      return undefined;
    default: {
      const words = command.split(/\s+/).length;
      return `${from}, you said ${words} word${words === 1 ? '' : 's'}. Try "help".`;
    }
  }
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
