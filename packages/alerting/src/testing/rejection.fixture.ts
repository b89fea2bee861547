/** The error a promise rejects with, typed for assertions; fails the test if it resolves. */
export async function rejection<E extends Error>(promise: Promise<unknown>): Promise<E> {
  try {
    await promise;
  } catch (error) {
    return error as E;
  }
  throw new Error('expected the promise to reject');
}
