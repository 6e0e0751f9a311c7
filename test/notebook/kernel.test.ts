// The project's kernel as a user meets it: the compiled library (build/) in the tslab kernel started through the
// project's kernelspec (scripts/tslab-kernel.js), cells run by Jupyter's own client.
import { strict as assert } from "node:assert";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { join, relative } from "node:path";
import { defaultCellTimeoutS, executeNotebook } from "../../src/notebook/executeNotebook";
import { KERNEL_PORTS_TAKEN_EXIT, repoRoot } from "../../src/notebook/jupyterEnv";
import { cellTexts, notebookProblems } from "../../src/notebook/notebookProblems";
import { NotebookExecutionError } from "../../src/publish/notebookExecutionError";
import { closeRenderer } from "../../src/notebook/renderFigurePng";
import { publishSite } from "../../src/publish/publishSite";
import { freePort } from "../helpers/freePort";
import { BLOCKED_CELL, runCells, type CellReply } from "../helpers/kernelSession";

const dir = join(repoRoot, "test", "artifacts", "kernel");

/** Writes a tslab notebook of code cells to `folder` (default: the kernel artifacts folder); returns its path. */
function writeNotebook(name: string, cells: string[], folder = dir): string {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, name);
  const nb = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
    cells: cells.map((source, i) => ({
      id: `c${i}`,
      cell_type: "code",
      source,
      metadata: {},
      outputs: [],
      execution_count: null,
    })),
  };
  writeFileSync(path, JSON.stringify(nb, null, 1));
  return path;
}

