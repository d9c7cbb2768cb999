/** Handling time in minutes, one decimal ('—' when unknown), as the review pages show it. */
export function minutesOf(seconds: number | null): string {
  return seconds === null ? '—' : String(Math.round((seconds / 60) * 10) / 10);
}
