/** Fills a message's `{name}` placeholders; a missing value keeps its placeholder visible. */
export function interpolate(template: string, vars: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? `{${k}}`);
}
