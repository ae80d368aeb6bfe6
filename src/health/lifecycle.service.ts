import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';

/** Tracks start-up and shutdown so the probes can tell Kubernetes the truth. */
@Injectable()
export class LifecycleService implements BeforeApplicationShutdown {
  started = false;
  shuttingDown = false;

  markStarted(): void {
    this.started = true;
  }

  /** From here on readiness answers 503 (the signal handler calls this first, synchronously). */
  beginShutdown(): void {
    this.shuttingDown = true;
  }

  /** app.close() without a signal (tests, CLI) also stops advertising readiness. */
  beforeApplicationShutdown(): void {
    this.beginShutdown();
  }
}
