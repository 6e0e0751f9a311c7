// The manifest an output folder's marker carries (outputFolder.ts writes it, readOutputFolder.ts checks it): one
// `sha256 <hex> <name>` line per file, so a reader can tell one version of the folder from a mix of two.
import { createHash } from "node:crypto";

export const sha256 = (bytes: Buffer | string): string => createHash("sha256").update(bytes).digest("hex");

/** The manifest lines of a marker: `sha256 <hex> <name>` per file, sorted by name. */
export function manifestText(files: ReadonlyMap<string, Buffer | string>): string {
  return [...files.keys()]
    .sort()
    .map((name) => `sha256 ${sha256(files.get(name)!)} ${name}\n`)
    .join("");
}

/** name -> hash from a marker's text, or null when it has no manifest. */
export function parseManifest(marker: string): Map<string, string> | null {
  const out = new Map<string, string>();
  for (const line of marker.split("\n")) {
    const m = /^sha256 ([0-9a-f]{64}) (.+)$/.exec(line);
    if (m !== null) out.set(m[2], m[1]);
  }
  return out.size === 0 ? null : out;
}
