/** Display helpers shared by the postal pages and PDFs. */

/** `58000` → `58.000 đ` (Vietnamese thousands separator). */
export function formatVnd(amount: number): string {
  const sign = amount < 0 ? '−' : '';
  return `${sign}${String(Math.abs(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đ`;
}
