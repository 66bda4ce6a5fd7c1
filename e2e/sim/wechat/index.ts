// Placeholder until the wechat simulator lands: claims no host.
import type { SimContext, SimModule } from '../module.ts';

export function wechatModule(_ctx: SimContext): SimModule {
  return { name: 'wechat', claims: () => false, handle() {}, control: {}, reset() {}, close() {} };
}
