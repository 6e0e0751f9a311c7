// The one public entry: notebooks, the CLI and tests import from here, so the inside can move.
export * from "./types";
export * from "./fit/index";
