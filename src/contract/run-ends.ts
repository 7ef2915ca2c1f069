/** What a request of a run that has already ended gets instead of being sent. */
export class RunEnded extends Error {
  constructor(message = 'the run has ended: no more requests') {
    super(message);
    this.name = 'RunEnded';
  }
}

/** Ends a run that would connect or disconnect a pre-connected kind: the run proves nothing, and the report says so. */
export class PreconnectedKind extends RunEnded {
  constructor(
    readonly org: string,
    readonly kind: string,
  ) {
    super(`${kind} is pre-connected in ${org} (the config's oauth.connected): the suites never connect or disconnect it there`);
  }
}
