// ESLint flat config (issue 23): the recommended rules of @eslint/js and typescript-eslint, without type-aware rules
// (they build a TypeScript program on every run; `npm run typecheck` already type-checks src, test, bench and
// scripts). Layout is prettier's job (.prettierrc.json, printWidth 120); the linter enforces the 120-character limit on
// what prettier never breaks: string and template literals, comments and regular expressions.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

// Globals of the project's plain .js files (no `globals` package needed for this handful).
const node = Object.fromEntries(
  ["require", "module", "exports", "__dirname", "__filename", "process", "console", "Buffer", "URL"]
    .concat(["setTimeout", "clearTimeout", "setInterval", "clearInterval", "setImmediate"])
    .map((name) => [name, "readonly"]),
);
const browser = Object.fromEntries(
  ["window", "document", "console", "setTimeout", "clearTimeout", "requestAnimationFrame", "define", "Promise"].map(
    (name) => [name, "readonly"],
  ),
);

export default defineConfig(
  {
    ignores: [
      "node_modules/",
      "build/",
      "build.*/",
      "site/",
      "site.tmp*/",
      "results/",
      "results.tmp*/",
      "data/",
      "notebooks/",
      ".jupyter/",
      ".cache/",
      "test/fixtures/",
      "test/artifacts/",
      "bench/reference/",
      // `npm run notebook`'s own folder for the user's scratch work (gitignored): never the project's code.
      "scratch/",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // The project loads heavy or optional modules lazily (the kernel, playwright, plotly bundles) and imports
      // CommonJS packages under Node10 resolution as `require(...) as typeof import(...)`, typed either way.
      "@typescript-eslint/no-require-imports": "off",
      // Sanitisers and terminal-text helpers match control characters on purpose.
      "no-control-regex": "off",
      // `new Error(message, { cause })` needs lib ES2022 (tsconfig: ES2020, the kernel's TypeScript 5.0 settings);
      // the project's errors quote the cause's message instead.
      "preserve-caught-error": "off",
      // Flags initialisers that every later path overwrites (`let ok = false; try { ok = ... } catch {}`) and a final
      // `i++`; the project writes these for clarity. None of the hits when the linter was added was a bug.
      "no-useless-assignment": "off",
      // Unused names are errors, except those marked unused on purpose with a leading underscore.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
      // Every line at most 120 characters, strings, comments and regular expressions included (a long literal is
      // split into concatenated pieces). ESLint core's max-len: deprecated in favour of @stylistic/max-len but kept
      // until ESLint 11, so no extra package.
      "max-len": ["error", { code: 120, tabWidth: 2 }],
    },
  },
  {
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: node },
  },
  {
    files: ["src/publish/assets/**/*.js", "src/notebook/nbextension/**/*.js"],
    languageOptions: { sourceType: "script", globals: browser },
  },
  {
    // Functions evaluated inside the browser page, where plotly.js's global Plotly has no TypeScript type.
    files: ["src/notebook/renderEngine.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
