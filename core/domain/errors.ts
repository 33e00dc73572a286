/** Expected failures of domain decisions, with stable codes; the message is shown to the person. */
export type DomainErrorCode =
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'INVALID_STATE'
  | 'INVALID_ARGUMENT'
  | 'LIMIT_REACHED'
  | 'TOO_LATE';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: DomainErrorCode, message: string): Result<T> => ({
  ok: false,
  error: new DomainError(code, message),
});
