// Placeholder until the qq simulator lands: claims no host.
import type { SimContext, SimModule } from '../module.ts';

export function qqModule(_ctx: SimContext): SimModule {
  return { name: 'qq', claims: () => false, handle() {}, control: {}, reset() {}, close() {} };
}
