import type { StopReason } from '../../generation/canonical-prompt';

/** Llama and both Mistral forms report `stop` or `length`; a matched stop sequence is a normal `stop`. */
export function stopOrLength(reason: StopReason): 'stop' | 'length' {
  switch (reason) {
    case 'max_tokens':
      return 'length';
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
  }
}
