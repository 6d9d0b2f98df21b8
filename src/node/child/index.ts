// Child processes a parent keeps running (the engine worker, the embedded SMP server): the
// parent's port to a child and its supervisor with backoff, and the child's channel to its parent.
// Generic: each pair brings its own zod-checked messages.
export { describeExit, ExitNotice, forkChild, type ChildPort, type SpawnChild } from './child-port';
export { connectToParent, type ParentChannel, type ParentChannelOptions } from './parent-channel';
export {
  ChildSupervisor,
  restartDelay,
  type ChildExit,
  type ChildSupervisorOptions,
  type RestartPolicy,
  type SupervisorLog,
} from './supervisor';
