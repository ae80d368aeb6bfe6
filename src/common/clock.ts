import { Injectable } from '@nestjs/common';

/** The time source, injectable so tests can move time (token expiry, retention). */
@Injectable()
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  iso(): string {
    return this.now().toISOString();
  }

  /** Test hook: shift the clock forward by `ms`. */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
