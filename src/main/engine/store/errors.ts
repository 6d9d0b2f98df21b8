/** A stored row does not have the shape this version expects (a damaged or foreign file). */
export class StoreDataError extends Error {
  override readonly name = 'StoreDataError';
}
