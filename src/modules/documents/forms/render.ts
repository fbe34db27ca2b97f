/**
 * Rendering the one-stop forms to PDF. `renderForm(setId, formNo, vm)` renders one form of one set;
 * `renderFormFor(receivedOn, vm)` picks the set by the dossier's receipt date and the form by the
 * view model's kind, which is what callers usually want (the form number of the control slip
 * depends on the set).
 */
import { AppError } from '../../../kernel/errors.ts';
import { renderApology } from './apology.ts';
import type { FormContext } from './common.ts';
import { renderControlSlip } from './control-slip.ts';
import { type FormDefinition, type FormSetId, formDefinition, formFor, formSetById } from './form-sets.ts';
import { renderReceipt } from './receipt.ts';
import { renderRefusal } from './refusal.ts';
import { renderRegister } from './register.ts';
import { renderStopProcessing } from './stop-processing.ts';
import { renderSupplement } from './supplement.ts';
import type { FormViewModel } from './view-models.ts';

function render(ctx: FormContext, vm: FormViewModel): Promise<Buffer> {
  switch (vm.kind) {
    case 'receipt':
      return renderReceipt(ctx, vm);
    case 'supplement':
      return renderSupplement(ctx, vm);
    case 'refusal':
      return renderRefusal(ctx, vm);
    case 'apology':
      return renderApology(ctx, vm);
    case 'stop':
      return renderStopProcessing(ctx, vm);
    case 'control':
      return renderControlSlip(ctx, vm);
    case 'register':
      return renderRegister(ctx, vm);
  }
}

/**
 * Renders form `formNo` of set `setId` with `viewModel`. Throws `DOCUMENT_FORM_NOT_FOUND` for an
 * unknown set or number and `DOCUMENT_FORM_MISMATCH` when the view model is for another kind of form
 * (e.g. a control-slip view model for 2025's form 05, which is the stop-processing notice).
 */
export async function renderForm(
  setId: FormSetId,
  formNo: string,
  viewModel: FormViewModel,
): Promise<Buffer> {
  const set = formSetById(setId);
  const form = formDefinition(setId, formNo);
  if (form.kind !== viewModel.kind) {
    throw new AppError('DOCUMENT_FORM_MISMATCH', {
      details: { setId, formNo: form.no, expected: form.kind, given: viewModel.kind },
    });
  }
  return render({ set, form }, viewModel);
}

/** Renders the form of `viewModel.kind` from the set in force on `receivedOn` (`YYYY-MM-DD`). */
export async function renderFormFor(
  receivedOn: string,
  viewModel: FormViewModel,
): Promise<{ readonly setId: FormSetId; readonly form: FormDefinition; readonly pdf: Buffer }> {
  const { setId, ...form } = formFor(receivedOn, viewModel.kind);
  const pdf = await render({ set: formSetById(setId), form }, viewModel);
  return { setId, form, pdf };
}
