// A minimal device publisher for bench:iot (the product's `renova simulate` is written elsewhere): gateways, each
// one MQTT connection publishing QoS 1 telemetry for its children, at a total rate, for a while. Reads its job
// from the JSON file named as its argument; prints a line when connected, and one JSON line of what it sent and
// had acknowledged by the broker.
import { readFileSync } from 'node:fs';
import mqtt, { type MqttClient } from 'mqtt';

interface Job {
  url: string;
  gateways: { key: string; secret: string; children: string[] }[];
  rate: number;
  seconds: number;
  /** Message ids start here (unique across phases). */
  prefix: string;
  /** The topic's last level: `events`, or `raw` for the bare-broker reference. */
  topic: string;
}

const job = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Job;
const clients: MqttClient[] = [];
for (let i = 0; i < job.gateways.length; i += 200) {
  await Promise.all(
    job.gateways.slice(i, i + 200).map(
      (g) =>
        new Promise<void>((resolve, reject) => {
          const c = mqtt.connect(job.url, {
            username: g.key,
            password: g.secret,
            clientId: `${g.key}-bench`,
            protocolVersion: 4,
            reconnectPeriod: 1000,
            clean: true,
          });
          clients.push(c);
          c.once('connect', () => resolve());
          c.once('error', reject);
        }),
    ),
  );
}
process.stdout.write(JSON.stringify({ ready: clients.length }) + '\n');

let sent = 0;
let acked = 0;
const start = performance.now();
const total = Math.round(job.rate * job.seconds);
const slots = job.gateways.flatMap((g, gi) => g.children.map((child) => ({ gi, child })));
let slot = 0;
const tick = 5;
await new Promise<void>((resolve) => {
  const timer = setInterval(() => {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * job.rate));
    while (sent < due) {
      const { gi, child } = slots[slot++ % slots.length]!;
      const g = job.gateways[gi]!;
      const payload = JSON.stringify({
        id: `${job.prefix}-${sent}`,
        type: 'telemetry',
        at: new Date().toISOString(),
        data: { pressureKpa: 300 },
        device: child,
      });
      sent++;
      clients[gi]!.publish(`renova/d/${g.key}/${job.topic}`, payload, { qos: 1 }, (err) => {
        if (!err) acked++;
      });
    }
    if (sent >= total) {
      clearInterval(timer);
      resolve();
    }
  }, tick);
});
const sentSeconds = (performance.now() - start) / 1000;
const deadline = Date.now() + 120_000;
while (acked < sent && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
process.stdout.write(JSON.stringify({ sent, acked, sentSeconds, ackedSeconds: (performance.now() - start) / 1000 }) + '\n');
await Promise.all(clients.map((c) => new Promise<void>((r) => c.end(false, {}, () => r()))));
process.exit(0);
