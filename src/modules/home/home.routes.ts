import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import { userOf } from '../../platform/http/auth.ts';
import { localeOf } from '../../platform/http/locale.ts';
import { homeReply } from './home.schemas.ts';
import { homeOf } from './home.service.ts';

export async function homeRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/me/home',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: ['home'],
        summary: "The caller's home: what their role does today, in sections within their scope, and the side menu's counts",
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
        response: { 200: homeReply },
      },
    },
    async (req) => homeOf(ctx, userOf(req), { ...req.query, locale: localeOf(req) }),
  );
}
