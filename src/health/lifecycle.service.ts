import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';

/** Tracks start-up and shutdown so the probes can tell Kubernetes the truth. */
@Injectable()
export class LifecycleService implements BeforeApplicationShutdown {
  started = false;
  shuttingDown = false;

  markStarted(): void {
    this.started = true;
  }

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
  }
}
