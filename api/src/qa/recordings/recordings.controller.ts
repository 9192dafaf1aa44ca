/** `GET /api/v1/qa/calls/{callId}/recording`: a call's recording, streamed through the API with byte ranges. */
import { Controller, Get, Headers, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../../auth/access/policy.js';
import { clientIp, principalOf } from '../../auth/access/principal.js';
import { parseInput } from '../../common/validation.js';
import { ApiOperation } from '../../docs/api-operation.js';
import { recordingParamsSchema } from './recordings.schemas.js';
import { RecordingsService } from './recordings.service.js';

@Controller('api/v1/qa/calls')
export class RecordingsController {
  constructor(private readonly service: RecordingsService) {}

  @Get(':callId/recording')
  @Allow('recordings')
  @ApiOperation({
    summary: "A call's recording",
    description:
      "The audio of the call's latest `call.recording`, streamed through the API (the recording's address is never sent to the browser). " +
      'Send `Range: bytes=first-last` to seek: 206 with `Content-Range`. Recordings are fetched only from origins on ' +
      'CALLBOARD_RECORDING_ORIGINS (simulated calls are generated). A supervisor hears the calls of their queues and teams; an agent the calls of their own evaluations once scored (submitted, acknowledged, disputed or resolved), any other call is a 403 naming callId. ' +
      'Each play from the start is audited (`recording.played`), once a minute per listener and call. ' +
      'HEAD answers with the headers only: it downloads no audio and is not audited.',
    tags: ['qa'],
    params: recordingParamsSchema,
    contentType: 'audio/*',
    responseDescription: 'The whole recording (or 206, the range asked for)',
    errors: {
      403: 'The call is outside your scope (an agent: not in one of their scored evaluations)',
      404: 'No recording of the call is stored',
      416: 'The Range is not one byte range, or lies outside the recording',
      502: 'The recording server refused, failed or is not on CALLBOARD_RECORDING_ORIGINS',
    },
  })
  async recording(
    @Param() params: unknown,
    @Headers('range') range: string | undefined,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { callId } = parseInput(recordingParamsSchema, params, 'query');
    const r = await this.service.play(principalOf(req)!, callId, range, clientIp(req), { head: req.method === 'HEAD' });
    await reply.status(r.status).headers(r.headers).send(r.body);
  }
}
