/** How much of a remote's JSON or error reply Ferry reads; blob streams are not limited by this. */
const REMOTE_REPLY_LIMIT = 64 * 1024;

/** An undici body, a Node stream, or a fetch Response's body (async-iterable in Node). */
type ReplyBody = AsyncIterable<Uint8Array> | ReadableStream<Uint8Array> | null | undefined;

export type LimitedText = { text: string; truncated: boolean };

/**
 * Reads at most `limit` bytes of a reply body (an undici body or a fetch Response body), then
 * stops reading and closes it: a hostile or broken peer cannot make Ferry buffer an endless reply.
 */
export async function readLimitedText(body: ReplyBody, limit = REMOTE_REPLY_LIMIT): Promise<LimitedText> {
  if (!body) return { text: '', truncated: false };
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  // Leaving the loop early (break) destroys a Node stream and cancels a web stream.
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    const buffer = Buffer.from(chunk);
    if (size + buffer.length > limit) {
      chunks.push(buffer.subarray(0, limit - size));
      truncated = true;
      break;
    }
    chunks.push(buffer);
    size += buffer.length;
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated };
}

/** Parses a JSON reply of at most `limit` bytes; a longer reply is an error naming the peer. */
export async function readLimitedJson(body: ReplyBody, peer: string, limit = REMOTE_REPLY_LIMIT): Promise<unknown> {
  const { text, truncated } = await readLimitedText(body, limit);
  if (truncated) throw new Error(`${peer} sent a reply larger than ${limit / 1024} KiB`);
  return JSON.parse(text);
}
