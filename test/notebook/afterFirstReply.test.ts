// afterFirstReply (the kernel's deferred renderer warm-up) on a stand-in for tslab's ZmqServer: nothing runs before the
// first request is answered, everything queued runs once after it, and later calls run at once.
import { strict as assert } from "node:assert";
import { afterFirstReply } from "../../src/notebook/afterFirstReply";

const tick = () => new Promise((r) => setImmediate(r));

describe("afterFirstReply", () => {
  it("runs queued work once, after the first shell request has been answered, and later work at once", async () => {
    const log: string[] = [];
    class Server {
      async handleShellMessage(_sock: unknown, ...frames: unknown[]): Promise<void> {
        await tick();
        log.push(`answered ${String(frames[0])}`);
      }
    }
    afterFirstReply(() => log.push("warm 1"), Server);
    afterFirstReply(() => log.push("warm 2"), Server);
    await tick();
    assert.equal(log.length, 0, "nothing before a request");
    const server = new Server();
    await server.handleShellMessage(null, "kernel_info");
    await tick();
    assert.deepEqual(log, ["answered kernel_info", "warm 1", "warm 2"]);
    await server.handleShellMessage(null, "execute");
    afterFirstReply(() => log.push("warm 3"), Server);
    await tick();
    assert.deepEqual(log, ["answered kernel_info", "warm 1", "warm 2", "answered execute", "warm 3"]);
  });

  it("counts a request that failed as answered", async () => {
    const log: string[] = [];
    class Server {
      async handleShellMessage(..._frames: unknown[]): Promise<void> {
        throw new Error("bad message");
      }
    }
    afterFirstReply(() => log.push("warm"), Server);
    await assert.rejects(new Server().handleShellMessage(null), /bad message/);
    await tick();
    assert.deepEqual(log, ["warm"]);
  });
});
