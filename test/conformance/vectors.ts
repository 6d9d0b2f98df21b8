// Loads the upstream conformance vectors (copied from ../shared/conformance into the repo so that a
// clean clone can run them). Each vector is fetched by its exact name, and that name must appear
// literally in a test file: coverage.test.ts checks that every vector is tested or listed pending.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/conformance');

export interface SimplexmqVector {
  name: string;
  input: unknown;
  expected: unknown;
  notes: string;
}

export interface ChatVector {
  name: string;
  json: string;
  event: string;
  notes: string;
}

export interface SmpWebVectors {
  source: string;
  vectors: Record<string, unknown>;
  inputs: Record<string, string>;
}

function load<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8')) as T;
}

export const simplexmqVectors = load<SimplexmqVector[]>('simplexmq-vectors.json');
export const chatVectors = load<ChatVector[]>('simplex-chat-vectors.json');
export const smpWebVectors = load<SmpWebVectors>('smp-web-vectors.json');

export function mqVector<I = Record<string, unknown>, E = Record<string, unknown>>(
  name: string,
): { input: I; expected: E; notes: string } {
  const v = simplexmqVectors.find((x) => x.name === name);
  if (!v) throw new Error(`no simplexmq vector named ${name}`);
  return v as unknown as { input: I; expected: E; notes: string };
}

export function webVector<T = unknown>(name: string): T {
  if (!(name in smpWebVectors.vectors)) throw new Error(`no smp-web vector named ${name}`);
  return smpWebVectors.vectors[name] as T;
}

/** `seq(from, n)` of the smp-web vectors: the bytes from, from+1, … (mod 256). */
export function seq(from: number, n: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (from + i) & 0xff);
}
