import path from 'node:path';
import type { HubImportRequest } from '../../contracts/training';
import { DEFAULT_HUB_ENDPOINT, downloadHubModel } from '../../models/hub';

/**
 * Downloads a HuggingFace ConvBERT repo into `<workDir>/download` and converts it with the model importer into
 * `<workDir>/model` (the same path as `chat-topics model import owner/repo`). The network is used here only,
 * when an admin asks for it.
 *
 * @param options `endpoint` of the hub (default huggingface.co), `token` for private repos
 * @returns the converted model directory
 */
export async function importFromHub(
  request: HubImportRequest,
  workDir: string,
  options: { endpoint?: string; token?: string } = {},
): Promise<string> {
  // The format library brings the ONNX builder with it: loaded when an import happens, not at server start.
  const { importHfModel } = await import('../../models/format');
  const revision = request.revision ?? 'main';
  const download = path.join(workDir, 'download');
  const out = path.join(workDir, 'model');
  const result = await downloadHubModel(request.repo, download, {
    endpoint: options.endpoint ?? DEFAULT_HUB_ENDPOINT,
    revision,
    token: options.token,
  });
  importHfModel(download, out, {
    source: { kind: 'huggingface-hub', ref: request.repo, revision: result.commit ?? revision },
  });
  return out;
}
