/** A trained text classifier (first-level category). Pure computation once loaded. */
export interface ClassifierPort {
  readonly labels: readonly string[];
  classify(input: { readonly title?: string; readonly body: string }): {
    category: string;
    confidence: number;
  };
}
