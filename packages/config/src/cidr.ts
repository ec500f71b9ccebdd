/** IPv4 CIDR arithmetic for configuration checks and subnet layout; no network calls. */
export interface Ipv4Cidr {
  /** The network address as an unsigned 32-bit integer. */
  readonly network: number;
  readonly prefixLength: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses "10.0.0.0/16"; returns an error string instead of throwing so callers can collect it. */
export function parseCidr(text: string): Ipv4Cidr | string {
  const match = CIDR_PATTERN.exec(text);
  if (!match) return 'expected an IPv4 CIDR block such as "10.10.0.0/16"';
  const octets = match.slice(1, 5).map(Number);
  const prefixLength = Number(match[5]);
  if (octets.some((octet) => octet > 255)) return 'each address octet must be between 0 and 255';
  if (prefixLength > 32) return 'the prefix length must be between 0 and 32';
  const address = octets.reduce((acc, octet) => acc * 256 + octet, 0);
  const network = address - (address % 2 ** (32 - prefixLength));
  if (network !== address) {
    return `the address has host bits set; the network address for /${prefixLength} is ${formatAddress(network)}/${prefixLength}`;
  }
  return { network, prefixLength };
}

export function formatCidr(cidr: Ipv4Cidr): string {
  return `${formatAddress(cidr.network)}/${cidr.prefixLength}`;
}

function formatAddress(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  const aEnd = a.network + 2 ** (32 - a.prefixLength);
  const bEnd = b.network + 2 ** (32 - b.prefixLength);
  return a.network < bEnd && b.network < aEnd;
}

/** The `index`-th block of `parent` split into /(prefix + newBits), like Terraform's cidrsubnet(). */
export function subnetCidr(parent: Ipv4Cidr, newBits: number, index: number): Ipv4Cidr {
  const prefixLength = parent.prefixLength + newBits;
  if (prefixLength > 28)
    throw new RangeError(
      `cannot split /${parent.prefixLength} by ${newBits} bits: AWS subnets are at most /28`,
    );
  if (index < 0 || index >= 2 ** newBits)
    throw new RangeError(`subnet index ${index} is outside 0..${2 ** newBits - 1}`);
  return { network: parent.network + index * 2 ** (32 - prefixLength), prefixLength };
}
