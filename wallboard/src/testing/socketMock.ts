/**
 * `socket.io-client` for specs that run the real live store and connection on
 * a fake socket. Each such spec mocks the module with this one:
 *
 *     vi.mock('socket.io-client', () => import('../testing/socketMock'));
 *
 * and imports `sockets` from here to play the server on them.
 */
import { FakeSocket } from './fakeSocket';

/** Every socket opened, the newest last; empty it in `beforeEach`. */
export const sockets: FakeSocket[] = [];

export function io(): FakeSocket {
  const socket = new FakeSocket();
  sockets.push(socket);
  return socket;
}
