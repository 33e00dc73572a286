/** The logging the core needs; pino satisfies it. Never log resident text or phones in the clear. */
export interface LoggerPort {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}
