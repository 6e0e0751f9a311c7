// Bounds on the notebook kernels that executeNotebook starts (issue 21): memory, output, and lifetime.
//  - Memory: the kernel's V8 heap is capped (--max-old-space-size), and the runner stops a kernel whose resident memory
//    passes the same limit (Buffers and typed arrays live outside the heap): the run fails naming the cell.
//  - Output: a cell's output past OUTPUT_LIMITS is cut, with a note on the page and in the log saying how much was left
//    out; an output too large to hold even then (one huge string) is replaced by such a note.
//  - Lifetime: scripts/kernel-guard.js, preloaded into the kernel, stops it (and its browser) when its runner is gone;
//    the runner stops the kernel when its own parent is gone.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { repoRoot } from "./jupyterEnv";

/** Default memory limit of one kernel, in MiB: notebooks of this project use under 1 GB; two run at once. */
export const DEFAULT_KERNEL_MEMORY_MB = 4096;

/** What one cell may show: lines and characters of text per output, bytes of any one output's data. */
const OUTPUT_LIMITS = { lines: 5000, chars: 2_000_000, dataBytes: 20_000_000 } as const;

/** The kernel memory limit: SPEEDRUN_KERNEL_MEMORY_MB if set (whole MiB, at least 256), else the default. */
function kernelMemoryMb(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SPEEDRUN_KERNEL_MEMORY_MB;
  if (raw === undefined || raw === "") return DEFAULT_KERNEL_MEMORY_MB;
  if (!/^\d+$/.test(raw) || Number(raw) < 256) {
    const shown = JSON.stringify(raw);
    throw new Error(`SPEEDRUN_KERNEL_MEMORY_MB: invalid value ${shown} (expected a whole number of MiB, at least 256)`);
  }
  return Number(raw);
}

/** Environment additions for the runner: the kernel's preload and heap cap (NODE_OPTIONS), and the runner's limits. */
export function kernelGuardEnv(env: NodeJS.ProcessEnv, root: string = repoRoot): NodeJS.ProcessEnv {
  const mb = kernelMemoryMb(env);
  // The checkout's own guard, else this library's (src/notebook or build/notebook, two folders below the checkout).
  const guard = [
    resolve(root, "scripts", "kernel-guard.js"),
    resolve(__dirname, "..", "..", "scripts", "kernel-guard.js"),
  ].find(existsSync);
  const own = `${guard === undefined ? "" : `--require=${JSON.stringify(guard)} `}--max-old-space-size=${mb}`;
  return {
    NODE_OPTIONS: env.NODE_OPTIONS ? `${env.NODE_OPTIONS} ${own}` : own,
    SPEEDRUN_KERNEL_MEMORY_MB: String(mb),
    SPEEDRUN_OUTPUT_LIMITS: JSON.stringify(OUTPUT_LIMITS),
  };
}

/**
 * Python spliced into executeNotebook's runner (after on_executed): `cap_outputs(cell, index)` cuts a cell's outputs to
 * OUTPUT_LIMITS, leaving a note in the output and in `notes`; a daemon thread stops the kernel (and its descendants)
 * when its resident memory passes the limit (`guard_note` then holds the reason, which becomes the run's failure), and
 * stops kernel and runner when the runner's parent is gone.
 */
