import { strict as assert } from "node:assert";
import * as ts from "typescript";
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { keepAssignedDeclarations } from "../../src/notebook/keptDeclarations";
import { holdShellUntilBound, queuedSends } from "../../src/notebook/tslabPatches";

// tslab's declaration output for a cell `import { show } from "../build"; interface P {...}; const a = 1, b = "x";
// let p: P; function f...; throw ...; class K {...}; const late = 3;` that follows a cell declaring `earlier`.
const declOutput = [
  'import { show } from "../build";',
  "interface P {\n    a: number;\n}",
  'declare const a = 1, b = "x";',
  "declare let p: P;",
  "declare function f(x: number): number;",
  "declare class K {\n    y: number;\n}",
  "declare const late = 3;",
  "declare const earlier: string;",
  "",
].join("\n");

describe("keepAssignedDeclarations (what a cell that threw at run time leaves declared)", () => {
  it(
    "keeps the declarations assigned before the throw, the types and the earlier cells' ones; drops the " + "skipped",
    () => {
      const declared = new Set(["show", "a", "b", "p", "f", "K", "late"]);
      const assigned = new Set(["show", "a", "b", "p", "f"]);
      assert.equal(
        keepAssignedDeclarations(ts, declOutput, declared, assigned),
        [
          'import { show } from "../build";',
          "interface P {\n    a: number;\n}",
          'declare const a = 1, b = "x";',
          "declare let p: P;",
          "declare function f(x: number): number;",
          "declare const earlier: string;",
          "",
        ].join("\n"),
      );
    },
  );

  it("drops a whole statement when one of its names was skipped, and everything when the import itself threw", () => {
    const declared = new Set(["show", "a", "b", "p", "f", "K", "late"]);
    assert.equal(
      keepAssignedDeclarations(ts, declOutput, declared, new Set(["show", "a"])),
      [
        'import { show } from "../build";',
        "interface P {\n    a: number;\n}",
        "declare const earlier: string;",
        "",
      ].join("\n"),
    );
    assert.equal(
      keepAssignedDeclarations(ts, declOutput, declared, new Set()),
      ["interface P {\n    a: number;\n}", "declare const earlier: string;", ""].join("\n"),
    );
  });
});

