// Policy rule shapes (docs/api-projects.md, "Catalogue and rules").
export interface PolicyRule {
  key: string;
  version: string;
  value: unknown;
  unit: string | null;
  source: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  publishedAt: string;
  /** The rule's name, value and unit in words, in the interface's language (the server's). */
  name?: string;
  valueText?: string;
  unitText?: string | null;
}

export interface NewRuleVersion {
  key: string;
  version: string;
  value: unknown;
  unit?: string | null;
  source: string;
  effectiveFrom: string;
}
