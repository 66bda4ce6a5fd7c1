import { describe, expect, it } from 'vitest';
import { romanize } from './romanize.ts';

describe('romanize', () => {
  it('gives full pinyin and initials of Chinese names', () => {
    expect(romanize('张三')).toEqual({ initials: 'zs', full: 'zhangsan' });
    expect(romanize('重庆朋友')).toEqual({ initials: 'cqpy', full: 'chongqingpengyou' });
  });
  it('keeps latin words and digits as words', () => {
    expect(romanize('小明 Xiaoming')).toEqual({ initials: 'xmx', full: 'xiaomingxiaoming' });
    expect(romanize('朋友12')).toEqual({ initials: 'py1', full: 'pengyou12' });
    expect(romanize('Tom & Jerry')).toEqual({ initials: 'tj', full: 'tomjerry' });
  });
  it('handles punctuation between Han characters', () => {
    expect(romanize('李,雷')).toEqual({ initials: 'll', full: 'lilei' });
  });
});
