/**
 * What the presence signals keep of a client's address: keyed hashes of its network (IPv4 /24, IPv6 /56,
 * about one building's or one household's range) and of the exact address. Without the server's key
 * neither can be turned back into an address, and nothing else of it is stored.
 */
import { createHmac } from "node:crypto";
import { BlockList, isIPv4, isIPv6 } from "node:net";
import { config } from "../config";

let key: Buffer | undefined;
const hashKey = () => (key ??= createHmac("sha256", config().AUTH_SECRET).update("presenca presence networks").digest());
const keyed = (label: string, value: string) =>
  createHmac("sha256", hashKey()).update(`${label}|${value}`).digest("base64url").slice(0, 16);

/** An IPv4-mapped IPv6 address ("::ffff:10.0.0.1") is the IPv4 address it carries. */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

function expandIPv6(address: string): number[] | null {
  const [head = "", tail] = address.split("::");
  const part = (s: string) => (s ? s.split(":") : []);
  const h = part(head);
  const t = tail === undefined ? [] : part(tail);
  const missing = 8 - h.length - t.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return null;
  const groups = [...h, ...Array<string>(missing).fill("0"), ...t].map((g) => parseInt(g, 16));
  return groups.some((g) => Number.isNaN(g)) ? null : groups;
}

/** The network an address belongs to, as text: "192.0.2.0/24" or "2001:db8:0:100::/56". */
export function networkOf(address: string): string | null {
  const plain = plainAddress(address.trim());
  if (isIPv4(plain)) return `${plain.split(".").slice(0, 3).join(".")}.0/24`;
  if (!isIPv6(plain)) return null;
  const groups = expandIPv6(plain.split("%")[0] ?? "");
  if (!groups) return null;
  const fourth = (groups[3] ?? 0) & 0xff00;
  return `${groups
    .slice(0, 3)
    .map((g) => g.toString(16))
    .join(":")}:${fourth.toString(16)}::/56`;
}

export type ClientPlace = { network: string | null; source: string | null };

/** The keyed hashes kept with a check-in; null when the address is unknown. */
export function placeOf(address: string | null): ClientPlace {
  if (!address) return { network: null, source: null };
  const network = networkOf(address);
  return { network: network ? keyed("net", network) : null, source: keyed("addr", plainAddress(address.trim())) };
}

/** Whether an address falls in one of these CIDR ranges (campus Wi-Fi behind NAT, say). */
export function inRanges(address: string | null, ranges: readonly string[]): boolean {
  if (!address || ranges.length === 0) return false;
  const plain = plainAddress(address.trim());
  const family = isIPv4(plain) ? "ipv4" : isIPv6(plain) ? "ipv6" : null;
  if (!family) return false;
  const list = new BlockList();
  for (const range of ranges) {
    const [net = "", bits = ""] = range.split("/");
    list.addSubnet(net, Number(bits), isIPv4(net) ? "ipv4" : "ipv6");
  }
  return list.check(plain, family);
}
