import type { Report } from "./report";
export async function benchArticle(_r: Report, _o: unknown): Promise<void> {}
