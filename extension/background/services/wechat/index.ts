// WeChat Web ("webwx") for the hub: one connector per account (see connector.ts).
import type { ConnectorFactory } from '../connector.ts';
import { WechatConnector } from './connector.ts';

export const createWechatConnector: ConnectorFactory = (deps) => new WechatConnector(deps);
