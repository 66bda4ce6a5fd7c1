// Every simulated service, in routing order (echo first: it claims one path on every host).
import type { SimModuleFactory } from './module.ts';
import { echoModule } from './echo/echo.ts';
import { wechatModule } from './wechat/index.ts';
import { weiboModule } from './weibo/index.ts';
import { qqModule } from './qq/index.ts';

export const ALL_MODULES: SimModuleFactory[] = [echoModule, wechatModule, weiboModule, qqModule];
