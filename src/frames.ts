// The library's DataFrame entry point: `import { loadDataFrames } from "../build/frames"` in a notebook. Kept apart
// from the main entry (src/index.ts) so that a notebook which never uses a DataFrame does not pay for danfojs's type
// declarations in the kernel's type check (src/dataset/loadDataFrames.ts).
export { loadDataFrames } from "./dataset/loadDataFrames";
export { checkedFrame, sortOrder } from "./dataset/checkedFrame";
