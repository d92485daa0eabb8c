// Brings @fastify/cookie's request.cookies / reply.setCookie types into every route file.
import type {} from '@fastify/cookie';

export const SESSION_COOKIE = 'landed_session';
