/** An expected failure a service raises on purpose, already carrying the code the UI acts on. */
import type { DeskErrorCode } from '../../../shared/ipc';

export class DeskFailure extends Error {
  override readonly name = 'DeskFailure';
  constructor(
    readonly code: DeskErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
