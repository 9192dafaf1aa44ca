/**
 * Socket.IO for the wallboard: browser connections are accepted only from
 * allowed origins (CALLBOARD_ALLOWED_ORIGINS, or the origin the request was
 * made to), which stops another site from opening a socket with a
 * signed-in user's cookie. Clients that send no Origin are not browsers;
 * they still need a session token.
 */
import type { IncomingMessage } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';

export function originAllowed(req: Pick<IncomingMessage, 'headers'>, allowed: readonly string[] | undefined): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowed && allowed.length > 0) return allowed.includes(origin);
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export class CallboardIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly allowedOrigins: readonly string[] | undefined,
    private readonly onRefused: (req: IncomingMessage) => void,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: Partial<ServerOptions>): Server {
    return super.createIOServer(port, {
      ...(options as ServerOptions),
      serveClient: false,
      // No cross-origin reads of the polling transport.
      cors: undefined,
      // A wallboard patch is small; a big frame is a mistake or an attack.
      maxHttpBufferSize: 64 * 1024,
      // A room's patch goes out as one frame built once and written to every socket of the room; compression
      // would be per socket (each connection its own deflate context), and patches carry only what changed.
      perMessageDeflate: false,
      allowRequest: (req, callback) => {
        if (originAllowed(req, this.allowedOrigins)) return callback(null, true);
        this.onRefused(req);
        callback('origin not allowed', false);
      },
    });
  }
}
