// Which connector serves which service. The hub knows nothing else about protocols.
import type { ServiceId } from '../../shared/domain.ts';
import type { ConnectorFactory } from './connector.ts';
import { createWechatConnector } from './wechat/index.ts';
import { createWeiboConnector } from './weibo/index.ts';
import { createQqConnector } from './qq/index.ts';

export const CONNECTORS: Record<ServiceId, ConnectorFactory> = {
  wechat: createWechatConnector,
  weibo: createWeiboConnector,
  qq: createQqConnector,
};
