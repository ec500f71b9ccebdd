import type { DataQualityRulesetSettings } from '@genai-sandbox/config';

/**
 * The DQDL document of one configured ruleset (AWS Glue, "DQDL reference"): `ColumnCount > 0`
 * (the crawler found a schema), `RowCount >= n`, `IsComplete "c"` or `Completeness "c" >= r` per
 * required column, `IsUnique "c"` per unique column. Column names are plain identifiers
 * (checked by the configuration schema), so quoting them is safe.
 */
export function renderDqdl(settings: DataQualityRulesetSettings): string {
  const rules = [
    'ColumnCount > 0',
    `RowCount >= ${settings.minimumRowCount}`,
    ...settings.requiredColumns.map((column) =>
      settings.minimumCompleteness === 1
        ? `IsComplete "${column}"`
        : `Completeness "${column}" >= ${settings.minimumCompleteness}`,
    ),
    ...settings.uniqueColumns.map((column) => `IsUnique "${column}"`),
  ];
  return `Rules = [\n  ${rules.join(',\n  ')}\n]`;
}
