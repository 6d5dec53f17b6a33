import { ChatTopicsError, type ErrorKind } from '../errors';

/** A model registry operation that cannot be done: the message names the registry directory and the model id. */
export class ModelRegistryError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'conflict';
}

/** No model version with this id in the registry (nor among the built-in models). */
export class UnknownModelError extends ModelRegistryError {
  static override readonly kind: ErrorKind = 'not-found';

  constructor(
    readonly modelId: string,
    registryDir: string,
  ) {
    super(`model registry ${registryDir}: no model "${modelId}" (chat-topics model list shows the versions)`);
  }
}

/** A version with this `<name>@<version>` is already in the registry: versions are immutable, never replaced. */
export class ModelExistsError extends ModelRegistryError {
  static override readonly kind: ErrorKind = 'conflict';

  constructor(
    readonly modelId: string,
    registryDir: string,
  ) {
    super(`model registry ${registryDir}: "${modelId}" is already installed; give the new model another version`);
  }
}

/** The registry state's database cannot be reached or refused a call (PostgreSQL away, a schema too new). */
export class RegistryStateError extends ModelRegistryError {
  static override readonly kind: ErrorKind = 'upstream';
}
