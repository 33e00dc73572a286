import path from 'node:path';
import { loadDirectory } from '../../config/directory-loader.js';
import { parseEnv } from '../../config/env.js';
import { startHotline } from '../../hotline.js';
import { createLogger } from '../../logger.js';
import type { CliCommand } from '../cli-command.js';

/** `hotline start [--role all|gateway|worker]`: runs the hotline until interrupted. */
export const startCommand: CliCommand = {
  name: 'start',
  summary: '启动热线服务 (start the hotline)',
  usage: 'hotline start [--role all|gateway|worker]',
  async run(args, io) {
    const roleAt = args.indexOf('--role');
    const env = parseEnv({ ...io.env, ...(roleAt >= 0 ? { HOTLINE_ROLE: args[roleAt + 1] } : {}) });
    const logger = createLogger(env.LOG_LEVEL);
    const directory = await loadDirectory(path.resolve(io.cwd, env.HOTLINE_CONFIG));
    const hotline = await startHotline({ env, directory, logger, rawEnv: io.env });
    io.stdout.write(
      [
        '',
        `  12345 hotline (${directory.county.name}) is running.`,
        ...(hotline.url
          ? [`  Resident chat:  ${hotline.url}/`, `  Console:        ${hotline.url}/console`]
          : [
              '  Role:           worker (timers, reminders, surveys, digests)',
              `  Health:         ${hotline.healthUrl ? `${hotline.healthUrl}/healthz` : 'set WORKER_HEALTH_PORT to serve /healthz'}`,
            ]),
        `  Database:       ${hotline.database.embedded ? `embedded (${env.DATA_DIR})` : 'PostgreSQL server'}`,
        `  Job queue:      ${env.REDIS_URL ? 'Redis' : 'PostgreSQL'}`,
        '',
        '',
      ].join('\n'),
    );
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    logger.info({}, 'shutting down');
    await hotline.stop();
    return 0;
  },
};
