/**
 * Demo data of the operations module (illustrative, like the demo staffing figures): a few named
 * counter staff at the provincial centre (post staff and BHXH / Công an staff) and at xã Ia Krái,
 * their training, and one inspection with a closed and an open corrective action.
 */
import type { Executor } from '../../adapters/db/database.ts';
import {
  inspectionActions,
  inspections,
  staffAssignments,
  staffMembers,
  trainingRecords,
} from '../../adapters/db/schema.ts';

// Fixed ids: the demo is the same on every fresh database.
const id = (n: number) => `00000000-0000-4000-8000-0000000008${String(n).padStart(2, '0')}`;

export async function loadDemoOperations(tx: Executor, now: Date) {
  const staff = [
    {
      id: id(1),
      fullName: 'Nguyễn Thị Tiếp Nhận',
      username: 'demo.clerk',
      employer: 'post',
      agencyCode: null,
    },
    {
      id: id(2),
      fullName: 'Rơ Châm H’Bia',
      username: 'demo.clerk.iakrai',
      employer: 'post',
      agencyCode: null,
    },
    { id: id(3), fullName: 'Đinh Văn Bảo Hiểm', username: null, employer: 'agency', agencyCode: 'BHXH-TINH' },
    { id: id(4), fullName: 'Lê Thị Công An', username: null, employer: 'agency', agencyCode: 'CONG-AN-TINH' },
  ];
  await tx.insert(staffMembers).values(staff.map((s) => ({ ...s, createdAt: now })));
  const assignment = (
    n: number,
    staffId: string,
    sp: string,
    counter: number,
    from: string,
    to: string | null,
  ) => ({
    id: id(10 + n),
    staffId,
    servicePointCode: sp,
    counterNo: counter,
    validFrom: from,
    validTo: to,
    createdAt: now,
  });
  await tx.insert(staffAssignments).values([
    // Before the 2025 reform at the provincial centre of old Gia Lai (H21.64), then at the new one (H21.52).
    assignment(1, id(1), 'H21.64', 3, '2020-02-21', '2025-06-30'),
    assignment(2, id(1), 'H21.52', 3, '2025-07-01', null),
    assignment(3, id(2), 'H21.52.23776', 1, '2025-07-01', null),
    assignment(4, id(3), 'H21.64', 12, '2020-02-21', '2025-06-30'),
    assignment(5, id(3), 'H21.52', 12, '2025-07-01', null),
    assignment(6, id(4), 'H21.64', 14, '2020-02-21', '2025-06-30'),
    assignment(7, id(4), 'H21.52', 14, '2025-07-01', null),
  ]);
  await tx.insert(trainingRecords).values([
    {
      id: id(21),
      staffId: id(1),
      course: 'Bồi dưỡng kỹ năng tiếp nhận và trả kết quả theo cơ chế một cửa',
      organiser: 'Học viện Hành chính Quốc gia',
      hours: 40,
      completedOn: '2020-06-12',
      certificateNo: 'HVHC-2020-0412',
      fields: ['Hộ tịch', 'Chứng thực'],
      createdAt: now,
    },
    {
      id: id(22),
      staffId: id(2),
      course: 'Tập huấn nghiệp vụ hộ tịch cấp xã',
      organiser: 'Sở Tư pháp tỉnh Gia Lai',
      hours: 16,
      completedOn: '2025-08-20',
      certificateNo: null,
      fields: ['Hộ tịch'],
      createdAt: now,
    },
  ]);
  await tx.insert(inspections).values({
    id: id(31),
    inspectedOn: '2025-12-10',
    inspector: 'Phòng Kiểm tra – Kiểm soát, Bưu điện tỉnh Gia Lai',
    servicePointCode: 'H21.52',
    findings:
      'Bảng niêm yết TTHC chưa cập nhật 3 thủ tục mới; sổ theo dõi hồ sơ ghi thiếu ngày trả kết quả ở 2 hồ sơ.',
    createdAt: now,
  });
  await tx.insert(inspectionActions).values([
    {
      id: id(41),
      inspectionId: id(31),
      description: 'Cập nhật bảng niêm yết TTHC theo quyết định công bố mới',
      responsible: 'Tổ trưởng quầy Bưu điện',
      dueOn: '2025-12-20',
      status: 'closed',
      closedOn: '2025-12-18',
      closureNote: 'Đã niêm yết đủ, có ảnh chụp lưu hồ sơ.',
      createdAt: now,
    },
    {
      id: id(42),
      inspectionId: id(31),
      description: 'Rà soát và bổ sung ngày trả kết quả trong sổ theo dõi hồ sơ',
      responsible: 'Nguyễn Thị Tiếp Nhận',
      dueOn: '2026-01-15',
      status: 'open',
      createdAt: now,
    },
  ]);
  return { staff: staff.length, assignments: 7, training: 2, inspections: 1 };
}
