// Words for the user when a call fails: short, actionable, and never the internals of the host.
import { ContractError } from '../api';

export function describeError(e: unknown): string {
  if (!(e instanceof ContractError)) return 'Something went wrong. Please try again.';
  switch (e.code) {
    case 'UNAVAILABLE':
      return 'Conclave is not reachable right now. Please try again in a moment.';
    case 'NETWORK':
      return 'The server could not be reached. Check your connection and try again.';
    case 'BAD_INPUT':
    case 'INVALID':
      // Validation messages are written for people (see src/shared/models).
      return capitalize(e.message);
    case 'TOO_LARGE':
      return 'That is too large to save.';
    case 'CONFLICT':
      return 'That was changed elsewhere. Please reload and try again.';
    case 'NOT_FOUND':
      return 'That no longer exists.';
    default:
      return 'Something went wrong. Please try again.';
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
