import type { TopicTerm } from '../../../contracts/analysis';

/**
 * How each folded term was written across a set of messages, to show labels as people wrote them: terms are matched
 * folded ("carte mere" == "Carte Mère"), labels show the most frequent form ("carte mère").
 *
 * @example
 * const forms = new SurfaceForms();
 * forms.add(['carte mere'], ['carte mère']); forms.add(['carte mere'], ['carte mere']); forms.add(['carte mere'], ['carte mère']);
 * forms.display([{ term: 'carte mere', score: 1 }]); // [{ term: 'carte mère', score: 1 }]
 */
export class SurfaceForms {
  private readonly counts = new Map<string, Map<string, number>>();

  /** Records one message's terms and the forms they were written in (aligned). */
  add(terms: readonly string[], forms: readonly string[]): void {
    terms.forEach((term, i) => {
      const form = forms[i] ?? term;
      let byForm = this.counts.get(term);
      if (!byForm) this.counts.set(term, (byForm = new Map()));
      byForm.set(form, (byForm.get(form) ?? 0) + 1);
    });
  }

  /** The most frequent form of a term (ties: the first seen); the term itself when it was never recorded. */
  formOf(term: string): string {
    const byForm = this.counts.get(term);
    if (!byForm) return term;
    let best = term;
    let count = 0;
    for (const [form, c] of byForm) if (c > count) [best, count] = [form, c];
    return best;
  }

  /** Label terms with each term shown in its most frequent form. */
  display(terms: readonly TopicTerm[]): TopicTerm[] {
    return terms.map((t) => ({ term: this.formOf(t.term), score: t.score }));
  }
}
