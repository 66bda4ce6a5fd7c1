// Connects stored incoming messages to the auto-reply engine. (Filled in with the engine.)
import type { Engine, IncomingListener } from './engine.ts';

export function autoReplyListener(_engine: Engine): IncomingListener {
  return { onIncoming: () => undefined };
}
