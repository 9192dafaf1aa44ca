import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../common/errors.js';
import { IngestKeyVerifier } from './ingest-keys.js';

/** Only a valid, unrevoked ingest key may post events. */
@Injectable()
export class IngestKeyGuard implements CanActivate {
  constructor(@Inject(IngestKeyVerifier) private readonly keys: IngestKeyVerifier) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<FastifyRequest & { ingestKeyId?: string }>();
    const header = req.headers.authorization;
    if (!header) throw new ApiError(401, 'UNAUTHENTICATED', 'Authorization: Bearer <ingest key> is required', 'authorization');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new ApiError(401, 'UNAUTHENTICATED', 'Authorization must be "Bearer <ingest key>"', 'authorization');
    const id = await this.keys.verify(match[1]!);
    if (!id) throw new ApiError(403, 'FORBIDDEN', 'this key may not post events (unknown or revoked ingest key)', 'authorization');
    req.ingestKeyId = id;
    return true;
  }
}
