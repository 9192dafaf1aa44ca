/**
 * For specs that mount pages on the live connection: answers the newest socket
 * as the server would (handshake, snapshot, subscribe ack). The spec itself
 * mocks `socket.io-client` with `socketMock`, which hands out `FakeSocket`s
 * into `sockets`.
 */
import type { LiveSnapshot } from '@callboard/api/wire';
import type { FakeSocket } from './fakeSocket';

export async function serveLive(
  sockets: FakeSocket[],
  snapshot: LiveSnapshot,
  waitFor: (fn: () => void) => Promise<void>,
): Promise<FakeSocket> {
  await waitFor(() => {
    if (sockets.length === 0) throw new Error('no live socket opened yet');
  });
  const socket = sockets.at(-1)!;
  socket.accept();
  socket.snapshot(snapshot);
  socket.ack({ ok: true, seq: snapshot.seq, subscription: snapshot.subscription });
  return socket;
}
