// A city platform receiving the exchange's deliveries, in its own process (so it does not share the sender's event
// loop): answers 503 to every FAIL_EVERY-th request and 200 otherwise, and checks every signature with the secret.
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';

const port = Number(process.env.PORT);
const secret = process.env.SECRET ?? '';
const failEvery = Number(process.env.FAIL_EVERY ?? 0);
let n = 0;
let valid = 0;
let invalid = 0;
const delivered = new Set();
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const i = ++n;
    const body = Buffer.concat(chunks).toString();
    const expected = Buffer.from(
      `sha256=${createHmac('sha256', secret).update(`${req.headers['x-renova-timestamp']}.${body}`).digest('hex')}`,
    );
    const given = Buffer.from(String(req.headers['x-renova-signature']));
    if (expected.length === given.length && timingSafeEqual(expected, given)) valid++;
    else invalid++;
    const status = failEvery && i % failEvery === 0 ? 503 : 200;
    if (status === 200) delivered.add(req.headers['x-renova-event-id']);
    res.writeHead(status, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => process.send?.('ready'));
process.on('message', (m) => {
  if (m === 'stats') process.send?.({ requests: n, valid, invalid, distinctDelivered: delivered.size });
  if (m === 'reset') n = valid = invalid = 0;
  if (m === 'stop') server.close(() => process.exit(0));
});
