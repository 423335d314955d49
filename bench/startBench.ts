import type { Report } from "./report";
export async function benchStart(_r: Report, _o: unknown): Promise<void> {}
