/**
 * Solves A·x = b for a symmetric positive-definite A (row-major, size×size) by Cholesky decomposition,
 * as the normal equations of a ridge regression are. A is left untouched.
 */
export function solveSymmetricPositive(matrix: Float64Array, rhs: Float64Array, size: number): Float64Array {
  const lower = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i * size + j]!;
      for (let k = 0; k < j; k++) sum -= lower[i * size + k]! * lower[j * size + k]!;
      if (i === j) {
        if (!(sum > 0)) throw new Error(`matrix is not positive definite at row ${i}`);
        lower[i * size + i] = Math.sqrt(sum);
      } else {
        lower[i * size + j] = sum / lower[j * size + j]!;
      }
    }
  }
  const forward = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    let sum = rhs[i]!;
    for (let k = 0; k < i; k++) sum -= lower[i * size + k]! * forward[k]!;
    forward[i] = sum / lower[i * size + i]!;
  }
  const solution = new Float64Array(size);
  for (let i = size - 1; i >= 0; i--) {
    let sum = forward[i]!;
    for (let k = i + 1; k < size; k++) sum -= lower[k * size + i]! * solution[k]!;
    solution[i] = sum / lower[i * size + i]!;
  }
  return solution;
}
