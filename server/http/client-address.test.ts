import { describe, expect, it } from 'vitest';
import { addressKey, networkKeys } from './client-address.ts';

describe('addressKey', () => {
  it('keeps an IPv4 address as it is', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
  });

  it('reads an IPv4-mapped IPv6 address as IPv4', () => {
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts an IPv6 address by its /64', () => {
    expect(addressKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:DB8:1:2::99')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('puts two addresses of one /64 under one key and another /64 under another', () => {
    expect(addressKey('2001:db8:0:1::1')).toBe(addressKey('2001:db8:0:1:ffff::2'));
    expect(addressKey('2001:db8:0:1::1')).not.toBe(addressKey('2001:db8:0:2::1'));
  });

  it('passes anything else through', () => {
    expect(addressKey('unknown')).toBe('unknown');
  });
});

describe('networkKeys', () => {
  it('puts an IPv4 address in its /24', () => {
    expect(networkKeys('198.51.100.7')).toEqual({ address: '198.51.100.7', network: '198.51.100.0/24' });
    expect(networkKeys('::ffff:198.51.100.7')).toEqual({ address: '198.51.100.7', network: '198.51.100.0/24' });
  });

  it('keeps an IPv6 address whole and puts it in its /64', () => {
    expect(networkKeys('2001:DB8:5:6::0a')).toEqual({ address: '2001:db8:5:6:0:0:0:a', network: '2001:db8:5:6::/64' });
    expect(networkKeys('2001:db8:5:6:ffff::1').network).toBe(networkKeys('2001:db8:5:6::1').network);
  });
});
