/**
 * The yardstick for bench/http.ts: a bare Fastify route on the same Node, in its own process
 * (as Hearth is), answering a short HTML string. Prints its port on stdout once listening.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async (_request, reply) =>
  reply.type('text/html; charset=utf-8').send('<!doctype html><p>bare</p>'),
);
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
if (address && typeof address === 'object') process.stdout.write(`port ${address.port}\n`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
