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
}

export interface NewRuleVersion {
  key: string;
  version: string;
  value: unknown;
  unit?: string | null;
  source: string;
  effectiveFrom: string;
}
