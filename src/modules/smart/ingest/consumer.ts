// One MQTT subscriber of the ingest. QoS 1, a persistent session under a stable client id (a restarted
// process gets back what it had not acknowledged), and each PUBACK held until the batch holding its message
// has committed. mqtt.js handles incoming publishes one at a time and sends the PUBACK as soon as its
// handleMessage answers; answering at once keeps the stream flowing, and the PUBACK itself is held back here
// (by packet id, for this connection only: after a reconnect the broker sends the message again, and an
// old id may name a new message) until `ack` is called.
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';

export interface BrokerAccount {
  url: string;
  username: string;
  password: string;
  /** 5 on a broker that shares subscriptions ($share/…); 4 (3.1.1) on the embedded one. */
  protocolVersion: 4 | 5;
}

export interface Received {
  topic: string;
  payload: Buffer;
  /** Sends the held PUBACK (no-op when the connection it came on is gone). */
  ack(): void;
}

export interface Consumer {
  client: MqttClient;
  /** Connected and its subscription acknowledged. */
  subscribed(): boolean;
  close(): Promise<void>;
}

interface Sendable {
  _sendPacket(packet: { cmd: string; messageId?: number }, cb?: (err?: Error) => void, ...rest: unknown[]): void;
}

/**
 * At most this many messages held unacknowledged in the process: beyond it the client stops reading the socket
 * (mqtt.js reads the next packet only once the last one is handled), so a backlog waits in the broker's queue,
 * not in this process's memory.
 */
export const MAX_PENDING = 20_000;

export function startConsumer(
  account: BrokerAccount,
  opts: {
    clientId: string;
    filter: string;
    onMessage(m: Received): void;
    onUp(): void;
    onDown(): void;
    onError(err: Error): void;
  },
): Consumer {
  let generation = 0;
  const held = new Set<number>();
  // The handler's answer withheld while too many messages wait for their commit (see MAX_PENDING).
  let paused: (() => void) | undefined;
  const resume = () => {
    const go = paused;
    paused = undefined;
    go?.();
  };
  const options: IClientOptions = {
    clientId: opts.clientId,
    username: account.username,
    password: account.password,
    protocolVersion: account.protocolVersion,
    clean: false,
    reconnectPeriod: 500,
    connectTimeout: 10_000,
    keepalive: 30,
    // Subscribed again at every connect, below: mqtt.js skips that when the broker says the session is present,
    // yet Mosquitto 2.0 restores a persisted session without its shared subscriptions.
    resubscribe: false,
    ...(account.protocolVersion === 5 ? { properties: { sessionExpiryInterval: 7 * 86_400, receiveMaximum: 65_535 } } : {}),
  };
  const client = mqtt.connect(account.url, options);
  // Every QoS 1 publish passes here before its PUBACK (customHandleAcks is consulted on MQTT 5 only).
  client.handleMessage = (packet, done) => {
    const topic = packet.topic;
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : Buffer.from(packet.payload);
    if (packet.messageId !== undefined && packet.qos > 0) {
      const id = packet.messageId;
      const gen = generation;
      held.add(id);
      opts.onMessage({
        topic,
        payload,
        ack() {
          if (gen !== generation || !held.delete(id) || !client.connected) return;
          original({ cmd: 'puback', messageId: id });
          if (paused && held.size < MAX_PENDING / 2) resume();
        },
      });
    } else opts.onMessage({ topic, payload, ack: () => undefined });
    if (held.size >= MAX_PENDING) paused = () => done();
    else done();
  };
  const sendable = client as unknown as Sendable;
  const original = sendable._sendPacket.bind(client);
  sendable._sendPacket = (packet, cb, ...rest) => {
    if (packet.cmd === 'puback' && packet.messageId !== undefined && held.has(packet.messageId)) {
      cb?.();
      return;
    }
    original(packet, cb, ...rest);
  };
  // Nothing the client emits as 'message' is used: everything arrives through customHandleAcks.
  let subscribed = false;
  client.on('connect', () => {
    client.subscribe(opts.filter, { qos: 1 }, (err, granted) => {
      if (err) opts.onError(err);
      else subscribed = client.connected && !!granted?.every((g) => g.qos === 1);
    });
    opts.onUp();
  });
  client.on('close', () => {
    subscribed = false;
    generation++;
    held.clear();
    // The connection's packet stream is gone; the next connection reads afresh.
    paused = undefined;
    opts.onDown();
  });
  client.on('error', (err) => opts.onError(err));
  return {
    client,
    subscribed: () => subscribed,
    close: () => new Promise<void>((resolve) => client.end(false, {}, () => resolve())),
  };
}
