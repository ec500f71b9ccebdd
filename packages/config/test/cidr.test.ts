import { cidrsOverlap, formatCidr, type Ipv4Cidr, parseCidr, subnetCidr } from '../src';

const cidr = (text: string) => parseCidr(text) as Ipv4Cidr;

describe('cidr', () => {
  it('parses and formats', () => {
    expect(formatCidr(cidr('10.10.0.0/16'))).toBe('10.10.0.0/16');
  });

  it.each([
    ['10.0.0.0', 'expected an IPv4 CIDR'],
    ['10.0.0.256/16', 'between 0 and 255'],
    ['10.0.0.0/33', 'between 0 and 32'],
    ['10.0.0.5/24', 'network address for /24 is 10.0.0.0/24'],
  ])('fails when given %s', (text, message) => {
    expect(parseCidr(text)).toEqual(expect.stringContaining(message));
  });

  it('detects overlap only when ranges share addresses', () => {
    expect(cidrsOverlap(cidr('10.0.0.0/16'), cidr('10.0.255.0/24'))).toBe(true);
    expect(cidrsOverlap(cidr('10.0.0.0/16'), cidr('10.1.0.0/16'))).toBe(false);
  });

  it('splits like terraform cidrsubnet()', () => {
    expect(formatCidr(subnetCidr(cidr('10.10.0.0/16'), 4, 0))).toBe('10.10.0.0/20');
    expect(formatCidr(subnetCidr(cidr('10.10.0.0/16'), 4, 9))).toBe('10.10.144.0/20');
    expect(() => subnetCidr(cidr('10.10.0.0/16'), 4, 16)).toThrow(/outside 0..15/);
  });
});
