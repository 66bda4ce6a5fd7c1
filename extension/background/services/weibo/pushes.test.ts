import { describe, expect, it } from 'vitest';
import { fallbackDmKey, parseDelivery, timeOf } from './pushes.ts';

const SELF = '1824450144';
const NOW = 1_700_000_000_000;
const channel = '/im/51sr84_1824450144';
const push = (data: unknown, id?: string) => parseDelivery({ channel, data, ...(id ? { id } : {}) }, SELF, NOW);

describe('msg pushes', () => {
  it('2021 shape: items rows with dmid, info and ext', () => {
    const data = {
      type: 'msg',
      items: [[2000000002, '你好', 1_700_000_123_456, '', '', [], '4900000000000007', 0]],
      info: { dm_type: 1, fromuid: 2000000002, time: 1_700_000_123, dmid: '4900000000000007', content: '你好' },
      ext: { dm_type: 1, autoReply: true },
      push_did: 'x',
      dm_isRemind: 1,
    };
    expect(push(data)).toEqual([
      { kind: 'dms', dms: [{ serverId: '4900000000000007', from: '2000000002', text: '你好', at: 1_700_000_123_456, autoReply: true }] },
    ]);
  });

  it('2021 shape with only info (no items)', () => {
    const data = { type: 'msg', info: { fromuid: '2000000002', time: 1_700_000_123, dmid: 49, content: 'hi' } };
    expect(push(data)).toEqual([{ kind: 'dms', dms: [{ serverId: '49', from: '2000000002', text: 'hi', at: 1_700_000_123_000, autoReply: false }] }]);
  });

  it('2013 shape: rows [uid, text, time_ms], de-duplicated on (uid, time, text)', () => {
    const data = { type: 'msg', items: [['2000000002', 'old', 1_600_000_000_000], ['2000000003', 'two', 1_600_000_000_001]] };
    const [result] = push(data);
    expect(result).toEqual({
      kind: 'dms',
      dms: [
        { serverId: fallbackDmKey('2000000002', 1_600_000_000_000, 'old'), from: '2000000002', text: 'old', at: 1_600_000_000_000, autoReply: false },
        { serverId: fallbackDmKey('2000000003', 1_600_000_000_001, 'two'), from: '2000000003', text: 'two', at: 1_600_000_000_001, autoReply: false },
      ],
    });
    expect(fallbackDmKey('1', 2, 'a')).not.toBe(fallbackDmKey('1', 2, 'b'));
  });

  it('keeps markup as plain text and skips rows from ourselves', () => {
    const data = { type: 'msg', items: [['2000000002', '<img src=x onerror=alert(1)>', NOW], [SELF, 'mine', NOW]] };
    expect(push(data)).toEqual([{ kind: 'dms', dms: [expect.objectContaining({ text: '<img src=x onerror=alert(1)>' })] }]);
  });

  it('reports an unreadable msg push', () => {
    expect(push({ type: 'msg', items: 'nope' })).toEqual([{ kind: 'unknown', reason: 'msg push without readable items' }]);
  });
});

describe('other pushes', () => {
  it('synchroniz: sent elsewhere and read elsewhere', () => {
    expect(push({ type: 'synchroniz', syncData: JSON.stringify({ uid: 2000000002, msg: 'from phone', time: NOW, dmid: '77' }) })).toEqual([
      { kind: 'sentElsewhere', serverId: '77', peerId: '2000000002', text: 'from phone', at: NOW },
    ]);
    expect(push({ type: 'synchroniz', syncData: '{"type":"dmread","uid":"2000000002"}' })).toEqual([{ kind: 'readElsewhere', peerId: '2000000002' }]);
    expect(push({ type: 'synchroniz', syncData: '{not json' })).toEqual([{ kind: 'unknown', reason: 'synchroniz syncData is not JSON' }]);
  });

  it('command replies carry the request id', () => {
    expect(push({ ret: 0, seq: 'sbx1', dmid: '4900000000000008', time: NOW }, 'x1')).toEqual([
      { kind: 'reply', id: 'x1', ret: 0, data: { ret: 0, seq: 'sbx1', dmid: '4900000000000008', time: NOW } },
    ]);
    expect(push({ type: 'synchroniz', ret: 0 }, 'x2')).toEqual([{ kind: 'reply', id: 'x2', ret: 0, data: { type: 'synchroniz', ret: 0 } }]);
  });

  it('roster rows with presence, recents rows without', () => {
    const roster = push({ type: 'roster', ret: 0, seq: 'min', items: [['2000000002', '张三', 1], [2000000003, '李四', 0], ['bad']] }, 'r1');
    expect(roster).toEqual([
      expect.objectContaining({ kind: 'reply', id: 'r1' }),
      { kind: 'contacts', source: 'roster', contacts: [{ uid: '2000000002', nick: '张三', online: true }, { uid: '2000000003', nick: '李四', online: false }] },
    ]);
    expect(push({ type: 'recents', recents: [['2000000002', '张三', 'hi', NOW, 2]] })).toEqual([
      { kind: 'contacts', source: 'recents', contacts: [{ uid: '2000000002', nick: '张三' }] },
    ]);
  });

  it('ignores unreader, reports unknown types', () => {
    expect(push({ type: 'unreader', lastmid: '1', items: { total: 1 } })).toEqual([]);
    expect(push({ type: 'mystery' })).toEqual([{ kind: 'unknown', reason: 'push of unknown type mystery' }]);
    expect(push('text')).toEqual([{ kind: 'unknown', reason: 'push data is not an object' }]);
  });

  it('normalises times in seconds to milliseconds', () => {
    expect(timeOf(1_700_000_000, 0)).toBe(1_700_000_000_000);
    expect(timeOf('1700000000000', 0)).toBe(1_700_000_000_000);
    expect(timeOf(undefined, 5)).toBe(5);
  });
});
