// `renova <command>`: the one entry point for people and scripts.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EnvError, loadEnv, settingsDoc } from '../config/env.ts';
import { createLogger } from '../platform/logger.ts';
import { openContext, processRoles, startIngestProcess, startServer, startWorker, type ProcessRole } from './server.ts';
import { backupCommand, backupUsage } from './backup.ts';
import { seedCity } from './seed.ts';
import { simulateUsage } from './simulate.ts';

const usage = `renova <command> [options]

  serve [--role api|worker|all|ingest]
                                start a process: the API and web UI (api), background jobs and
                                domain events (worker), both with the embedded MQTT broker (all, the
                                default of npm start), or device ingest from MQTT_URL (ingest)
  ingest                        the same as serve --role ingest
  migrate                       apply database migrations and exit
  seed --scale demo|city|province [--seed N]
                                build the demo city (idempotent)
  import <compounds|households> <file.xlsx|file.csv> --as <username>
                                import a spreadsheet with that account's scope
  export compounds <out.xlsx> --as <username> [--division CODE]
${backupUsage}${simulateUsage}  env                           list the settings Renova reads
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'backup' || command === 'restore') {
    const env = loadEnv();
    return backupCommand(command, rest, env, createLogger(env.LOG_LEVEL));
  }
  if (command === 'simulate') {
    const env = loadEnv();
    const { simulateCommand } = await import('./simulate.ts');
    return simulateCommand(rest, env, createLogger(env.LOG_LEVEL));
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      scale: { type: 'string' },
      seed: { type: 'string' },
      as: { type: 'string' },
      division: { type: 'string' },
      role: { type: 'string' },
    },
  });
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(usage);
    return command ? 0 : 1;
  }
  if (command === 'env') {
    process.stdout.write(settingsDoc.join('\n') + '\n');
    return 0;
  }
  const env = loadEnv();
  const log = createLogger(env.LOG_LEVEL);
  if (command === 'serve' || command === 'ingest') {
    const role = (command === 'ingest' ? 'ingest' : (values.role ?? 'all')) as ProcessRole;
    if (!processRoles.includes(role)) throw new Error(`--role is one of ${processRoles.join(', ')}`);
    const server =
      role === 'worker'
        ? await startWorker(env, log)
        : role === 'ingest'
          ? await startIngestProcess(env, log)
          : await startServer(env, log, { role });
    if ('url' in server) log.info({ role, url: server.url, database: server.ctx.database.mode }, 'Renova is serving');
    else if (role === 'ingest') log.info({ role, database: server.ctx.database.mode }, 'Renova ingest is running');
    else log.info({ role, database: server.ctx.database.mode }, 'Renova worker is running');
    const stop = async () => {
      await server.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return -1;
  }
  const ctx = await openContext(env, log);
  try {
    if (command === 'migrate') return 0;
    if (command === 'seed') {
      const scale = (values.scale ?? 'demo') as 'demo' | 'city' | 'province';
      if (!['demo', 'city', 'province'].includes(scale)) throw new Error('--scale is demo, city or province');
      const started = Date.now();
      const summary = await seedCity(ctx, scale, Number(values.seed ?? env.SEED_VALUE), (m) => log.info(m));
      process.stdout.write(
        `seeded ${scale}: ${summary.communities} communities, ${summary.compounds} compounds, ${summary.households} households, ${summary.residents} residents in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
      return 0;
    }
    if (command === 'import' || command === 'export') {
      const { cliImport, cliExport } = await import('./cli-io.ts');
      if (!values.as) throw new Error("--as <username> is required: imports and exports run with that account's scope");
      if (command === 'import') {
        const [kind, file] = positionals;
        const result = await cliImport(ctx, values.as, kind ?? '', path.basename(file ?? ''), readFileSync(file ?? ''));
        process.stdout.write(JSON.stringify(result, null, 2) + '\n');
        return 'errors' in result ? 2 : 0;
      }
      const [, out] = positionals;
      writeFileSync(out ?? 'compounds.xlsx', await cliExport(ctx, values.as, values.division));
      return 0;
    }
    process.stderr.write(`unknown command: ${command}\n\n${usage}`);
    return 1;
  } finally {
    await ctx.database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    process.stderr.write(err instanceof EnvError ? `${err.message}\n` : `renova: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
