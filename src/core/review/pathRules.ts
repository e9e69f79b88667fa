/** The size rule the review adds on top of the path gate (./pathGate.ts). */

/** Files above this are refused: diffing and holding them would stall the extension host. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

export function tooLargeMessage(path: string, bytes: number): string {
  const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
  return `${path} is ${mb(bytes)} MB; files over ${mb(MAX_FILE_BYTES)} MB are not edited through the review.`;
}
