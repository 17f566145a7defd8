import pino, { type Logger } from 'pino';

// Personal data never reaches the log: credentials and cookies are redacted, and
// services log ids, never names, phones or ID numbers. A request is logged by its path only: query strings carry
// searches by name and the reason given for reading personal data.
interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

export function requestForLog(req: LoggedRequest) {
  return { method: req.method, url: req.url.split('?')[0], host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort };
}

export function createLogger(level: string, stream?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      serializers: { req: requestForLog },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          '*.password',
          '*.idNumber',
          '*.phone',
          '*.name',
        ],
        censor: '[redacted]',
      },
    },
    stream,
  );
}
