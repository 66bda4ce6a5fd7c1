// The demo's scripted friend (ctx.demo): answers "收到: <text>" to text sent to it and says hello
// now and then; a group chats too, so the popup has something to show.
import { DEMO_FRIEND_ID } from './book-generator.ts';
import { inject } from './inject.ts';
import type { SentListener } from './send.ts';
import type { SimState } from './state.ts';
import { plainText } from './wire.ts';

const GREETINGS = ['你好！今天过得怎么样？', 'Hi there 👋 anyone home?', '晚上一起吃饭吗？', '记得带伞☔'];

export function demoScript(state: SimState): { listener: SentListener; start(): void } {
  const listener: SentListener = (_state, session, spec) => {
    if (spec.to !== DEMO_FRIEND_ID || spec.msgType !== 1) return;
    const text = plainText(spec.content.replace(/<br\/>/g, '\n'));
    state.timers.after(state.config.demoReplyDelayMs, () => {
      if (state.liveSessions(session.uin).length > 0) inject(state, { type: 'text', from: DEMO_FRIEND_ID, text: `收到: ${text}`, uin: session.uin });
    });
  };
  let round = 0;
  const greet = (): void => {
    round += 1;
    if (state.liveSessions().length > 0) {
      const text = GREETINGS[round % GREETINGS.length] ?? '你好';
      if (round % 3 === 0 && state.book.groups.has('20001@chatroom')) inject(state, { type: 'text', group: '20001@chatroom', text });
      else inject(state, { type: 'text', from: DEMO_FRIEND_ID, text });
    }
    state.timers.after(state.config.demoGreetingMs, greet);
  };
  return { listener, start: () => void state.timers.after(state.config.demoGreetingMs, greet) };
}
