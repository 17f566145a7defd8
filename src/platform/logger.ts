import pino, { type Logger } from 'pino';

// Personal data never reaches the log: credentials and cookies are redacted, and
// services log ids, never names, phones or ID numbers.
export function createLogger(level: string, stream?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
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
