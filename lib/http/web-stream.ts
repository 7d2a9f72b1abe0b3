import type { Readable } from 'node:stream';

/**
 * A response body that reads the Node stream only when the client takes the previous chunk.
 * (Readable.toWeb on Node 20 reads ahead of a slow client, so a large download could gather in
 * memory.) Cancelling the response destroys the source.
 */
export function toWebStream(source: Readable): ReadableStream<Uint8Array> {
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { value, done } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      },
      cancel() {
        source.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}