function files(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const errorOf = (reply: CellReply) => reply.outputs.find((o) => o.output_type === "error");
/** The cell's value, Out[n] (its execute_result's text), or "" when it showed none. */
const valueOf = (reply: CellReply) =>
  reply.outputs
    .filter((o) => o.output_type === "execute_result")
    .map((o) => String(o.data?.["text/plain"]))
    .join("");
const stderrOf = (reply: CellReply) =>
  reply.outputs
    .filter((o) => o.output_type === "stream" && o.name === "stderr")
    .map((o) => o.text)
    .join("");

describe("the project's tslab kernel on the compiled library", function () {
  // Each test starts one or two kernels (the driver waits up to 180 s for one): on a loaded machine (load 15 on 2
  // cores) a kernel start and three cells took longer than the suite's 120 s.
  this.timeout(240_000);
  before(() => {
    execFileSync("bash", [join(repoRoot, "scripts", "build.sh")]);
  });

  it(
    "copies every file under src/ that is not TypeScript into build/, byte for byte (the fit's worker entry " +
      "included)",
    () => {
      const src = join(repoRoot, "src");
      const others = files(src)
        .filter((f) => !f.endsWith(".ts"))
        .map((f) => relative(src, f))
        .sort();
      assert.ok(others.includes(join("fit", "worker.js")), "src/fit/worker.js exists");
      for (const f of others)
        assert.deepEqual(readFileSync(join(repoRoot, "build", f)), readFileSync(join(src, f)), `build/${f}`);
    },
  );

  it(
    "runs a two-thread fit from build/ in a notebook with no fallback and no error output, and shows a " +
      "DataFrame as a table",
    async () => {
      const path = writeNotebook("fit-and-frame.ipynb", [
        'import { fitModel } from "../../../build";\nimport { loadDataFrames } from "../../../build/frames";',
        [
          "const x = Array.from({ length: 60 }, (_, i) => 1e17 * 1.1 ** i);",
          "const y = x.map((c) => 2.5 + 40 * c ** -0.07);",
          'const fit = fitModel("power", { x, y }, { workers: 2, bootstrap: { resamples: 200, seed: 1 } });',
          "console.log(JSON.stringify({ threads: fit.parallel.threads, note: fit.parallel.note, status: " +
            "fit.status }));",
        ].join("\n"),
        'const { runs } = loadDataFrames();\nruns.loc({ rows: runs["track"].eq("track2") }).loc({ columns: ' +
          '["run_id", "final_val_loss"] })',
      ]);
      const run = await executeNotebook(path);
      assert.deepEqual(notebookProblems(run), [], "no error, no stderr, no failure");
      assert.equal(cellTexts(run)[1], '{"threads":2,"note":null,"status":"converged"}\n');
      const table = run.cells[2].outputs.find((o) => o.output_type === "display_data");
      const html = String(table?.data?.["text/html"] ?? "");
      const text = String(table?.data?.["text/plain"] ?? "");
      assert.match(
        html,
        new RegExp(
          String.raw`^<table><caption>DataFrame: 19 rows × 2 columns<\/caption><thead><tr><th ` +
            String.raw`style="text-align:right"><\/th><th>run_id<\/th><th ` +
            String.raw`style="text-align:right">final_val_loss<\/th><\/tr><\/thead><tbody><tr><td ` +
            String.raw`style="text-align:right">1085<\/td><td>track_2_medium\/2025-01-18\/main<\/td><td ` +
            String.raw`style="text-align:right">2\.928<\/td><\/tr>`,
        ),
      );
      assert.equal(text.split("\n")[0], "DataFrame: 19 rows × 2 columns");
      assert.equal(text.split("\n").length, 3 + 19, "caption, header, rule and the 19 rows");
    },
  );

  // One kernel for the next two tests, cells sent one at a time as by hand: the error cells, then the type cells.
  const errorCells = [
    /* In[1] */ 'import { plotlyMime } from "../../../build";\nconst before = 1;\nthrow new ' +
      'Error("boom");\nconst after = 2;',
    /* In[2] */ "plotlyMime + before",
    /* In[3] */ "after",
    /* In[4] */ 'function f(n: number) {\n  if (n > 1) throw new RangeError("deep " + n);\n  return n;\n}\nf(1)',
    /* In[5] */ "const r = f(5);",
    /* In[6] */ 'setTimeout(() => { throw new TypeError("in a timer") }, 10);\nawait new Promise((resolve) => ' +
      "setTimeout(resolve, 5000));",
    /* In[7] */ 'Promise.reject(new Error("nobody awaits"));\n"after the rejection"',
    /* In[8] */ 'setTimeout(() => { throw new Error("after the cell") }, 50);\n"scheduled"',
    /* In[9] */ '"never printed"',
    /* In[10] */ '"runs again"',
  ];
  const typeCells = [
    /* In[11] */ 'typeof process.versions.node + " " + typeof Buffer.from("x")',
    /* In[12] */ "typeof describe",
    /* In[13] */ 'import sanitizeHtml from "sanitize-html";\nconst n: number = sanitizeHtml("<b>x</b>");',
  ];
  let session: Promise<CellReply[]> | null = null;
  // In[1] imports the library, which starts the chart renderer's browser ahead of a chart (tested below); these cells
  // draw none, so the session starts none (about 4 s of CPU for a browser and plotly.js).
  const sharedSession = () =>
    (session ??= runCells([...errorCells, ...typeCells], 0.4, undefined, { SPEEDRUN_NO_RENDERER_WARMUP: "1" }));

  it(
    "keeps a failed cell's declarations made before the throw, maps cell frames to cell lines and fails cells " +
      "on asynchronous errors",
    async () => {
      const replies = (await sharedSession()).slice(0, errorCells.length);
      assert.deepEqual(
        replies.map((r) => r.status),
        ["error", "ok", "error", "ok", "error", "error", "error", "ok", "error", "ok"],
      );
      assert.equal(errorOf(replies[0])?.evalue, "boom");
      assert.deepEqual(errorOf(replies[0])?.traceback?.slice(0, 3), ["In[1]:3", 'throw new Error("boom");', "^"]);
      assert.ok(
        errorOf(replies[0])?.traceback?.includes("    at In[1]:3:7"),
        JSON.stringify(errorOf(replies[0])?.traceback),
      );
      assert.equal(
        valueOf(replies[1]),
        "application/vnd.plotly.v1+json1",
        "the import and `before` survived the throw",
      );
      // The declaration the throw skipped is gone for the type checker too. (Before the kernel limited cells to Node's
      // global types, @types/mocha's global `after` hid this: the cell passed the check and failed at run time.)
      assert.deepEqual(
        [errorOf(replies[2])?.ename, errorOf(replies[2])?.evalue],
        ["TypeScriptError", "Cannot find name 'after'."],
      );
      assert.equal(valueOf(replies[3]), "1");
      const deep = errorOf(replies[4]);
      assert.deepEqual([deep?.ename, deep?.evalue], ["RangeError", "deep 5"]);
      assert.ok(
        deep?.traceback?.some((l) => /^ {4}at (?:Proxy\.|Object\.)?f \(In\[4\]:2:20\)$/.test(l)),
        JSON.stringify(deep?.traceback),
      );
      assert.ok(deep?.traceback?.includes("    at In[5]:1:11"), JSON.stringify(deep?.traceback));
      assert.deepEqual(
        [errorOf(replies[5])?.ename, errorOf(replies[5])?.evalue],
        ["TypeError", "in a timer (uncaught exception in a callback of In[6])"],
      );
      assert.ok(
        errorOf(replies[5])?.traceback?.some((l) => l.includes("(In[6]:1:26)")),
        JSON.stringify(errorOf(replies[5])?.traceback),
      );
      assert.equal(stderrOf(replies[5]), "", "the interruption that ended the wait is not reported on its own");
      assert.deepEqual(
        [errorOf(replies[6])?.ename, errorOf(replies[6])?.evalue],
        ["Error", "nobody awaits (unhandled promise rejection in a callback of In[7])"],
      );
      assert.equal(valueOf(replies[7]), "scheduled");
      assert.deepEqual(
        [errorOf(replies[8])?.ename, errorOf(replies[8])?.evalue],
        [
          "Error",
          "after the cell (uncaught exception after In[8] finished, while no cell was running; In[9] was not run)",
        ],
      );
      assert.equal(valueOf(replies[8]), "", "the cell after the error did not run");
      assert.equal(valueOf(replies[9]), "runs again");
    },
  );

  it(
    "gives cells Node's global types but not those of every @types package installed; an import still finds " +
      "its types",
    async () => {
      const replies = (await sharedSession()).slice(errorCells.length);
      assert.deepEqual(
        replies.map((r) => r.status),
        ["ok", "error", "error"],
      );
      assert.equal(valueOf(replies[0]), "string object");
      // @types/mocha is installed (the tests use it) but declares test globals, not a notebook's.
      assert.match(JSON.stringify(errorOf(replies[1])), /Cannot find name 'describe'/);
      // @types/sanitize-html is not among the kernel's global types, yet the import is typed by it.
      assert.match(JSON.stringify(errorOf(replies[2])), /Type 'string' is not assignable to type 'number'/);
    },
  );

  /** A cell defining children(): the kernel's child processes, by command name (from /proc: no ps needed). */
  const childrenCell = [
    'import { readdirSync, readFileSync } from "node:fs";',
    'const children = () => readdirSync("/proc").filter((d) => /^\\d+$/.test(d)).map((d) => { try { return ' +
      'readFileSync(`/proc/${d}/stat`, "utf8"); } catch { return ""; } })',
    '  .filter((st) => st.slice(st.lastIndexOf(")") + 2).split(" ")[1] === String(process.pid)).map((st) => ' +
      'st.slice(st.indexOf("(") + 1, st.lastIndexOf(")")));',
  ].join("\n");

  it(
    "starts the chart renderer's browser when a cell imports the library, before it runs, and not in a kernel " +
      "that never does",
    async () => {
      const replies = await runCells([
        /* In[1] */ `${childrenCell}\nawait new Promise((r) => setTimeout(r, 1500));\nchildren().filter((c) => ` +
          `c.includes("chrom")).length`,
        // A type-only import loads no library code (TypeScript removes it), so only the kernel's look at the cell's
        // source can have started the browser.
        /* In[2] */ 'import type { Figure } from "../../../build";\nconst started = Date.now();\nwhile ' +
          '(!children().some((c) => c.includes("chrom")) && Date.now() - started < 20000) await new Promise((r) ' +
          '=> setTimeout(r, 100));\nchildren().some((c) => c.includes("chrom"))',
      ]);
      assert.deepEqual(
        replies.map((r) => r.status),
        ["ok", "ok"],
        JSON.stringify(replies),
      );
      assert.equal(valueOf(replies[0]), "0", "no browser before any cell imports the library");
      assert.equal(valueOf(replies[1]), "true", "a browser once a cell imports it");
    },
  );

  it(
    "starts the chart renderer's browser as soon as the kernel is up when it runs in the project's notebooks " +
      "folder",
    async () => {
      const replies = await runCells(
        [
          `${childrenCell}\nconst started = Date.now();\nwhile (!children().some((c) => c.includes("chrom")) && ` +
            `Date.now() - started < 20000) await new Promise((r) => setTimeout(r, 100));\nchildren().some((c) ` +
            `=> c.includes("chrom"))`,
        ],
        0.4,
        join(repoRoot, "notebooks"),
      );
      assert.deepEqual(
        replies.map((r) => r.status),
        ["ok"],
        JSON.stringify(replies),
      );
      assert.equal(valueOf(replies[0]), "true", "a browser without any import of the library");
    },
  );

  it(
    "makes publish fail, naming the notebook and the cell, on an asynchronous error inside a cell, or the " +
      "notebook and the last cell when an error is thrown after the last cell finished",
    async () => {
      const nbDir = join(dir, "publish-async");
      rmSync(nbDir, { recursive: true, force: true });
      mkdirSync(nbDir, { recursive: true });
      const write = (name: string, cells: string[]) => writeNotebook(name, cells, nbDir);
      write("a-rejects.ipynb", ["const a = 1;", 'Promise.reject(new RangeError("nobody awaits"));\na']);
      const common = {
        repoRoot,
        notebooksDir: nbDir,
        summaryPath: join(repoRoot, "results", "summary.json"),
        recordsPath: join(repoRoot, "data", "speedrun", "records.csv"),
        concurrency: 1,
      };
      await assert.rejects(publishSite({ ...common, outDir: join(dir, "site-a") }), (error: unknown) => {
        assert.ok(error instanceof NotebookExecutionError);
        assert.equal(error.cellIndex, 1);
        assert.match(error.message, /^test\/artifacts\/kernel\/publish-async\/a-rejects\.ipynb: cell 2 failed:\n/);
        assert.match(
          error.errorText,
          /^RangeError: nobody awaits \(unhandled promise rejection in a callback of In\[2\]\)\n {4}at In\[2\]:1:16/,
        );
        return true;
      });
      rmSync(join(nbDir, "a-rejects.ipynb"));
      // The run's failure, not a cell's (every cell ran through): notebookProblems reports it with no cell.
      write("b-late.ipynb", ["const started = 1;", 'setTimeout(() => { throw new Error("late") }, 20);\nstarted']);
      await assert.rejects(publishSite({ ...common, outDir: join(dir, "site-b") }), (error: unknown) => {
        assert.ok(error instanceof NotebookExecutionError);
        assert.equal(error.cellIndex, null);
        assert.equal(
          error.message,
          "test/artifacts/kernel/publish-async/b-late.ipynb: execution failed: Error: late (uncaught exception " +
            "after In[2], the last cell, finished)",
        );
        return true;
      });
    },
  );

  it("times a cell out before the test runner does, names it and the cells never run, kills its kernel", async () => {
    assert.ok(defaultCellTimeoutS({}) < 120, "shorter than mocha's 120 s in scripts/test.ts");
    assert.equal(defaultCellTimeoutS({ SPEEDRUN_CELL_TIMEOUT_S: "15" }), 15);
    assert.throws(
      () => defaultCellTimeoutS({ SPEEDRUN_CELL_TIMEOUT_S: "soon" }),
      /^Error: SPEEDRUN_CELL_TIMEOUT_S: invalid value "soon" \(expected a positive number of seconds\)$/,
    );
    const pidFile = join(dir, "loop.pid");
    const path = writeNotebook("loop.ipynb", [
      `require("fs").writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));`,
      BLOCKED_CELL,
      "1",
    ]);
    const run = await executeNotebook(path, { timeoutS: 3, displayName: "loop.ipynb" });
    assert.equal(run.failureCell, 1);
    assert.match(
      run.failure ?? "",
      new RegExp(
        String.raw`^CellTimeoutError: A cell timed out while it was being executed, after ` +
          String.raw`3 seconds\.\nThe message was: Cell execution timed out; the kernel was ` +
          String.raw`killed\.\nHere is a preview of the cell contents:\n-+\nAtomics\.wait\(`,
      ),
    );
    const pid = Number(readFileSync(pidFile, "utf8"));
    assert.throws(() => process.kill(pid, 0), /ESRCH/, `kernel ${pid} is gone`);
    // notebookProblems names the cell that timed out as the failure, and the cells after it as never executed. The
    // kernel's shutdown may still land an "Interrupted asynchronously" error output in cell 1 (a race), so only the
    // failure's place and the cells after it are pinned.
    const problems = notebookProblems(run).map((p) => [p.cell, p.kind]);
    assert.deepEqual(problems[0], [1, "failure"]);
    assert.deepEqual(
      problems.filter(([, kind]) => kind === "not-run"),
      [[2, "not-run"]],
    );
    assert.equal((JSON.parse(run.notebookJson) as { cells: unknown[] }).cells.length, 3, "the partial notebook");
  });
  it("exits at once with its own code, saying why, when a port Jupyter chose for it is taken", async () => {
    // A port taken by another process between Jupyter choosing it and the kernel binding it: the kernel used to stay
    // up and never answer, and the notebook runner waited out its 180 s start-up timeout.
    const taken = createServer();
    await new Promise<void>((ok) => taken.listen(0, "127.0.0.1", ok));
    const connection = join(dir, "taken-port.json");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      connection,
      JSON.stringify({
        shell_port: await freePort(),
        iopub_port: (taken.address() as AddressInfo).port,
        stdin_port: await freePort(),
        control_port: await freePort(),
        hb_port: await freePort(),
        ip: "127.0.0.1",
        key: "test-key",
        transport: "tcp",
        signature_scheme: "hmac-sha256",
        kernel_name: "tslab",
      }),
    );
    try {
      const kernel = spawn(join(repoRoot, "scripts", "tslab-kernel.sh"), ["kernel", "--config-path", connection], {
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      kernel.stderr.on("data", (b: Buffer) => (stderr += b.toString("utf8")));
      const code = await new Promise<number | null>((ok) => kernel.on("close", ok));
      assert.equal(code, KERNEL_PORTS_TAKEN_EXIT, stderr);
      assert.match(
        stderr,
        /^tslab-kernel: cannot listen on the ports Jupyter chose \(Address already in use\): another process took/m,
      );
    } finally {
      await new Promise((ok) => taken.close(ok));
      rmSync(connection, { force: true });
    }
  });

  it("starts another kernel when one exits because its ports were taken, at most three in all", async function () {
    this.timeout(240_000);
    // A checkout of its own whose kernelspec "flaky" exits as such a kernel does while a marker file is missing (the
    // first start only), or always: the runner must start another, then give up with the reason.
    const root = join(dir, "flaky-root");
    const spec = join(root, ".jupyter", "share", "jupyter", "kernels", "flaky");
    rmSync(root, { recursive: true, force: true });
    mkdirSync(spec, { recursive: true });
    const marker = join(root, "started-once");
    const script = join(root, "flaky.sh");
    writeFileSync(
      script,
      `#!/bin/sh\n[ -n "$SPEEDRUN_TEST_PORTS_ALWAYS_TAKEN" ] && exit ${KERNEL_PORTS_TAKEN_EXIT}\n` +
        `[ -f ${JSON.stringify(marker)} ] || { touch ${JSON.stringify(marker)}; exit ${KERNEL_PORTS_TAKEN_EXIT}; }\n` +
        `exec ${JSON.stringify(join(repoRoot, "scripts", "tslab-kernel.sh"))} kernel --config-path "$1"\n`,
    );
    writeFileSync(
      join(spec, "kernel.json"),
      JSON.stringify({ argv: ["/bin/sh", script, "{connection_file}"], display_name: "flaky", language: "typescript" }),
    );
    const path = writeNotebook("flaky.ipynb", ['console.log("ran")']);
    const run = await executeNotebook(path, { repoRoot: root, kernelName: "flaky", displayName: "flaky.ipynb" });
    assert.equal(run.failure, null);
    assert.equal(cellTexts(run)[0], "ran\n");
    assert.ok(existsSync(marker), "the first kernel exited");
    const saved = process.env.SPEEDRUN_TEST_PORTS_ALWAYS_TAKEN;
    process.env.SPEEDRUN_TEST_PORTS_ALWAYS_TAKEN = "1";
    try {
      const failed = await executeNotebook(path, { repoRoot: root, kernelName: "flaky", displayName: "flaky.ipynb" });
      assert.equal(
        failed.failure,
        "PortsTaken: the kernel could not listen on the ports Jupyter chose (another process took one)",
      );
    } finally {
      if (saved === undefined) delete process.env.SPEEDRUN_TEST_PORTS_ALWAYS_TAKEN;
      else process.env.SPEEDRUN_TEST_PORTS_ALWAYS_TAKEN = saved;
      rmSync(root, { recursive: true, force: true });
    }
  });

  describe("chart PNGs drawn by the notebook runner's process (batch) or by the kernel", () => {
    // Charts of the basic plotly.js bundle only: a trace type that needs the full bundle is drawn by the same
    // renderFigurePng in either process (renderFigurePng.test.ts), and loading that 4.8 MB bundle in each browser cost
    // about 6 s of CPU.
    const charts = [
      'import { show, lossVsComputeFigure, attributionWaterfallFigure } from "../../../build";',
      'await show(lossVsComputeFigure([{ label: "law", points: [1e18, 1e19, 1e20].map((x) => ({ x, y: 2 + 30 * ' +
        "x ** -0.08 })) }], { widthPx: 640, heightPx: 400 }));",
      'console.log("between");\nawait show(attributionWaterfallFigure([{ label: "architecture", factor: 3.6 }, ' +
        '{ label: "systems", factor: 0.9 }]), { scale: 1 });',
    ];

    it("saves the same notebook bytes either way, every chart with its PNG at the scale asked for", async function () {
      this.timeout(240_000);
      const path = writeNotebook("charts.ipynb", charts);
      // Two kernels side by side: each run only reads the notebook, and each draws with its own browser.
      const [batch, kernel] = await Promise.all([
        executeNotebook(path, { chartPng: "batch" }),
        executeNotebook(path, { chartPng: "kernel" }),
      ]);
      assert.deepEqual(notebookProblems(batch), []);
      assert.deepEqual(notebookProblems(kernel), []);
      assert.equal(batch.notebookJson, kernel.notebookJson);
      const pngs = batch.cells
        .flatMap((c) => c.outputs)
        .filter((o) => o.data?.["application/vnd.plotly.v1+json"] !== undefined);
      assert.equal(pngs.length, 2);
      const sizes = pngs.map((o) => {
        const png = Buffer.from(String(o.data!["image/png"]), "base64");
        return [png.readUInt32BE(16), png.readUInt32BE(20)];
      });
      assert.deepEqual(sizes, [
        [1280, 800],
        [800, 500],
      ]);
      assert.ok(!batch.notebookJson.includes("speedrun_deferred_png"), "no marker left in the saved notebook");
    });

    it("fails the run, saying why, when the runner's process cannot draw the charts", async function () {
      this.timeout(120_000);
      const path = writeNotebook("charts-no-browser.ipynb", charts.slice(0, 2));
      await closeRenderer();
      const saved = process.env.CHROMIUM_PATH;
      process.env.CHROMIUM_PATH = "/nonexistent/chromium";
      try {
        const run = await executeNotebook(path, { displayName: "charts-no-browser.ipynb" });
        assert.match(
          run.failure ?? "",
          /^chart PNGs not drawn: renderFigurePng: cannot start Chromium at \/nonexistent\/chromium/,
        );
        const chart = run.cells[1].outputs.find((o) => o.output_type === "display_data");
        assert.ok(
          chart && chart.data?.["image/png"] === undefined && chart.metadata?.speedrun_deferred_png === undefined,
          "no PNG, no marker",
        );
      } finally {
        if (saved === undefined) delete process.env.CHROMIUM_PATH;
        else process.env.CHROMIUM_PATH = saved;
        await closeRenderer();
      }
    });
  });
});
