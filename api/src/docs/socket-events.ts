/**
 * A Socket.IO namespace described for the OpenAPI document: each event of its
 * socket.io event maps (`EventsMap` form) with the zod schema of its payload,
 * and of its acknowledgement when the client waits for one. The types tie the
 * schemas to the maps: an event missing here, or a schema whose type differs
 * from the map's, does not compile.
 */
import type { z } from 'zod';

export interface SocketEventSpec<Payload> {
  description: string;
  payload: z.ZodType<Payload>;
}

export interface SocketAckEventSpec<Payload, Ack> extends SocketEventSpec<Payload> {
  ack: z.ZodType<Ack>;
}

type ServerEventSpecs<M> = {
  [E in keyof M]: M[E] extends (payload: infer P) => void ? SocketEventSpec<P> : never;
};

type ClientEventSpecs<M> = {
  [E in keyof M]: M[E] extends (payload: infer P, ack: (response: infer A) => void) => void
    ? SocketAckEventSpec<P, A>
    : M[E] extends (payload: infer P) => void
      ? SocketEventSpec<P>
      : never;
};

export interface SocketNamespaceSpec<ServerToClient, ClientToServer> {
  namespace: string;
  description: string;
  serverToClient: ServerEventSpecs<ServerToClient>;
  clientToServer: ClientEventSpecs<ClientToServer>;
}

/** Any namespace, as the document builder reads it. */
export interface SocketNamespaceDoc {
  namespace: string;
  description: string;
  serverToClient: Record<string, SocketEventSpec<unknown>>;
  clientToServer: Record<string, SocketEventSpec<unknown> & { ack?: z.ZodType }>;
}
