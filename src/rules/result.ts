/**
 * The machine-readable result (workbook.md "Machine-readable result"): a RowResult as the command
 * line's --json prints it. A RowResult also carries its texts' inputs (an action's day and detail,
 * a finding's arguments) so that the pane can render them in another language; those stay out.
 */
import type { Action, Finding, RowResult } from './types';

export type MachineAction = Pick<Action, 'code' | 'text'>;
export type MachineFinding = Omit<Finding, 'args'>;
export type MachineResult = Omit<RowResult, 'nextStep' | 'nextActions' | 'findings'> & {
  nextStep: MachineAction;
  nextActions: MachineAction[];
  findings: MachineFinding[];
};

const machineAction = ({ code, text }: Action): MachineAction => ({ code, text });
const machineFinding = ({ args: _args, ...finding }: Finding): MachineFinding => finding;

export function machineResult(result: RowResult): MachineResult {
  return {
    ...result,
    nextStep: machineAction(result.nextStep),
    nextActions: result.nextActions.map(machineAction),
    findings: result.findings.map(machineFinding),
  };
}
