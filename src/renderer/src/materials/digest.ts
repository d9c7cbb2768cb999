/**
 * SHA-256 of page bytes with the platform's native digest (WebCrypto), for the capture path only:
 * a camera frame is ~8 MB of pixels, and the native digest keeps capture-to-stored fast. Every
 * other hash goes through core/kernel; digest.test.ts checks both give the same answer.
 */
export async function pageSha256(data: BufferSource): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  let s = '';
  for (const b of d) s += b.toString(16).padStart(2, '0');
  return s;
}
