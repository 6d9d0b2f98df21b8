// Vectors that belong to layers not built yet. Each entry says which layer will test it.
// coverage.test.ts fails if a vector is neither tested by name nor listed here, and also if a
// vector listed here is already tested (so this list only shrinks).
export const PENDING_VECTORS: Readonly<Record<string, string>> = {};
