// Work a tslab kernel defers until it has answered its first request (in practice Jupyter's kernel_info_request, which
// front ends and nbclient wait for before they call the kernel started): the chart renderer's browser driver and
// browser. Started with the kernel, they took the second core (and on a loaded machine, the first) while the kernel
// built its TypeScript program and answered; from here they overlap the front end's connection and first cells instead.

export interface ShellServer {
  prototype: { handleShellMessage(sock: unknown, ...frames: unknown[]): Promise<void> };
}

interface Pending {
  answered: boolean;
  readonly queued: (() => void)[];
}

const servers = new WeakMap<object, Pending>();

/**
 * Runs `fn` once the kernel's server has answered its first shell request (soon, if it has already). Hooks the server
 * class (tslab's ZmqServer; another for the test) on the first call.
 */
export function afterFirstReply(
  fn: () => void,
  server: ShellServer = (require("tslab/dist/jupyter.js") as { ZmqServer: ShellServer }).ZmqServer,
): void {
  const proto = server.prototype;
  let pending = servers.get(proto);
  if (pending?.answered) {
    setImmediate(fn);
    return;
  }
  if (pending) {
    pending.queued.push(fn);
    return;
  }
  const state: Pending = { answered: false, queued: [fn] };
  pending = state;
  servers.set(proto, state);
  const handle = proto.handleShellMessage;
  proto.handleShellMessage = async function (this: unknown, sock: unknown, ...frames: unknown[]) {
    try {
      return await handle.call(this, sock, ...frames);
    } finally {
      if (!state.answered) {
        state.answered = true;
        // After the reply's own writes (tslab publishes "idle" as it returns).
        setImmediate(() => {
          for (const f of state.queued.splice(0)) f();
        });
      }
    }
  };
}
