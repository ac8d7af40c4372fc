import { Injectable } from '@nestjs/common';

/** The time the business rules see (OTP validity, cooldowns, expiries): tests move it forward. */
@Injectable()
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Test hook: jump ahead without waiting. */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
