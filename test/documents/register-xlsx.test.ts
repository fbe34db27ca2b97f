/**
 * The register export opens in exceljs with the numbers, dates and texts it was given, typed as
 * numbers and dates (not strings), with the header frozen and filterable.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  REGISTER_HEADER_ROW,
  REGISTER_SHEET,
  REGISTER_XLSX_COLUMNS,
  renderRegisterXlsx,
} from '../../src/modules/documents/register-xlsx.ts';
import { APPLICANT, registerRows } from './fixtures.ts';

const rows = registerRows(5);
let sheet: ExcelJS.Worksheet;
let workbook: ExcelJS.Workbook;

beforeAll(async () => {
  const bytes = await renderRegisterXlsx(rows, {
    parentAgency: 'UBND huyện Đắk Đoa',
    unit: 'Bộ phận Tiếp nhận và Trả kết quả',
    bookNo: '03',
    period: 'Từ ngày 01/09/2022 đến ngày 30/09/2022',
    generatedAt: '2022-09-30T10:00:00.000Z',
  });
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const found = workbook.getWorksheet(REGISTER_SHEET);
  if (found === undefined) throw new Error('sheet missing');
  sheet = found;
});

const header = () => (sheet.getRow(REGISTER_HEADER_ROW).values as unknown[]).slice(1);
const cell = (rowIndex: number, header: string) =>
  sheet
    .getRow(REGISTER_HEADER_ROW + 1 + rowIndex)
    .getCell(REGISTER_XLSX_COLUMNS.findIndex((c) => c.header === header) + 1);

describe('register XLSX', () => {
  it('has the fourteen Vietnamese headers in order', () => {
    expect(header()).toEqual([
      'STT',
      'Mã hồ sơ',
      'Tên TTHC',
      'Số lượng hồ sơ (bộ)',
      'Tên cá nhân, tổ chức',
      'Địa chỉ, số điện thoại',
      'Cơ quan chủ trì giải quyết',
      'Ngày nhận hồ sơ',
      'Hẹn trả kết quả',
      'Chuyển hồ sơ đến cơ quan giải quyết',
      'Có kết quả giải quyết',
      'Trả kết quả',
      'Ký nhận',
      'Ghi chú',
    ]);
    expect(sheet.getCell(2, 1).value).toBe('SỔ THEO DÕI HỒ SƠ');
    expect(sheet.getCell(3, 1).value).toBe('Quyển số: 03 — Từ ngày 01/09/2022 đến ngày 30/09/2022');
  });

  it('writes one row per dossier, counts and sequence numbers as numbers equal to the input', () => {
    expect(sheet.rowCount).toBe(REGISTER_HEADER_ROW + rows.length);
    rows.forEach((r, i) => {
      expect(cell(i, 'STT').value).toBe(r.sequence);
      expect(cell(i, 'Số lượng hồ sơ (bộ)').value).toBe(r.setCount);
      expect(typeof cell(i, 'Số lượng hồ sơ (bộ)').value).toBe('number');
      expect(cell(i, 'Mã hồ sơ').value).toBe(r.dossierCode);
    });
    const total = rows.reduce((s, r) => s + r.setCount, 0);
    const read = rows.reduce((s, _, i) => s + Number(cell(i, 'Số lượng hồ sơ (bộ)').value), 0);
    expect(read).toBe(total);
    expect(cell(0, 'Tên cá nhân, tổ chức').value).toBe(APPLICANT);
    expect(cell(0, 'Địa chỉ, số điện thoại').value).toBe('Thôn 3, xã Glar, huyện Đắk Đoa, 0905 123 456');
  });

  it('writes dates as real dates at the Vietnam wall-clock time, blank when not reached', () => {
    const received = cell(0, 'Ngày nhận hồ sơ');
    expect(received.value).toBeInstanceOf(Date);
    expect((received.value as Date).toISOString()).toBe('2022-09-14T08:30:00.000Z');
    expect(received.numFmt).toBe('dd/mm/yyyy hh:mm');
    const result = cell(0, 'Có kết quả giải quyết');
    expect((result.value as Date).toISOString()).toBe('2022-09-27T00:00:00.000Z');
    expect(result.numFmt).toBe('dd/mm/yyyy');
    expect(cell(1, 'Trả kết quả').value).toBeNull();
    expect(cell(1, 'Ghi chú').value).toBe('Bổ sung hồ sơ 1 lần');
  });

  it('freezes the header row, filters it, sizes the columns and prints A4 landscape', () => {
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: REGISTER_HEADER_ROW });
    expect(sheet.autoFilter).toBeDefined();
    expect(sheet.getColumn(3).width).toBe(40);
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(20);
    expect(sheet.pageSetup.orientation).toBe('landscape');
    expect(sheet.pageSetup.paperSize).toBe(9);
    expect(workbook.creator).toBe('MotCua');
  });

  it('refuses malformed dates instead of writing text', async () => {
    const bad = [{ ...rows[0]!, receivedAt: '14/09/2022' }];
    await expect(renderRegisterXlsx(bad, { unit: 'X', generatedAt: '2022-09-30T10:00:00Z' })).rejects.toThrow(
      RangeError,
    );
  });
});
