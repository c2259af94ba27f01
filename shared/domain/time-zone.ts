// IANA time-zone names, checked through Intl. Browser-safe and dependency-free, so code that only parses
// a flag (the CLI's start-up) need not load the metrics engine or zod.
export function checkTimeZone(tz: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    throw new RangeError(`unknown time zone "${tz}"; expected an IANA name such as Europe/Berlin or UTC`);
  }
}
