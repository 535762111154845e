/** What faults and red herrings do to one service, per sampling step; the simulation applies it. */
export interface ServiceEffects {
  /** Extra CPU, in multiples of the service's usual CPU use (a hog of 2 triples it). */
  cpuAdd: number[];
  /** Multiplies the service's own processing time. */
  latencyFactor: number[];
  latencyAddMs: number[];
  errorRatioAdd: number[];
  memAddMiB: number[];
  /** The service is restarting and answers nothing. */
  down: boolean[];
  /** Restarts that happened at this step. */
  restarts: number[];
}

export function emptyEffects(length: number): ServiceEffects {
  return {
    cpuAdd: new Array(length).fill(0),
    latencyFactor: new Array(length).fill(1),
    latencyAddMs: new Array(length).fill(0),
    errorRatioAdd: new Array(length).fill(0),
    memAddMiB: new Array(length).fill(0),
    down: new Array(length).fill(false),
    restarts: new Array(length).fill(0),
  };
}
