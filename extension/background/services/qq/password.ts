// The only form of the password Switchboard keeps: the lower-case MD5 hex the Login command needs
// (PS with M5=1, A.4). Still a password equivalent, so it lives in local extension storage only.
import { md5 } from 'js-md5';

export function qqPasswordDigest(password: string): string {
  // js-md5 hashes the UTF-8 bytes of the string, as every client does before sending (A.3).
  return md5(password).toLowerCase();
}

export const isPasswordDigest = (value: string): boolean => /^[0-9a-f]{32}$/.test(value);
