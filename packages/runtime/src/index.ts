export { Coroutine, AwaitFrame, RAW, DONE } from "./coroutine.js";
export type { FrameInfo, StepFunction, SourceLocation, CoroutineState } from "./coroutine.js";
export { AWAIT } from "./protocol.js";
export { RuntimeError, CancelledError, InvalidStateError, TimeoutError } from "./errors.js";