describe("the kernel's sockets (tslab's ZmqServer with real zeromq sockets)", () => {
  // tslab 1.0.22's server, before and after holdShellUntilBound (the kernel installs it at start-up).
  type Server = {
    iopub: unknown;
    shell: unknown;
    init(): Promise<void>;
    bindSocket(sock: unknown, port: string): Promise<void>;
    handleShellMessage(sock: unknown, ...frames: Buffer[]): Promise<void>;
  };
  type ServerClass = new (handler: unknown, configPath: string) => Server;
  const jupyter = require("tslab/dist/jupyter.js") as {
    ZmqServer: ServerClass & { prototype: Server };
    JupyterHandlerImpl: new (e: unknown, js: boolean) => { handleKernel(): unknown };
  };
  const key = "test-key";
  let dir = "";
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "kernel-sockets-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** A signed kernel_info_request as a client's frames reach the shell socket (identity, delimiter, HMAC, parts). */
  function kernelInfoRequest(): Buffer[] {
    const parts = [
      {
        msg_id: "m1",
        session: "s1",
        username: "u",
        msg_type: "kernel_info_request",
        version: "5.3",
        date: new Date(0).toISOString(),
      },
      {},
      {},
      {},
    ].map((p) => Buffer.from(JSON.stringify(p)));
    const hmac = createHmac("sha256", key);
    for (const p of parts) hmac.update(p);
    return [Buffer.from("client"), Buffer.from("<IDS|MSG>"), Buffer.from(hmac.digest("hex")), ...parts];
  }

  /**
   * Starts a server on wildcard ports and hands it a request while its iopub bind is still running (the race a slow
   * thread pool opens: the shell socket bound and read from, iopub not yet bound); resolves to the request's outcome.
   */
  async function requestDuringIopubBind(Server: ServerClass): Promise<{ error: Error | null; infoReplies: number }> {
    const config = join(dir, `kernel-${Math.random().toString(36).slice(2)}.json`);
    const ports = { shell_port: "*", iopub_port: "*", control_port: "*", stdin_port: "*", hb_port: "*" };
    writeFileSync(
      config,
      JSON.stringify({ transport: "tcp", ip: "127.0.0.1", key, signature_scheme: "hmac-sha256", ...ports }),
    );
    const handler = new jupyter.JupyterHandlerImpl(null, false);
    let infoReplies = 0;
    const handleKernel = handler.handleKernel.bind(handler);
    handler.handleKernel = () => (infoReplies++, handleKernel());
    const server = new Server(handler, config);
    let request: Promise<Error | null> | null = null;
    const bindSocket = server.bindSocket;
    server.bindSocket = function (this: Server, sock: unknown, port: string) {
      const bound = bindSocket.call(this, sock, port); // zeromq marks the socket blocked until the bind completes
      if (sock === this.iopub)
        request = this.handleShellMessage(this.shell, ...kernelInfoRequest()).then(
          () => null,
          (e: Error) => e,
        );
      return bound;
    };
    await server.init();
    const error = await request;
    for (const name of ["iopub", "shell", "control", "stdin", "hb"])
      (server as unknown as Record<string, { close(): void }>)[name].close();
    return { error, infoReplies };
  }

  it(
    "answers a request that arrives while a socket is still binding, instead of failing with zeromq's " + "EBUSY",
    async () => {
      // tslab's own server: the "busy" status is published on the blocked iopub socket (the notebook test's failure).
      class Unheld extends jupyter.ZmqServer {}
      const before = jupyter.ZmqServer.prototype;
      Object.assign(Unheld.prototype, { init: before.init, handleShellMessage: before.handleShellMessage });
      const plain = await requestDuringIopubBind(Unheld);
      assert.match(String(plain.error?.message), /Socket is blocked by a bind or unbind operation/);
      assert.equal(plain.infoReplies, 0);
      holdShellUntilBound(jupyter.ZmqServer);
      const held = await requestDuringIopubBind(jupyter.ZmqServer);
      assert.equal(held.error, null);
      assert.equal(held.infoReplies, 1, "the kernel_info_request is answered once every socket is bound");
    },
  );

  it(
    "sends every message of a burst, in order, where zeromq alone throws EBUSY after 512 (stream texts " + "merged)",
    async () => {
      const zmq = require("zeromq") as typeof import("zeromq");
      /** A stream message as tslab signs it (identity, delimiter, HMAC, header, parent, metadata, content). */
      const stream = (name: string, text: string, parent = "p1") => {
        const parts = [{ msg_type: "stream", msg_id: `${Math.random()}` }, { msg_id: parent }, {}, { name, text }];
        const bodies = parts.map((p) => JSON.stringify(p));
        const hmac = createHmac("sha256", key);
        for (const b of bodies) hmac.update(b);
        return [Buffer.from("topic"), Buffer.from("<IDS|MSG>"), hmac.digest("hex"), ...bodies];
      };
      const status = (state: string) => {
        const bodies = [{ msg_type: "status" }, { msg_id: "p1" }, {}, { execution_state: state }].map((p) =>
          JSON.stringify(p),
        );
        return [Buffer.from("topic"), Buffer.from("<IDS|MSG>"), "unsigned", ...bodies];
      };
      const burst = async (wrap: boolean) => {
        const pub = new zmq.Publisher();
        const sub = new zmq.Subscriber({ receiveHighWaterMark: 0 });
        await pub.bind("tcp://127.0.0.1:*");
        sub.connect(pub.lastEndpoint as string);
        sub.subscribe();
        await new Promise((r) => setTimeout(r, 300)); // the subscription reaches the publisher
        type Sender = { send(frames: unknown[]): Promise<void> };
        const socket = wrap ? queuedSends(pub as unknown as Sender, key) : (pub as unknown as Sender);
        let thrown = 0;
        for (let i = 0; i < 3000; i++) {
          try {
            void socket.send(stream(i === 2000 ? "stderr" : "stdout", `line ${i}\n`)).catch(() => undefined);
          } catch {
            thrown++;
          }
        }
        // Queued, "idle" comes after every line; alone, zeromq needs a turn of the event loop before it sends again.
        if (!wrap) await new Promise((r) => setTimeout(r, 50));
        void socket.send(status("idle")).catch(() => undefined);
        const texts: string[] = [];
        for (;;) {
          const frames = await sub.receive();
          const [header, , , content] = frames.slice(3).map((f) => JSON.parse(f.toString()) as Record<string, string>);
          if (header.msg_type === "status") break;
          const hmac = createHmac("sha256", key);
          for (const f of frames.slice(3)) hmac.update(f);
          assert.equal(frames[2].toString(), hmac.digest("hex"), "a merged message is signed anew");
          texts.push(`${content.name}:${content.text}`);
        }
        pub.close();
        sub.close();
        return { thrown, texts };
      };
      const plain = await burst(false);
      assert.ok(plain.thrown > 2000, `zeromq alone refused ${plain.thrown} of 3000 sends`);
      const queued = await burst(true);
      assert.equal(queued.thrown, 0);
      const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => `line ${from + k}\n`);
      const stdout = queued.texts.filter((t) => t.startsWith("stdout:")).map((t) => t.slice("stdout:".length));
      assert.deepEqual(stdout.join(""), [...lines(0, 2000), ...lines(2001, 3000)].join(""));
      assert.deepEqual(
        queued.texts.filter((t) => t.startsWith("stderr:")),
        ["stderr:line 2000\n"],
      );
      const stderrAt = queued.texts.indexOf("stderr:line 2000\n");
      assert.ok(queued.texts.slice(0, stderrAt).join("").endsWith("line 1999\n"), "stderr keeps its place");
      assert.ok(queued.texts.length < 600, `${queued.texts.length} messages: those queued were merged`);
    },
  );
});
