/** The admin fill-mask playground: a model's MLM head on ONNX Runtime, top tokens at one `<mask>`. */
export { FillMaskError, type FillMaskErrorContext } from './errors';
export { FillMaskModel, MASK_TOKEN } from './FillMaskModel';
export { FillMaskCache } from './FillMaskCache';
export { topCandidates } from './topCandidates';
