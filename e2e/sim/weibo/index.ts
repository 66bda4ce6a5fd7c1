// Placeholder until the weibo simulator lands: claims no host.
import type { SimContext, SimModule } from '../module.ts';

export function weiboModule(_ctx: SimContext): SimModule {
  return { name: 'weibo', claims: () => false, handle() {}, control: {}, reset() {}, close() {} };
}
