// A string that holds its own characters, for values kept past the parse of one log.
//
// V8 makes a substring of 13 or more characters a view into the string it was cut from (a sliced string), and joins
// strings as views of their parts: an expression cut from a log piece keeps the whole 64 KiB piece (loadRun.ts)
// alive for as long as it is kept. Caches kept between ingests (evalExpression.ts, flopsPerToken.ts) store copies.

/** `s` with characters of its own (a JSON round trip always builds a new flat string). */
export function ownCopy(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}
