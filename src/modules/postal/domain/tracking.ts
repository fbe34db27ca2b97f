/**
 * Public tracking (no sign-in): the steps of an item with their times and place names. Only
 * non-personal data: never a name (applicant, recipient or staff), phone, ID number or address —
 * a step at the citizen's address has no place, a step at the counter names the service point.
 * Pure: events and service point names are passed in.
 */
import type { FailReason, ItemStatus, Leg, RecordedEventType } from './lifecycle.ts';

type Text = { readonly vi: string; readonly en: string };

export interface TrackingEventInput {
  readonly type: RecordedEventType;
  readonly at: Date;
  readonly to: ItemStatus;
  readonly place: string | null;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface TrackingStep {
  readonly at: string;
  readonly status: ItemStatus;
  readonly label: Text;
  readonly place: string | null;
}

export interface TrackingItem {
  readonly trackingNumber: string;
  readonly leg: Leg;
  readonly status: ItemStatus;
  readonly statusLabel: Text;
  readonly steps: readonly TrackingStep[];
}

export const STATUS_LABELS: Readonly<Record<ItemStatus, Text>> = {
  created: { vi: 'Đã tiếp nhận yêu cầu', en: 'Request registered' },
  assigned: { vi: 'Đã phân công bưu tá', en: 'Courier assigned' },
  picked_up: { vi: 'Bưu tá đã nhận hồ sơ', en: 'Collected by the courier' },
  handover_pending: { vi: 'Đang bàn giao', en: 'Being handed over' },
  at_counter: { vi: 'Bộ phận một cửa đã nhận hồ sơ', en: 'Received at the one-stop counter' },
  with_courier: { vi: 'Bưu tá đã nhận kết quả', en: 'Result with the courier' },
  out_for_delivery: { vi: 'Đang phát', en: 'Out for delivery' },
  attempt_failed: { vi: 'Phát không thành công', en: 'Delivery attempt failed' },
  return_pending: { vi: 'Đang chuyển trả về bộ phận một cửa', en: 'Being returned to the counter' },
  delivered: { vi: 'Đã phát thành công', en: 'Delivered' },
  returned: { vi: 'Đã chuyển trả về bộ phận một cửa', en: 'Returned to the counter' },
  cancelled: { vi: 'Đã hủy yêu cầu', en: 'Request cancelled' },
};

export const FAIL_REASON_LABELS: Readonly<Record<FailReason, Text>> = {
  absent: { vi: 'Không gặp người dân tại địa chỉ', en: 'Nobody at the address' },
  refused: { vi: 'Người dân từ chối nhận', en: 'Refused by the citizen' },
  wrong_address: { vi: 'Sai hoặc không tìm thấy địa chỉ', en: 'Wrong or unknown address' },
  unpaid: { vi: 'Chưa thanh toán được cước hoặc phí', en: 'Postage or fees not paid' },
  incomplete: { vi: 'Hồ sơ chưa đầy đủ', en: 'Dossier incomplete' },
  other: { vi: 'Lý do khác', en: 'Other reason' },
};

function stepLabel(leg: Leg, e: TrackingEventInput): Text {
  switch (e.type) {
    case 'created':
      return leg === 'pickup'
        ? { vi: 'Đã tiếp nhận yêu cầu thu gom hồ sơ', en: 'Pickup request registered' }
        : { vi: 'Đã tiếp nhận yêu cầu phát kết quả', en: 'Delivery request registered' };
    case 'assign':
      return STATUS_LABELS.assigned;
    case 'guide':
      return {
        vi: 'Bưu tá đã hướng dẫn bổ sung hồ sơ',
        en: 'The courier gave guidance on missing documents',
      };
    case 'pick-up':
      return { vi: 'Bưu tá đã nhận và niêm phong hồ sơ', en: 'Dossier collected and sealed' };
    case 'hand-over':
      return e.to === 'return_pending'
        ? STATUS_LABELS.return_pending
        : leg === 'pickup'
          ? { vi: 'Bưu tá đã bàn giao hồ sơ', en: 'Handed over by the courier' }
          : { vi: 'Bộ phận một cửa đã giao kết quả cho bưu tá', en: 'Result handed to the courier' };
    case 'take-over':
      return STATUS_LABELS[e.to];
    case 'out-for-delivery':
      return STATUS_LABELS.out_for_delivery;
    case 'deliver':
      return STATUS_LABELS.delivered;
    case 'fail-attempt': {
      const reason = FAIL_REASON_LABELS[e.data.reason as FailReason] as Text | undefined;
      const base =
        leg === 'pickup'
          ? { vi: 'Thu gom không thành công', en: 'Pickup attempt failed' }
          : STATUS_LABELS.attempt_failed;
      return reason ? { vi: `${base.vi}: ${reason.vi}`, en: `${base.en}: ${reason.en}` } : base;
    }
    case 'cancel':
      return STATUS_LABELS.cancelled;
  }
}

/** The public view of an item: steps in order, place names only for service points. */
export function trackingView(
  item: { readonly trackingNumber: string; readonly leg: Leg; readonly status: ItemStatus },
  events: readonly TrackingEventInput[],
  placeNames: ReadonlyMap<string, string>,
): TrackingItem {
  return {
    trackingNumber: item.trackingNumber,
    leg: item.leg,
    status: item.status,
    statusLabel: STATUS_LABELS[item.status],
    steps: [...events]
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .map((e) => ({
        at: e.at.toISOString(),
        status: e.to,
        label: stepLabel(item.leg, e),
        place: e.place === null ? null : (placeNames.get(e.place) ?? null),
      })),
  };
}
