// The MQTT topics of device ingest. A device publishes under its own key only (the broker's ACL:
// Mosquitto's `pattern write renova/d/%u/#`, the embedded broker's authorizePublish).
export const EVENT_TOPIC = 'renova/d/{key}/events';
/** The priority lane: SOS and fire, never behind telemetry. */
export const PRIORITY_TOPIC = 'renova/d/{key}/alert';

export const eventTopic = (key: string) => EVENT_TOPIC.replace('{key}', key);
export const priorityTopic = (key: string) => PRIORITY_TOPIC.replace('{key}', key);

/** What the consumers subscribe to (prefixed with `$share/<group>/` on a broker that shares). */
export const EVENTS_FILTER = 'renova/d/+/events';
export const PRIORITY_FILTER = 'renova/d/+/alert';

/** The device key and lane of a topic, or null for a topic that is not a device's. */
export function parseTopic(topic: string): { key: string; lane: 'events' | 'alert' } | null {
  const m = /^renova\/d\/([^/+#]{1,64})\/(events|alert)$/.exec(topic);
  return m ? { key: m[1]!, lane: m[2] as 'events' | 'alert' } : null;
}
