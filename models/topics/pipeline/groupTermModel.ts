import type { CTfIdfModel, SparseRows, SurfaceForms } from '../labels';
import type { GroupTermModel } from './stages/Labeller';

/**
 * The term counts of each group of a fitted c-TF-IDF, as plain data: the fit turned its class counts into weights in
 * place, so the counts are summed again from the messages' rows (one pass over the term matrix).
 *
 * @param model the c-TF-IDF the labels came from (class 0 is noise, class g + 1 is group g)
 * @param forms how chat wrote each term, for the vocabulary's display form
 */
export function groupTermModel(model: CTfIdfModel, forms: SurfaceForms): GroupTermModel {
  const { rows, vocabulary } = model.terms;
  const { members } = model;
  const v = vocabulary.length;
  const scratch = new Float64Array(v);
  const touched = new Int32Array(v);
  const start = new Int32Array(model.nTopics + 1);
  const ids: number[] = [];
  const values: number[] = [];
  for (let g = 0; g < model.nTopics; g++) {
    start[g] = ids.length;
    let nTouched = 0;
    for (let m = members.start[g + 1]!; m < members.start[g + 2]!; m++) {
      const r = members.ids[m]!;
      for (let e = rows.start[r]!; e < rows.start[r + 1]!; e++) {
        const id = rows.ids[e]!;
        if (scratch[id] === 0) touched[nTouched++] = id;
        scratch[id]! += rows.values[e]!;
      }
    }
    for (let i = 0; i < nTouched; i++) {
      ids.push(touched[i]!);
      values.push(scratch[touched[i]!]!);
      scratch[touched[i]!] = 0;
    }
  }
  start[model.nTopics] = ids.length;
  const counts: SparseRows = { start, ids: Int32Array.from(ids), values: Float64Array.from(values) };
  return { vocabulary: vocabulary.map((t) => forms.formOf(t)), idf: model.idf, counts };
}
