// The ingest's HTTP face: where devices connect, and the batch endpoint for vendors without MQTT.
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import type { ZodApp } from '../../../platform/http/app.ts';
import { ingestBatch } from './http.ts';
import { runtimeOf } from './runtime.ts';
import { EVENT_TOPIC, PRIORITY_TOPIC } from './topics.ts';

const tags = ['devices'];

export async function ingestRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/ingest/info',
    {
      config: { permission: 'devices.read' },
      schema: {
        tags,
        summary: 'Where devices connect and publish (for installers): the broker and the topic templates',
        response: {
          200: z.object({
            mqttUrl: z.string(),
            eventTopic: z.string().describe('the topic with {key} for the device key'),
            priorityTopic: z.string().describe('SOS and fire: the priority lane'),
          }),
        },
      },
    },
    async () => ({
      mqttUrl:
        runtimeOf(ctx)?.mqttUrl ??
        ctx.env.MQTT_URL ??
        `mqtt://${ctx.env.HOST === '0.0.0.0' ? '127.0.0.1' : ctx.env.HOST}:${ctx.env.MQTT_PORT}`,
      eventTopic: EVENT_TOPIC,
      priorityTopic: PRIORITY_TOPIC,
    }),
  );

  app.post(
    '/api/v1/ingest/events',
    {
      // No account: the device signs each request with `Authorization: Device <key>:<secret>`, checked inside.
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Device events over HTTP, all or nothing: each idempotent by (device, message id, time)',
        body: z.object({ events: z.array(z.unknown()).min(1) }),
        response: {
          202: z.object({
            accepted: z.number().int().describe('events stored now'),
            duplicates: z.number().int().describe('events already stored before (sent again)'),
          }),
        },
      },
    },
    async (req, reply) => {
      const result = await ingestBatch(ctx, req.headers.authorization, req.body.events);
      return reply.code(202).send(result);
    },
  );
}
