/**
 * Vietnamese names of lunar dates: the sexagenary year name (Can Chi: Bính Ngọ), the month names
 * (Giêng … Chạp) and day names (mùng 1 … mùng 10, then 11 … 30). Pure.
 */
import type { LunarDate } from '../../../kernel/calendar/index.ts';

const CAN = ['Giáp', 'Ất', 'Bính', 'Đinh', 'Mậu', 'Kỷ', 'Canh', 'Tân', 'Nhâm', 'Quý'] as const;
const CHI = ['Tý', 'Sửu', 'Dần', 'Mão', 'Thìn', 'Tỵ', 'Ngọ', 'Mùi', 'Thân', 'Dậu', 'Tuất', 'Hợi'] as const;
const MONTHS = [
  'Giêng',
  'Hai',
  'Ba',
  'Tư',
  'Năm',
  'Sáu',
  'Bảy',
  'Tám',
  'Chín',
  'Mười',
  'Mười Một',
  'Chạp',
] as const;

/** The Can Chi name of a lunar year: 2026 → "Bính Ngọ", 2025 → "Ất Tỵ", 1984 → "Giáp Tý". */
export function canChiOfYear(year: number): string {
  const can = CAN[(((year + 6) % 10) + 10) % 10] ?? '';
  const chi = CHI[(((year + 8) % 12) + 12) % 12] ?? '';
  return `${can} ${chi}`;
}

/** "tháng Giêng", "tháng Chạp", "tháng Tư nhuận". */
export function lunarMonthName(month: number, leap: boolean): string {
  return `tháng ${MONTHS[month - 1] ?? String(month)}${leap ? ' nhuận' : ''}`;
}

/** "mùng 1" … "mùng 10", then "11" … "30". */
export function lunarDayName(day: number): string {
  return day <= 10 ? `mùng ${day}` : String(day);
}

/** "mùng 1 tháng Giêng năm Bính Ngọ". */
export function formatLunarLong(lunar: LunarDate): string {
  return `${lunarDayName(lunar.day)} ${lunarMonthName(lunar.month, lunar.leap)} năm ${canChiOfYear(lunar.year)}`;
}

/** "1/1" or "15/4 nhuận" (day/month), compact for tables. */
export function formatLunarShort(lunar: LunarDate): string {
  return `${lunar.day}/${lunar.month}${lunar.leap ? ' nhuận' : ''}`;
}