export const guardPython = String.raw`
import signal, threading
limits = json.loads(os.environ.get("SPEEDRUN_OUTPUT_LIMITS")
                    or '{"lines": 5000, "chars": 2000000, "dataBytes": 20000000}')
mem_mb = int(os.environ.get("SPEEDRUN_KERNEL_MEMORY_MB") or "0")
notes = []
guard_note = [None]
_capped = set()
def _count_lines(text):
    return text.count("\n") + (0 if text.endswith("\n") or text == "" else 1)
def _head(text, lines, chars):
    head = text[:chars]
    pos = 0
    for _ in range(lines):
        nl = head.find("\n", pos)
        if nl < 0:
            return head
        pos = nl + 1
    return head[:pos]
def _note(cell_index, what, n_lines, n_chars, shown_lines, shown_chars):
    note = ("[output cut: the first %s lines (%s characters) of %s lines (%s characters) are shown; "
            "the limit per cell is %s lines and %s characters of %s]" % (
                format(shown_lines, ","), format(shown_chars, ","), format(n_lines, ","), format(n_chars, ","),
                format(limits["lines"], ","), format(limits["chars"], ","), what))
    notes.append("%s: cell %d: %s" % (shown, cell_index + 1, note))
    return note
def _text(value):
    return "".join(value) if isinstance(value, list) else value
def cap_outputs(cell, cell_index):
    if cell_index in _capped:
        return
    outputs = cell.get("outputs", [])
    # Streams: counted over the whole cell (a loop printing a line at a time sends one output per line).
    streams = [o for o in outputs if o.get("output_type") == "stream"]
    joined = "".join(_text(o["text"]) for o in streams)
    total_lines, total_chars = _count_lines(joined), len(joined)
    del joined
    if total_lines > limits["lines"] or total_chars > limits["chars"]:
        lines_left, chars_left, kept, last = limits["lines"], limits["chars"], [], None
        for o in outputs:
            if o.get("output_type") != "stream":
                kept.append(o)
                continue
            if lines_left <= 0 or chars_left <= 0:
                continue
            text = _text(o["text"])
            head = _head(text, lines_left, chars_left)
            lines_left -= _count_lines(head)
            chars_left -= len(head)
            o["text"] = head
            kept.append(o)
            last = o
        if last is not None:
            shown_lines = limits["lines"] - max(lines_left, 0)
            shown_chars = limits["chars"] - max(chars_left, 0)
            last["text"] = last["text"] + ("" if last["text"].endswith("\n") or last["text"] == "" else "\n") + \
                _note(cell_index, "printed output", total_lines, total_chars, shown_lines, shown_chars) + "\n"
        outputs[:] = kept
    for o in outputs:
        if o.get("output_type") not in ("display_data", "execute_result"):
            continue
        data = o.get("data", {})
        for mime in list(data):
            value = data[mime]
            text = _text(value)
            if isinstance(text, str) and mime == "text/plain":
                n_lines, n_chars = _count_lines(text), len(text)
                if n_lines > limits["lines"] or n_chars > limits["chars"]:
                    head = _head(text, limits["lines"], limits["chars"])
                    data[mime] = head + ("" if head.endswith("\n") or head == "" else "\n") + \
                        _note(cell_index, "a result", n_lines, n_chars, _count_lines(head), len(head)) + "\n"
                continue
            size = len(text) if isinstance(text, str) else len(json.dumps(value))
            if size > limits["dataBytes"]:
                note = "[output cut: a %s output of %s bytes, over the limit of %s bytes per output, is not shown]" % (
                    mime, format(size, ","), format(limits["dataBytes"], ","))
                notes.append("%s: cell %d: %s" % (shown, cell_index + 1, note))
                del data[mime]
                data["text/plain"] = note
    _capped.add(cell_index)
def _descendants(root):
    children = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name) as f:
                stat = f.read()
            ppid = int(stat[stat.rindex(")") + 2:].split(" ")[1])
            children.setdefault(ppid, []).append(int(name))
        except Exception:
            pass
    out, stack = [], [root]
    while stack:
        for c in children.get(stack.pop(), []):
            out.append(c)
            stack.append(c)
    return out
def _kernel_pid():
    c = globals().get("client")
    try:
        return c.km.provisioner.process.pid
    except Exception:
        return None
def _stop(pid):
    for p in _descendants(pid) + [pid]:
        try:
            os.kill(p, signal.SIGKILL)
        except Exception:
            pass
def _rss_mb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except Exception:
        pass
    return 0
_parent = os.getppid()
def _guard():
    peak = 0
    while True:
        time.sleep(0.2)
        pid = _kernel_pid()
        if os.getppid() != _parent:
            if pid is not None:
                _stop(pid)
            os._exit(3)
        if pid is None or mem_mb <= 0 or guard_note[0] is not None:
            continue
        rss = _rss_mb(pid)
        if rss > mem_mb:
            cell = running[0]
            guard_note[0] = ("MemoryLimitError: the kernel used %d MiB, over the limit of %d MiB "
                             "(SPEEDRUN_KERNEL_MEMORY_MB)%s; it was stopped") % (
                                 rss, mem_mb, "" if cell is None else " in cell %d" % (cell + 1))
            _stop(pid)
threading.Thread(target=_guard, daemon=True).start()
`;
