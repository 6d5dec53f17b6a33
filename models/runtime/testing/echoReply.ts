/** What echoWorker.ts answers; an enum, so Node's own type stripping could not run the worker without tsx. */
export enum Reply {
  Echo = 'echo',
}
