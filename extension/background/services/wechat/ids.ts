// Locally minted ids (protocol digest §1.2, §2.12).

function digits(count: number, random: () => number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(Math.min(9, Math.floor(random() * 10)));
  return out;
}

/** `e` + 15 random digits [W4U, IC, OW, WB]; we keep one per session like OW. */
export function makeDeviceId(random: () => number): string {
  return `e${digits(15, random)}`;
}

/**
 * ClientMsgId / LocalID (the same value in both fields): ms timestamp "shifted left 4 digits" plus 4
 * random digits, as documented in WB's API table: a 17-digit numeric string. Kept a string because
 * it exceeds 2^53.
 */
export function makeClientMsgId(nowMs: number, random: () => number): string {
  return `${Math.floor(nowMs)}${digits(4, random)}`;
}
