/**
 * The HTTP server: the route table, authentication and role checks, one error shape,
 * the generated OpenAPI document with an interactive reference at /docs, and the portal.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import pino, { type Logger } from 'pino';
import { can } from '../domain/shared/roles.js';
import type { Actor } from '../services/context.js';
import type { Services } from '../services/create-services.js';
import { errorBody, errorHandler } from './http-errors.js';
import type { RouteSpec } from './route.js';
import { ROUTES } from './routes/index.js';
import { SESSION_COOKIE } from './session-cookie.js';

export interface AppOptions {
  services: Services;
  logger?: Logger | false;
  /** Folder with the built portal (index.html); skipped when missing. */
  webDir?: string;
  routes?: readonly RouteSpec[];
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { services } = options;
  const common = {
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: process.env.LANDED_TRUST_PROXY === 'true',
  };
  const logger = (options.logger || pino({ level: 'silent' })) as unknown as FastifyBaseLogger;
  const app = Fastify({ ...common, loggerInstance: logger });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Landed API',
        version: '1',
        description:
          'Fulfilment for cross-border sellers: accounts, users, API keys, warehouses and SKUs. Authenticate with the portal session cookie or `Authorization: Bearer lk_…` (API key). Errors always read `{ error: { code, message, details[] } }`.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key created under API keys: lk_…' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });

  for (const spec of options.routes ?? ROUTES) registerRoute(app, spec, services);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const webDir = options.webDir;
  const hasPortal = webDir !== undefined && fs.existsSync(path.join(webDir, 'index.html'));
  if (hasPortal) {
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/v1/') && (request.headers.accept ?? '').includes('text/html');
    if (hasPortal && wantsPage) return reply.type('text/html').sendFile('index.html');
    return reply.code(404).send(errorBody({ code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}.` }));
  });
  return app;
}

function registerRoute(app: FastifyInstance, spec: RouteSpec, services: Services) {
  const schema: Record<string, unknown> = {
    summary: spec.summary,
    description: spec.description,
    tags: spec.tags,
    response: spec.response,
  };
  if (spec.params) schema.params = spec.params;
  if (spec.querystring) schema.querystring = spec.querystring;
  if (spec.body) schema.body = spec.body;
  if (spec.multipart) schema.consumes = ['multipart/form-data'];
  if (spec.permission === 'public') schema.security = [];

  app.withTypeProvider<ZodTypeProvider>().route({
    method: spec.method,
    url: spec.url,
    schema,
    // Before validation: a caller without credentials learns nothing about the body's shape.
    preValidation: async (request, reply) => {
      if (spec.permission === 'public') return;
      const actor = await authenticate(request, services);
      if (!actor) {
        return reply
          .code(401)
          .send(errorBody({ code: 'unauthenticated', message: 'Sign in, or send an API key as Authorization: Bearer lk_….' }));
      }
      if (spec.permission !== 'signed_in' && !can(actor.role, spec.permission)) {
        return reply
          .code(403)
          .send(errorBody({ code: 'forbidden', message: `Your role (${actor.role}) may not ${spec.permission.replace(':', ' ')}.` }));
      }
      request.actor = actor;
    },
    handler: async (request, reply) => {
      const result = await spec.handler({
        actor: request.actor as Actor,
        params: request.params,
        query: request.query,
        body: request.body,
        services,
        request,
        reply,
      });
      if (reply.sent) return reply;
      if (spec.successStatus) reply.code(spec.successStatus);
      if (spec.successStatus === 204) return reply.send();
      return reply.send(result);
    },
  });
}

async function authenticate(request: FastifyRequest, services: Services): Promise<Actor | null> {
  const header = request.headers.authorization;
  if (header) {
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) return null;
    return services.auth.fromApiKey(token.trim());
  }
  const session = request.cookies[SESSION_COOKIE];
  return session ? services.auth.fromSession(session) : null;
}
